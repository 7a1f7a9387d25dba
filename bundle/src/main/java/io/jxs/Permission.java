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
package io.jxs;

import java.util.Objects;

/**
 * One entry of a node's permission list, in the wire form {@code r5}, {@code w5}, {@code b5} or
 * {@code n5}.
 *
 * <p>In a list, the first entry names the node's owner and the access of every domain not listed
 * later; the following entries grant access to single domains.
 *
 * @param access what the domain may do
 * @param domid the domain id, 0 to 65535
 */
public record Permission(Access access, int domid) {

    /** What a permission entry allows. */
    public enum Access {
        /** Read only ({@code r}). */
        READ('r'),
        /** Write only ({@code w}). */
        WRITE('w'),
        /** Read and write ({@code b}). */
        BOTH('b'),
        /** Neither ({@code n}). */
        NONE('n');

        private final char letter;

        Access(char letter) {
            this.letter = letter;
        }

        /**
         * Returns the letter of this access in the wire form.
         *
         * @return {@code r}, {@code w}, {@code b} or {@code n}
         */
        public char letter() {
            return letter;
        }
    }

    /** The largest domain id (domain ids are 16 bits). */
    public static final int MAX_DOMID = 0xffff;

    /**
     * Checks the fields.
     *
     * @throws InvalidPermissionException when {@code access} is null or {@code domid} is out of range
     */
    public Permission {
        if (access == null) {
            throw new InvalidPermissionException("permission has no access");
        }
        if (domid < 0 || domid > MAX_DOMID) {
            throw new InvalidPermissionException("domain id out of range 0.." + MAX_DOMID + ": " + domid);
        }
    }

    /**
     * Parses the wire form of a permission.
     *
     * @param text for example {@code r5}, {@code b0}, {@code n12}
     * @return the permission
     * @throws InvalidPermissionException when the text is not a letter {@code rwbn} followed by a
     *     decimal domain id
     */
    public static Permission parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() < 2 || text.length() > 6) {
            throw new InvalidPermissionException("invalid permission '" + text + "'");
        }
        Access access = switch (text.charAt(0)) {
            case 'r' -> Access.READ;
            case 'w' -> Access.WRITE;
            case 'b' -> Access.BOTH;
            case 'n' -> Access.NONE;
            default -> throw new InvalidPermissionException("invalid permission '" + text + "': access must be r, w, b or n");
        };
        int domid = 0;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidPermissionException("invalid permission '" + text + "': domain id must be decimal");
            }
            domid = domid * 10 + (c - '0');
        }
        if (domid > MAX_DOMID) {
            throw new InvalidPermissionException("invalid permission '" + text + "': domain id above " + MAX_DOMID);
        }
        return new Permission(access, domid);
    }

    /**
     * Returns the wire form of this permission.
     *
     * @return for example {@code r5}
     */
    @Override
    public String toString() {
        return access.letter() + Integer.toString(domid);
    }
}
