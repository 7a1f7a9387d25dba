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
import java.util.function.IntPredicate;

/**
 * A node's permission list: entry 0 names the owner and the access of every domain not listed; further entries grant
 * access to single domains. Entries are kept exactly as set (also for domains that do not exist), as C does.
 */
final class PermissionList {

    /**
     * One entry: access letter ({@code n r w b}), domain id (unsigned 32-bit, printed as C's {@code %i}), and C's
     * {@code XS_PERM_IGNORE} mark: an entry naming a domain that did not exist is kept and listed but grants nothing.
     */
    record Entry(char access, int domid, boolean ignored) {
        Entry(char access, int domid) {
            this(access, domid, false);
        }

        String toWire() {
            return access + Integer.toString(domid);
        }

        /** The access it grants, as {@link AccessCheck} bits. */
        int bits() {
            return switch (access) {
                case 'r' -> AccessCheck.READ;
                case 'w' -> AccessCheck.WRITE;
                case 'b' -> AccessCheck.READ | AccessCheck.WRITE;
                default -> 0;
            };
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

    List<Entry> entries() {
        return entries;
    }

    int size() {
        return entries.size();
    }

    /** This with the owner changed (C: a node an unprivileged domain creates is its own). */
    PermissionList withOwner(int domid) {
        List<Entry> changed = new ArrayList<>(entries);
        Entry first = changed.get(0);
        changed.set(0, new Entry(first.access(), domid, first.ignored()));
        return new PermissionList(changed);
    }

    /** This with every entry whose domain {@code gone} matches marked ignored. */
    PermissionList ignoring(IntPredicate gone) {
        return mark(0, gone);
    }

    /** This with every per-domain entry (not the owner's) whose domain {@code gone} matches marked ignored. */
    PermissionList ignoringGrants(IntPredicate gone) {
        return mark(1, gone);
    }

    private PermissionList mark(int from, IntPredicate gone) {
        List<Entry> marked = null;
        for (int i = from; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (!entry.ignored() && gone.test(entry.domid())) {
                if (marked == null) {
                    marked = new ArrayList<>(entries);
                }
                marked.set(i, new Entry(entry.access(), entry.domid(), true));
            }
        }
        return marked == null ? this : new PermissionList(marked);
    }

    /** C's {@code remove_domid_from_perm}: a released domain's entries go, its ownership passes to dom0. */
    PermissionList withoutDomain(int domid) {
        List<Entry> kept = new ArrayList<>();
        Entry first = entries.get(0);
        kept.add(first.domid() == domid ? new Entry(first.access(), 0, first.ignored()) : first);
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).domid() != domid) {
                kept.add(entries.get(i));
            }
        }
        return new PermissionList(kept);
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
