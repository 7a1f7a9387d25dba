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

import io.jxs.AsyncXenStore;
import io.jxs.XenStoreException;
import io.jxs.XenStoreOperations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Reads a subtree level by level, each level's listings and values requested together, and stops as
 * soon as it holds more nodes than allowed: memory stays bounded by the budget, whatever the subtree's
 * size. Nodes removed while reading are left out; unreadable ones get an empty value and no children,
 * as {@link XenStoreOperations#walk(String)} does.
 */
final class SubtreeReader {

    /** Where the nodes come from: a connection (pipelined) or a transaction (one request at a time). */
    interface Source {
        /** The names of a node's children. */
        CompletableFuture<List<String>> list(String path);

        /** A node's value. */
        CompletableFuture<byte[]> read(String path);
    }

    private SubtreeReader() {
    }

    /** A source that keeps a level's requests in flight together. */
    static Source of(AsyncXenStore store) {
        return new Source() {
            @Override
            public CompletableFuture<List<String>> list(String path) {
                return store.list(path);
            }

            @Override
            public CompletableFuture<byte[]> read(String path) {
                return store.read(path);
            }
        };
    }

    /** A source over synchronous operations, such as a transaction's. */
    static Source of(XenStoreOperations operations) {
        return new Source() {
            @Override
            public CompletableFuture<List<String>> list(String path) {
                return now(() -> operations.list(path));
            }

            @Override
            public CompletableFuture<byte[]> read(String path) {
                return now(() -> operations.read(path));
            }
        };
    }

    /**
     * Reads the subtree at {@code top}.
     *
     * @param source where to read
     * @param top the subtree's top node
     * @param budget the most nodes the subtree may have
     * @param tooMany the failure when it has more
     * @return the nodes by path; empty when {@code top} does not exist
     * @throws XenStoreException {@code tooMany} when the subtree has more than {@code budget} nodes; what
     *     the daemon answered besides {@code ENOENT} and {@code EACCES}
     */
    static NavigableMap<String, byte[]> read(Source source, String top, int budget, Supplier<XenStoreException> tooMany) {
        return read(source, List.of(top), budget, tooMany);
    }

    /**
     * Reads several subtrees together, their levels requested at once.
     *
     * @param source where to read
     * @param tops the subtrees' top nodes, none below another
     * @param budget the most nodes the subtrees may have together
     * @param tooMany the failure when they have more
     * @return the nodes by path; none for a top that does not exist
     * @throws XenStoreException {@code tooMany} when the subtrees have more than {@code budget} nodes; what
     *     the daemon answered besides {@code ENOENT} and {@code EACCES}
     */
    static NavigableMap<String, byte[]> read(Source source, Collection<String> tops, int budget,
            Supplier<XenStoreException> tooMany) {
        NavigableMap<String, byte[]> nodes = new TreeMap<>();
        List<String> level = List.copyOf(tops);
        while (!level.isEmpty()) {
            List<CompletableFuture<List<String>>> listings = new ArrayList<>(level.size());
            List<CompletableFuture<byte[]>> values = new ArrayList<>(level.size());
            for (String path : level) {
                listings.add(source.list(path));
                values.add(source.read(path));
            }
            List<String> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i++) {
                List<String> children = outcome(listings.get(i), List.of());
                byte[] value = outcome(values.get(i), new byte[0]);
                if (children == null || value == null) {
                    continue; // removed while reading
                }
                String path = level.get(i);
                nodes.put(path, value);
                for (String name : children) {
                    next.add(Subtrees.child(path, name));
                }
            }
            // Checked before the next level is requested: memory stays within the budget and one listing.
            if (nodes.size() + next.size() > budget) {
                throw tooMany.get();
            }
            level = next;
        }
        return nodes;
    }

    /** The result; null when the node does not exist; {@code denied} when it may not be read. */
    private static <T> T outcome(CompletableFuture<T> future, T denied) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof XenStoreException failure) {
                if ("ENOENT".equals(failure.errorName())) {
                    return null;
                }
                if ("EACCES".equals(failure.errorName())) {
                    return denied;
                }
                throw failure;
            }
            throw e;
        }
    }

    private static <T> CompletableFuture<T> now(Supplier<T> operation) {
        try {
            return CompletableFuture.completedFuture(operation.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
