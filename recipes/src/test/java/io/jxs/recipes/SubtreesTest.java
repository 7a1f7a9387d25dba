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

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SubtreesTest {

    /** Siblings whose names sort around the subtree's range: '-' and '.' before '/', '0' after. */
    private final NavigableMap<String, byte[]> tree = tree("/a", "/a/b", "/a/b/c", "/a/b-c", "/a/b0", "/a/b/d", "/a-b", "/b");

    @Test
    void descendantsAreOneRangeWithoutLookalikeSiblings() {
        assertEquals(Set.of("/a/b/c", "/a/b/d"), Subtrees.descendants(tree, "/a/b").keySet());
        assertEquals(Set.of("/a/b", "/a/b/c", "/a/b-c", "/a/b0", "/a/b/d"), Subtrees.descendants(tree, "/a").keySet());
        assertEquals(tree.size(), Subtrees.descendants(tree, "/").size());
        assertEquals(3, Subtrees.size(tree, "/a/b"));
        assertEquals(0, Subtrees.size(tree, "/c"));
    }

    @Test
    void aSubtreeIsCopiedWithItsTop() {
        NavigableMap<String, byte[]> copy = Subtrees.subtree(tree, "/a/b");
        assertEquals(Set.of("/a/b", "/a/b/c", "/a/b/d"), copy.keySet());
        copy.clear();
        assertEquals(8, tree.size());
        assertEquals(Set.of("/x/y"), Subtrees.subtree(tree("/x/y"), "/x").keySet(), "a top missing from the map");
    }

    @Test
    void aChildOfTheRootHasOneSlash() {
        assertEquals("/x", Subtrees.child("/", "x"));
        assertEquals("/a/x", Subtrees.child("/a", "x"));
    }

    @Test
    void replaceSwapsExactlyOneSubtree() {
        Subtrees.replace(tree, "/a/b", tree("/a/b", "/a/b/e"));
        assertEquals(Set.of("/a", "/a/b", "/a/b/e", "/a/b-c", "/a/b0", "/a-b", "/b"), tree.keySet());
        Subtrees.replace(tree, "/a", new TreeMap<>());
        assertEquals(Set.of("/a-b", "/b"), tree.keySet());
    }

    @Test
    void readingStartsAtTheHighestMissingAncestor() {
        assertEquals("/a/b/c", Subtrees.readTop(tree, "/a", "/a/b/c"));
        assertEquals("/a/x", Subtrees.readTop(tree, "/a", "/a/x/y/z"));
        assertEquals("/a/b/x", Subtrees.readTop(tree, "/a", "/a/b/x/y"));
        assertEquals("/", Subtrees.readTop(tree, "/", "/c/d"), "the root itself is missing");
        tree.put("/", new byte[0]);
        assertEquals("/c", Subtrees.readTop(tree, "/", "/c/d"));
        assertEquals("/z", Subtrees.readTop(tree, "/z", "/z/d"));
    }

    @Test
    void outermostDropsPathsBelowOthers() {
        assertEquals(List.of("/a", "/a-b", "/b"),
                List.copyOf(Subtrees.outermost(List.of("/a/b/c", "/a", "/a-b", "/a/b", "/b", "/b"))));
        assertEquals(List.of("/"), List.copyOf(Subtrees.outermost(List.of("/x/y", "/", "/x"))));
    }

    @Test
    void diffReportsAddedChangedAndRemovedInPathOrderWithinTheTops() {
        NavigableMap<String, byte[]> after = new TreeMap<>(tree);
        after.remove("/a/b/c");
        after.put("/a/b/d", new byte[] {9});
        after.put("/a/b/e", new byte[] {1});
        after.put("/b", new byte[] {7}); // outside the tops: not reported
        assertEquals(List.of(
                        new TreeChange(TreeChange.Kind.REMOVED, "/a/b/c", value("/a/b/c"), null),
                        new TreeChange(TreeChange.Kind.CHANGED, "/a/b/d", value("/a/b/d"), new byte[] {9}),
                        new TreeChange(TreeChange.Kind.ADDED, "/a/b/e", null, new byte[] {1})),
                Subtrees.diff(tree, after, List.of("/a/b/d", "/a/b")));
        assertEquals(List.of(), Subtrees.diff(tree, new TreeMap<>(tree), List.of("/")));
    }

    static NavigableMap<String, byte[]> tree(String... paths) {
        NavigableMap<String, byte[]> nodes = new TreeMap<>();
        for (String path : paths) {
            nodes.put(path, value(path));
        }
        return nodes;
    }

    static byte[] value(String path) {
        return path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
