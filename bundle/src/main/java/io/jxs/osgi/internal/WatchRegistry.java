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
package io.jxs.osgi.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which paths are watched for whom: the configuration, JMX and each event handler are sources of
 * paths; a path is watched while at least one source wants it. Not thread-safe.
 */
final class WatchRegistry {
    /** What a change did to the set of watched paths. */
    record Change(Set<String> added, Set<String> removed) {
    }

    private final Map<Object, Set<String>> sources = new HashMap<>();

    /**
     * Replaces the paths of a source.
     *
     * @param source the source
     * @param paths its paths; empty to remove the source
     * @return the paths that became watched and those no longer watched
     */
    Change set(Object source, Set<String> paths) {
        Set<String> before = watched();
        if (paths.isEmpty()) {
            sources.remove(source);
        } else {
            sources.put(source, Set.copyOf(paths));
        }
        Set<String> after = watched();
        Set<String> added = new HashSet<>(after);
        added.removeAll(before);
        Set<String> removed = new HashSet<>(before);
        removed.removeAll(after);
        return new Change(added, removed);
    }

    /**
     * Returns the paths of a source.
     *
     * @param source the source
     * @return its paths, possibly empty
     */
    Set<String> paths(Object source) {
        return sources.getOrDefault(source, Set.of());
    }

    /**
     * Returns every watched path.
     *
     * @return the paths of all sources, sorted
     */
    Set<String> watched() {
        Set<String> all = new TreeSet<>();
        sources.values().forEach(all::addAll);
        return all;
    }
}
