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

/**
 * A registered watch: canonical path (or {@code @…} name), token, and, when it was registered with a relative path,
 * the home its event paths are reported relative to ({@code /local/domain/N} of the connection), else null.
 */
record Watch(String path, String token, String relativeTo) {

    /** The path an event on {@code node} reports to this watch (C's {@code get_watch_path}). */
    String eventPath(String node) {
        if (relativeTo == null) {
            return node;
        }
        String rest = node.substring(relativeTo.length());
        return rest.startsWith("/") ? rest.substring(1) : rest;
    }

    /** Whether a change of {@code node} concerns this watch ({@code exact}: only a watch on the node itself). */
    boolean matches(String node, boolean exact) {
        if (path.startsWith("@")) {
            return false;
        }
        return exact ? path.equals(node) : NodePaths.isChild(node, path);
    }
}
