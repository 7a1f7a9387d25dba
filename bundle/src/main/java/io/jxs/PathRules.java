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

/**
 * The rules of XenStore paths and domain ids, as the client checks them before anything is sent.
 * Public so that layers above the library (shell commands, configuration) refuse bad input with the
 * same messages.
 */
public final class PathRules {
    /** {@code XENSTORE_ABS_PATH_MAX}. */
    public static final int ABSOLUTE_PATH_MAX = 3072;
    /** {@code XENSTORE_REL_PATH_MAX}. */
    public static final int RELATIVE_PATH_MAX = 2048;
    /** The special watch path fired when a domain is introduced. */
    public static final String INTRODUCE_DOMAIN = "@introduceDomain";
    /** The special watch path fired when a domain is released. */
    public static final String RELEASE_DOMAIN = "@releaseDomain";

    private PathRules() {
    }

    /**
     * Checks a node path.
     *
     * @param path the path
     * @return the path
     * @throws InvalidPathException naming the path and the rule it breaks
     */
    public static String checkPath(String path) {
        if (path == null) {
            throw new InvalidPathException("path is null");
        }
        if (path.isEmpty()) {
            throw new InvalidPathException("path is empty");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '/' || c == '_' || c == '@';
            if (!valid) {
                throw new InvalidPathException("invalid character " + describe(c) + " at " + i + " in path '"
                        + shorten(path) + "'");
            }
        }
        if (path.contains("//")) {
            throw new InvalidPathException("path '" + shorten(path) + "' contains '//'");
        }
        if (path.length() > 1 && path.endsWith("/")) {
            throw new InvalidPathException("path '" + shorten(path) + "' ends with '/'");
        }
        boolean absolute = path.charAt(0) == '/';
        int max = absolute ? ABSOLUTE_PATH_MAX : RELATIVE_PATH_MAX;
        if (path.length() > max) {
            throw new InvalidPathException((absolute ? "absolute" : "relative") + " path '" + shorten(path)
                    + "' is " + path.length() + " bytes, more than " + max);
        }
        return path;
    }

    /**
     * Checks a watch path: a node path, or one of the special paths.
     *
     * @param path the path
     * @return the path
     * @throws InvalidPathException naming the path and the rule it breaks
     */
    public static String checkWatchPath(String path) {
        if (INTRODUCE_DOMAIN.equals(path) || RELEASE_DOMAIN.equals(path)) {
            return path;
        }
        if (path != null && path.startsWith("@")) {
            throw new InvalidPathException("unknown special path '" + path + "': only " + INTRODUCE_DOMAIN
                    + " and " + RELEASE_DOMAIN + " exist");
        }
        return checkPath(path);
    }

    /**
     * Checks a domain id.
     *
     * @param domid the id
     * @return the id
     * @throws IllegalArgumentException when it is not 0..65535
     */
    public static int checkDomid(int domid) {
        if (domid < 0 || domid > 0xffff) {
            throw new IllegalArgumentException("domain id out of range 0..65535: " + domid);
        }
        return domid;
    }

    /**
     * Tells whether {@code path} is {@code parent} itself or below it.
     *
     * @param parent a path
     * @param path another path
     * @return true when {@code path} lies in {@code parent}'s subtree
     */
    public static boolean isInSubtree(String parent, String path) {
        if (path.equals(parent)) {
            return true;
        }
        if (parent.equals("/")) {
            return path.startsWith("/");
        }
        return path.startsWith(parent) && path.length() > parent.length() && path.charAt(parent.length()) == '/';
    }

    private static String describe(char c) {
        return c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static String shorten(String path) {
        return path.length() <= 120 ? path : path.substring(0, 117) + "...";
    }
}
