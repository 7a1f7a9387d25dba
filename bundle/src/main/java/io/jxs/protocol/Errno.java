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
package io.jxs.protocol;

import java.util.Map;

/**
 * Linux errno numbers of the error words XenStore daemons send ({@code xsd_errors} in
 * {@code xs_wire.h}, plus oxenstored's {@code EQUOTA}) and of the words the client uses itself.
 */
public final class Errno {
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("EPERM", 1),
            Map.entry("ENOENT", 2),
            Map.entry("EIO", 5),
            Map.entry("E2BIG", 7),
            Map.entry("EAGAIN", 11),
            Map.entry("ENOMEM", 12),
            Map.entry("EACCES", 13),
            Map.entry("EBUSY", 16),
            Map.entry("EEXIST", 17),
            Map.entry("EISDIR", 21),
            Map.entry("EINVAL", 22),
            Map.entry("ENOSPC", 28),
            Map.entry("EROFS", 30),
            Map.entry("ENOSYS", 38),
            Map.entry("ENOTEMPTY", 39),
            Map.entry("EPROTO", 71),
            Map.entry("EBADMSG", 74),
            Map.entry("EISCONN", 106),
            Map.entry("ENOTCONN", 107),
            Map.entry("ETIMEDOUT", 110),
            // oxenstored's quota word; Linux calls the same condition EDQUOT.
            Map.entry("EQUOTA", 122));

    private Errno() {
    }

    /**
     * Returns the Linux number of an errno name.
     *
     * @param name for example {@code ENOENT}
     * @return the number, or 0 when the name is unknown
     */
    public static int number(String name) {
        return name == null ? 0 : NUMBERS.getOrDefault(name, 0);
    }
}
