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
package io.jxs.recipes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Subtrees of a mirror held as a sorted map from absolute path to value. In path order a node's
 * descendants are exactly the keys from {@code top + "/"} up to {@code top + "0"} ({@code '0'} follows
 * {@code '/'}), so a subtree is one range of the map.
 */
final class Subtrees {

    private Subtrees() {
    }

    /** The path of a child. */
    static String child(String parent, String name) {
        return parent.equals("/") ? "/" + name : parent + "/" + name;
    }

    /** The nodes below {@code top}, without {@code top}: a live view of the map. */
    static <V> NavigableMap<String, V> descendants(NavigableMap<String, V> map, String top) {
        return top.equals("/") ? map.tailMap("/", false) : map.subMap(top + "/", true, top + "0", false);
    }

    /** The subtree at {@code top}, {@code top} included: a copy. */
    static NavigableMap<String, byte[]> subtree(NavigableMap<String, byte[]> map, String top) {
        NavigableMap<String, byte[]> nodes = new TreeMap<>(descendants(map, top));
        byte[] value = map.get(top);
        if (value != null) {
            nodes.put(top, value);
        }
        return nodes;
    }

    /** How many nodes the subtree at {@code top} has in the map, {@code top} included. */
    static int size(NavigableMap<String, ?> map, String top) {
        return (map.containsKey(top) ? 1 : 0) + descendants(map, top).size();
    }

    /** Replaces the subtree at {@code top} with {@code nodes} (all at or below {@code top}; empty: removed). */
    static void replace(NavigableMap<String, byte[]> map, String top, NavigableMap<String, byte[]> nodes) {
        map.remove(top);
        descendants(map, top).clear();
        map.putAll(nodes);
    }

    /**
     * The highest node on the way from {@code root} down to {@code path} that the map lacks, or
     * {@code path} itself: re-reading from there also finds the parents a write created implicitly,
     * which get no event of their own.
     */
    static String readTop(NavigableMap<String, ?> map, String root, String path) {
        if (!map.containsKey(root)) {
            return root;
        }
        int from = root.equals("/") ? 1 : root.length() + 1;
        for (int slash = path.indexOf('/', from); slash > 0; slash = path.indexOf('/', slash + 1)) {
            String ancestor = path.substring(0, slash);
            if (!map.containsKey(ancestor)) {
                return ancestor;
            }
        }
        return path;
    }

    /** The paths that are not below another of them, in path order. */
    static NavigableSet<String> outermost(Collection<String> paths) {
        NavigableSet<String> tops = new TreeSet<>();
        // In path order an ancestor comes before its descendants, so it is among the tops already.
        for (String path : new TreeSet<>(paths)) {
            if (!hasAncestorIn(tops, path)) {
                tops.add(path);
            }
        }
        return tops;
    }

    private static boolean hasAncestorIn(Set<String> tops, String path) {
        for (int slash = path.lastIndexOf('/'); slash >= 0; slash = path.lastIndexOf('/', slash - 1)) {
            if (tops.contains(slash == 0 ? "/" : path.substring(0, slash))) {
                return true;
            }
            if (slash == 0) {
                return false;
            }
        }
        return false;
    }

    /**
     * The differences between two mirrors within the subtrees at {@code tops}, in path order.
     *
     * @param before the mirror before
     * @param after the mirror after
     * @param tops the subtrees that may differ
     * @return the nodes added, changed and removed
     */
    static List<TreeChange> diff(NavigableMap<String, byte[]> before, NavigableMap<String, byte[]> after,
            Collection<String> tops) {
        NavigableMap<String, TreeChange> changes = new TreeMap<>();
        for (String top : outermost(tops)) {
            NavigableSet<String> paths = new TreeSet<>(descendants(before, top).keySet());
            paths.addAll(descendants(after, top).keySet());
            paths.add(top);
            for (String path : paths) {
                byte[] old = before.get(path);
                byte[] now = after.get(path);
                if (old == null && now != null) {
                    changes.put(path, new TreeChange(TreeChange.Kind.ADDED, path, null, now));
                } else if (old != null && now == null) {
                    changes.put(path, new TreeChange(TreeChange.Kind.REMOVED, path, old, null));
                } else if (old != null && !Arrays.equals(old, now)) {
                    changes.put(path, new TreeChange(TreeChange.Kind.CHANGED, path, old, now));
                }
            }
        }
        return new ArrayList<>(changes.values());
    }
}
