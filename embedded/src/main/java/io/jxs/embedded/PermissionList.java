/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.jxs.embedded;

import java.util.ArrayList;
import java.util.List;

/**
 * A node's permission list: entry 0 names the owner and the access of every domain not listed; further entries grant
 * access to single domains. Entries are kept exactly as set (also for domains that do not exist), as C does.
 */
final class PermissionList {

    /** One entry: access letter ({@code n r w b}) and domain id (unsigned 32-bit, printed as C's {@code %i}). */
    record Entry(char access, int domid) {
        String toWire() {
            return access + Integer.toString(domid);
        }
    }

    static final PermissionList DOM0_NONE = new PermissionList(List.of(new Entry('n', 0)));

    private final List<Entry> entries;

    PermissionList(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses {@code count} strings of a SET_PERMS payload starting at {@code offset}, like {@code xs_strings_to_perms}.
     *
     * @throws ErrnoException EINVAL for a bad letter or number
     */
    static PermissionList parse(byte[] payload, int offset, int count) {
        List<Entry> entries = new ArrayList<>();
        int at = offset;
        for (int i = 0; i < count; i++) {
            int nul = Wire.indexOfNul(payload, at);
            String text = Wire.text(payload, at, nul);
            at = nul + 1;
            if (text.isEmpty() || "nrwb".indexOf(text.charAt(0)) < 0) {
                throw new ErrnoException(ErrnoException.EINVAL);
            }
            Long id = CNumberParser.strtolStrict(text.substring(1));
            if (id == null) {
                throw new ErrnoException(ErrnoException.EINVAL);
            }
            entries.add(new Entry(text.charAt(0), (int) id.longValue()));
        }
        return new PermissionList(entries);
    }

    int owner() {
        return entries.get(0).domid();
    }

    /** The GET_PERMS reply: every entry and its NUL. */
    byte[] toWire() {
        List<String> texts = new ArrayList<>();
        for (Entry entry : entries) {
            texts.add(entry.toWire());
        }
        return Wire.strings(texts);
    }
}
