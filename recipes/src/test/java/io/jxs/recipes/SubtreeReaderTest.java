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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.XenStoreException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SubtreeReaderTest {
    private static final Supplier<XenStoreException> TOO_MANY = () -> new TooManyNodesException("/t", 5);

    @Test
    void readsEveryNodeOfTheSubtreeOnly() {
        FakeTree store = new FakeTree(SubtreesTest.tree("/t", "/t/a", "/t/a/x", "/t/b", "/t-b", "/u"));
        NavigableMap<String, byte[]> nodes = SubtreeReader.read(store, "/t", 10, TOO_MANY);
        assertEquals(Set.of("/t", "/t/a", "/t/a/x", "/t/b"), nodes.keySet());
        assertArrayEquals(SubtreesTest.value("/t/a/x"), nodes.get("/t/a/x"));
    }

    @Test
    void severalSubtreesAreReadTogetherLevelByLevel() {
        FakeTree store = new FakeTree(SubtreesTest.tree("/t", "/t/a", "/t/a/x", "/u", "/u/b", "/v"));
        NavigableMap<String, byte[]> nodes = SubtreeReader.read(store, List.of("/t", "/u", "/gone"), 10, TOO_MANY);
        assertEquals(Set.of("/t", "/t/a", "/t/a/x", "/u", "/u/b"), nodes.keySet());
        assertEquals(List.of("/t", "/u", "/gone", "/t/a", "/u/b", "/t/a/x"), store.requested);
        assertThrows(TooManyNodesException.class, () -> SubtreeReader.read(store, List.of("/t", "/u"), 4, TOO_MANY));
    }

    @Test
    void aTopThatIsGoneNeedsNoBudget() {
        assertEquals(Map.of(), SubtreeReader.read(new FakeTree(SubtreesTest.tree("/u")), "/t", 0, TOO_MANY));
    }

    @Test
    void aMissingTopIsAnEmptySubtree() {
        assertEquals(Map.of(), SubtreeReader.read(new FakeTree(SubtreesTest.tree("/u")), "/t", 10, TOO_MANY));
    }

    @Test
    void aSubtreeLargerThanTheBudgetFailsBeforeReadingFurther() {
        FakeTree store = new FakeTree(SubtreesTest.tree("/t", "/t/a", "/t/b", "/t/c", "/t/d", "/t/e", "/t/e/x", "/t/e/y"));
        XenStoreException e = assertThrows(XenStoreException.class, () -> SubtreeReader.read(store, "/t", 5, TOO_MANY));
        assertTrue(e instanceof TooManyNodesException);
        assertEquals("ENOSPC", e.errorName());
        assertTrue(e.getMessage().startsWith("the subtree /t holds more than 5 nodes"), e.getMessage());
        assertEquals(List.of("/t"), store.requested, "the children were not read");
        assertEquals(3, SubtreeReader.read(store, "/t/e", 3, TOO_MANY).size(), "exactly the budget is fine");
    }

    @Test
    void nodesRemovedWhileReadingAreLeftOutAndUnreadableOnesAreEmpty() {
        FakeTree store = new FakeTree(SubtreesTest.tree("/t", "/t/a", "/t/a/x", "/t/b"));
        store.removeWhenListed.put("/t", "/t/a");
        store.denied.add("/t/b");
        NavigableMap<String, byte[]> nodes = SubtreeReader.read(store, "/t", 10, TOO_MANY);
        assertEquals(Set.of("/t", "/t/b"), nodes.keySet());
        assertArrayEquals(new byte[0], nodes.get("/t/b"));
    }

    @Test
    void otherRefusalsReachTheCaller() {
        FakeTree store = new FakeTree(SubtreesTest.tree("/t", "/t/a"));
        store.failing.put("/t/a", new XenStoreException("EIO", "EIO: /t/a"));
        XenStoreException e = assertThrows(XenStoreException.class, () -> SubtreeReader.read(store, "/t", 10, TOO_MANY));
        assertSame(store.failing.get("/t/a"), e);
    }

    /** An in-memory tree answering as a daemon does: ENOENT, EACCES, or a failure of choice. */
    static final class FakeTree implements SubtreeReader.Source {
        final NavigableMap<String, byte[]> nodes;
        final Set<String> denied = new HashSet<>();
        final Map<String, XenStoreException> failing = new TreeMap<>();
        /** Listing the key removes the value's subtree right after: a writer racing the reader. */
        final Map<String, String> removeWhenListed = new TreeMap<>();
        final List<String> requested = new ArrayList<>();

        FakeTree(NavigableMap<String, byte[]> nodes) {
            this.nodes = nodes;
        }

        @Override
        public CompletableFuture<List<String>> list(String path) {
            requested.add(path);
            CompletableFuture<List<String>> answer = answer(path, () -> {
                List<String> names = new ArrayList<>();
                for (String child : Subtrees.descendants(nodes, path).keySet()) {
                    String name = child.substring(path.equals("/") ? 1 : path.length() + 1);
                    if (!name.contains("/")) {
                        names.add(name);
                    }
                }
                return names;
            });
            String removed = removeWhenListed.remove(path);
            if (removed != null) {
                Subtrees.replace(nodes, removed, new TreeMap<>());
            }
            return answer;
        }

        @Override
        public CompletableFuture<byte[]> read(String path) {
            return answer(path, () -> nodes.get(path));
        }

        private <T> CompletableFuture<T> answer(String path, Supplier<T> result) {
            if (failing.containsKey(path)) {
                return CompletableFuture.failedFuture(failing.get(path));
            }
            if (!nodes.containsKey(path)) {
                return CompletableFuture.failedFuture(new XenStoreException("ENOENT", "ENOENT: " + path));
            }
            if (denied.contains(path)) {
                return CompletableFuture.failedFuture(new XenStoreException("EACCES", "EACCES: " + path));
            }
            return CompletableFuture.completedFuture(result.get());
        }
    }
}
