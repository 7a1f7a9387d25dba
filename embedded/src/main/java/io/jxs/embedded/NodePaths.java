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

/** XenStore node names: canonical form, validity and the parent/child relation, as C xenstored 4.17 defines them. */
final class NodePaths {

    /** Where relative paths of a socket connection (dom0) are resolved. */
    static final String IMPLICIT_PREFIX = "/local/domain/0";
    /** Longest path below {@code /local/domain/<id>/} (or whole path elsewhere): C's default {@code -M}. */
    static final int PATH_MAX = 2048;
    /** Longest {@code @…} watch path. */
    static final int SPECIAL_PATH_MAX = 2048;

    static final String INTRODUCE_DOMAIN = "@introduceDomain";
    static final String RELEASE_DOMAIN = "@releaseDomain";

    private static final String LOCAL_DOMAIN = "/local/domain/";

    private NodePaths() {
    }

    /** Absolute and {@code @} paths stay; others are prefixed with {@code /local/domain/0/}. */
    static String canonicalize(String path) {
        return canonicalize(path, IMPLICIT_PREFIX);
    }

    /** Absolute and {@code @} paths stay; others are prefixed with {@code home} and a slash. */
    static String canonicalize(String path, String home) {
        if (path.startsWith("/") || path.startsWith("@")) {
            return path;
        }
        return home + "/" + path;
    }

    static boolean isRelative(String path) {
        return !path.startsWith("/") && !path.startsWith("@");
    }

    /** C 4.17 {@code is_valid_nodename} on a canonical path, with the default path length. */
    static boolean isValid(String path) {
        return isValid(path, PATH_MAX);
    }

    /** C 4.17 {@code is_valid_nodename} on a canonical path: at most {@code pathMax} below {@code /local/domain/N/}. */
    static boolean isValid(String path, int pathMax) {
        if (!path.startsWith("/")) {
            return false;
        }
        if (path.endsWith("/") && !path.equals("/")) {
            return false;
        }
        if (path.contains("//")) {
            return false;
        }
        if (path.length() - localDomainPrefixLength(path) > pathMax) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '/' || c == '_' || c == '@';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Length of a leading {@code /local/domain/<id>/}, as {@code sscanf("/local/domain/%5u/%n")} measures it. */
    private static int localDomainPrefixLength(String path) {
        if (!path.startsWith(LOCAL_DOMAIN)) {
            return 0;
        }
        int i = LOCAL_DOMAIN.length();
        int fieldStart = i;
        if (i < path.length() && (path.charAt(i) == '-' || path.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        while (i < path.length() && i - fieldStart < 5 && Character.isDigit(path.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0 || i >= path.length() || path.charAt(i) != '/') {
            return 0;
        }
        return i + 1;
    }

    /** The parent of a canonical path other than {@code /}. */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String child(String parent, String name) {
        return parent.equals("/") ? "/" + name : parent + "/" + name;
    }

    /** Whether {@code child} is {@code parent} or below it ({@code /} is above everything): C's {@code is_child}. */
    static boolean isChild(String child, String parent) {
        if (parent.equals("/")) {
            return true;
        }
        return child.startsWith(parent)
                && (child.length() == parent.length() || child.charAt(parent.length()) == '/');
    }
}
