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

import io.jxs.PathRules;
import io.jxs.XenStoreException;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which paths are watched for whom: the configuration, JMX and each event handler are sources of
 * paths; a path is watched while at least one source wants it. Not thread-safe.
 */
final class WatchRegistry {
    private static final System.Logger LOG = System.getLogger(WatchRegistry.class.getName());

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

    /**
     * Reads paths from a configuration or service property: a string, an array or a collection, each
     * string possibly holding several paths separated by commas. Invalid paths are logged and left out.
     */
    static Set<String> pathsOf(Object value) {
        Set<String> result = new LinkedHashSet<>();
        if (value instanceof String text) {
            for (String part : text.split(",")) {
                add(result, part.trim());
            }
        } else if (value instanceof Object[] array) {
            Arrays.stream(array).forEach(item -> result.addAll(pathsOf(item)));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(item -> result.addAll(pathsOf(item)));
        }
        return result;
    }

    private static void add(Set<String> result, String path) {
        if (path.isEmpty()) {
            return;
        }
        try {
            result.add(PathRules.checkWatchPath(path));
        } catch (XenStoreException e) {
            LOG.log(Level.WARNING, "jxs: not watching {0}", e.getMessage());
        }
    }
}
