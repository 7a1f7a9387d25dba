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

import io.jxs.InvalidPathException;
import io.jxs.PathRules;
import io.jxs.Transaction;
import io.jxs.WatchEvent;
import io.jxs.XenStore;
import io.jxs.XenStoreException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A local mirror of one XenStore subtree, kept current by one watch on its top.
 *
 * <pre>{@code
 * try (TreeCache backends = new TreeCache(client, "/local/domain/0/backend")) {
 *     backends.addListener(changes -> changes.forEach(System.out::println));
 *     backends.start(Duration.ofSeconds(10));
 *     Optional<byte[]> state = backends.read("/local/domain/0/backend/vif/5/0/state");
 *     client.write("/local/domain/0/backend/vif/5/0/state", "4");
 *     backends.sync(Duration.ofSeconds(5));   // the mirror has seen that write now
 * }
 * }</pre>
 *
 * <ul>
 * <li><b>Consistent.</b> The first load, and every load after the watch fired on the top (after a
 * reconnection, or when the monitor's queue overflowed), reads the whole subtree in a transaction,
 * again on {@code EAGAIN}. Every other event makes the cache re-read the subtree of the node it names
 * (from its highest ancestor the mirror lacks, as a write creates missing parents without events of
 * their own). Events are never counted: C xenstored drops one when an identical one is still queued.</li>
 * <li><b>Never half a transaction.</b> A daemon queues all events of a commit at once, and answers every
 * request of a connection in order: so once a re-read's replies are in, the events of any transaction
 * it saw a part of are in too. The cache re-reads what those name and publishes only when a re-read
 * brought no further events, or when it read the whole subtree in one committed transaction (which it
 * does every few rounds, so that a steady stream of changes does not hold the mirror back).</li>
 * <li><b>Bounded.</b> At most {@code maxNodes} nodes; a subtree that outgrows it stops the cache with
 * {@link TooManyNodesException}, reading no further than the limit.</li>
 * <li><b>A fence.</b> {@link #sync(Duration)} returns once the mirror holds every change the daemon
 * made before the call, whichever connection made it.</li>
 * </ul>
 *
 * <p>Listeners are called on the cache's own thread, after the mirror was updated. Reading methods are
 * thread-safe and see one published state at a time.
 */
public final class TreeCache implements AutoCloseable {
    /** The most nodes a cache mirrors unless told otherwise. */
    public static final int DEFAULT_MAX_NODES = 10_000;
    /** Rounds of re-reads after which the cache reads the whole subtree in one transaction. */
    private static final int ROUNDS_BEFORE_SNAPSHOT = 8;
    /** Attempts of that transaction before the cache reads without one (and goes on re-reading). */
    private static final int SNAPSHOT_ATTEMPTS = 3;
    private static final System.Logger LOG = System.getLogger(TreeCache.class.getName());


    private final XenStore store;
    private final String root;
    private final int maxNodes;
    private final List<TreeCacheListener> listeners = new CopyOnWriteArrayList<>();
    private final Supplier<XenStoreException> tooMany;
    private volatile NavigableMap<String, byte[]> mirror = Collections.emptyNavigableMap();
    private final LoopLife life;
    /** The paths whose events are not published yet (the loop's thread only). */
    private final Set<String> dirty = new HashSet<>();
    /** Whether the unpublished events include the top's own (the loop's thread only). */
    private boolean resync;

    /**
     * Creates a cache of at most {@link #DEFAULT_MAX_NODES} nodes; nothing is read until
     * {@link #start(Duration)}.
     *
     * @param store the connection to read and watch on
     * @param root the top of the subtree, an absolute path
     * @throws InvalidPathException when the path is not absolute
     */
    public TreeCache(XenStore store, String root) {
        this(store, root, DEFAULT_MAX_NODES);
    }

    /**
     * Creates a cache; nothing is read until {@link #start(Duration)}.
     *
     * @param store the connection to read and watch on
     * @param root the top of the subtree, an absolute path
     * @param maxNodes the most nodes the subtree may have
     * @throws InvalidPathException when the path is not absolute
     * @throws IllegalArgumentException when {@code maxNodes} is less than 1
     */
    public TreeCache(XenStore store, String root, int maxNodes) {
        this.store = Objects.requireNonNull(store, "store");
        Objects.requireNonNull(root, "root");
        if (!root.startsWith("/")) {
            throw new InvalidPathException("a TreeCache mirrors an absolute path, not '" + root + "'");
        }
        if (maxNodes < 1) {
            throw new IllegalArgumentException("maxNodes must be at least 1: " + maxNodes);
        }
        this.root = root;
        this.maxNodes = maxNodes;
        this.life = new LoopLife("TreeCache of " + root);
        this.tooMany = () -> new TooManyNodesException(root, maxNodes);
    }

    /**
     * Adds a listener; one added before {@link #start(Duration)} hears the first load as
     * {@link TreeCacheListener#resynchronized(List)} with every node added.
     *
     * @param listener the listener
     * @return this cache
     */
    public TreeCache addListener(TreeCacheListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Removes a listener.
     *
     * @param listener the listener
     */
    public void removeListener(TreeCacheListener listener) {
        listeners.remove(listener);
    }

    /**
     * Watches the subtree and waits for the first load.
     *
     * @param timeout how long to wait for it at most
     * @return this cache
     * @throws IllegalStateException when the cache was started or closed before
     * @throws TooManyNodesException when the subtree has more than the maximum of nodes
     * @throws io.jxs.XenStoreTimeoutException when the first load did not finish in time; the cache is
     *     closed then
     * @throws XenStoreException when the daemon refuses the watch or a read
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public TreeCache start(Duration timeout) throws InterruptedException {
        life.start(() -> new WatchLoop(store, "jxs-tree-cache " + root, root, new Handler()),
                loop -> loop.watch(root, "tree"), timeout, this::close);
        return this;
    }

    /**
     * Waits until the mirror holds every change the daemon made before this call, by any connection:
     * a write answered before {@code sync} is called is in the mirror when it returns.
     *
     * @param timeout how long to wait at most
     * @throws IllegalStateException when the cache is not started
     * @throws io.jxs.XenStoreTimeoutException when the deadline passes first
     * @throws XenStoreException the failure that stopped the cache, if it stopped
     * @throws io.jxs.ConnectionException when the cache is closed
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void sync(Duration timeout) throws InterruptedException {
        life.sync(timeout);
    }

    /**
     * Returns the top of the mirrored subtree.
     *
     * @return the path given at creation
     */
    public String root() {
        return root;
    }

    /**
     * Returns the most nodes this cache mirrors.
     *
     * @return the maximum
     */
    public int maxNodes() {
        return maxNodes;
    }

    /**
     * Reads a node's value from the mirror.
     *
     * @param path an absolute path
     * @return a copy of the value, or empty when the mirror has no such node
     */
    public Optional<byte[]> read(String path) {
        byte[] value = mirror.get(Objects.requireNonNull(path, "path"));
        return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    /**
     * Tells whether the mirror has a node.
     *
     * @param path an absolute path
     * @return true when it has
     */
    public boolean contains(String path) {
        return mirror.containsKey(Objects.requireNonNull(path, "path"));
    }

    /**
     * Lists a node's children in the mirror.
     *
     * @param path an absolute path
     * @return the children's names in path order; empty when the node has none or is not in the mirror
     */
    public List<String> children(String path) {
        Objects.requireNonNull(path, "path");
        NavigableMap<String, byte[]> nodes = mirror;
        String prefix = path.equals("/") ? "/" : path + "/";
        List<String> names = new ArrayList<>();
        String key = nodes.ceilingKey(prefix);
        while (key != null && key.startsWith(prefix)) {
            names.add(key.substring(prefix.length()));
            String next = nodes.higherKey(key);
            if (next != null && next.startsWith(key + "/")) {
                next = nodes.ceilingKey(key + "0"); // past the child's own subtree
            }
            key = next;
        }
        return names;
    }

    /**
     * Returns how many nodes the mirror holds.
     *
     * @return the number of nodes, at most {@link #maxNodes()}
     */
    public int size() {
        return mirror.size();
    }

    /**
     * Returns the whole mirror.
     *
     * @return an unmodifiable copy: absolute path to value, in path order
     */
    public NavigableMap<String, byte[]> snapshot() {
        NavigableMap<String, byte[]> copy = new TreeMap<>();
        mirror.forEach((path, value) -> copy.put(path, value.clone()));
        return Collections.unmodifiableNavigableMap(copy);
    }

    /** Stops watching; the mirror keeps its last state. Always returns. */
    @Override
    public void close() {
        life.close();
    }

    @Override
    public String toString() {
        return "TreeCache[" + root + ", " + mirror.size() + " nodes]";
    }

    /** The loop's work: re-read what the events name, publish consistent states. */
    private final class Handler implements WatchLoop.Handler {

        @Override
        public void process(List<WatchEvent> events) {
            take(events);
            if (dirty.isEmpty()) {
                return;
            }
            // A retry after a failure starts again from every path not yet published.
            Set<String> pending = new HashSet<>(dirty);
            NavigableMap<String, byte[]> view = null;
            Set<String> tops = new HashSet<>();
            for (int rounds = 1; !pending.isEmpty(); rounds++) {
                if (pending.contains(root) || rounds % ROUNDS_BEFORE_SNAPSHOT == 0) {
                    tops = new HashSet<>(Set.of(root));
                    view = readInTransaction();
                    if (view != null) {
                        // One committed transaction: consistent by itself. Events that came meanwhile
                        // wait for the next batch.
                        break;
                    }
                    view = readPlain(root);
                } else {
                    if (view == null) {
                        view = new TreeMap<>(mirror);
                    }
                    Set<String> round = readTops(view, pending);
                    int budget = maxNodes - view.size();
                    for (String top : round) {
                        budget += Subtrees.size(view, top);
                    }
                    NavigableMap<String, byte[]> nodes = SubtreeReader.read(SubtreeReader.of(store.async()), round, budget, tooMany);
                    for (String top : round) {
                        Subtrees.replace(view, top, Subtrees.subtree(nodes, top));
                    }
                    tops.addAll(round);
                }
                // Every event of a change the reads saw is in now: read again what they name.
                pending = take(life.loop().drain());
            }
            publish(view, tops);
        }

        @Override
        public void failed(XenStoreException cause) {
            for (TreeCacheListener listener : listeners) {
                try {
                    listener.failed(cause);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "TreeCache listener failed on " + cause, e);
                }
            }
        }

        /** The paths of the events within the subtree, also remembered in {@link #dirty}. */
        private Set<String> take(List<WatchEvent> events) {
            Set<String> paths = new HashSet<>();
            for (WatchEvent event : events) {
                if (PathRules.isInSubtree(root, event.path())) {
                    paths.add(event.path());
                    resync |= event.path().equals(root);
                }
            }
            dirty.addAll(paths);
            return paths;
        }

        /** The subtrees to read again for the paths: each from its highest ancestor the view lacks. */
        private Set<String> readTops(NavigableMap<String, byte[]> view, Set<String> paths) {
            Set<String> tops = new HashSet<>();
            for (String path : paths) {
                tops.add(Subtrees.readTop(view, root, path));
            }
            return Subtrees.outermost(tops);
        }

        /** The whole subtree read in one committed transaction, or null when every attempt conflicted. */
        private NavigableMap<String, byte[]> readInTransaction() {
            for (int attempt = 0; attempt < SNAPSHOT_ATTEMPTS; attempt++) {
                try (Transaction tx = store.transaction()) {
                    NavigableMap<String, byte[]> nodes;
                    try {
                        nodes = SubtreeReader.read(SubtreeReader.of(tx), root, maxNodes, tooMany);
                    } catch (TooManyNodesException e) {
                        throw e;
                    } catch (XenStoreException e) {
                        // A connection lost meanwhile ended the transaction: ending it says so (ConnectionException),
                        // which makes the loop resynchronise instead of reporting the daemon's word.
                        tx.rollback();
                        throw e;
                    }
                    if (tx.commit()) {
                        return nodes;
                    }
                }
            }
            LOG.log(Level.DEBUG, "TreeCache of {0}: {1} transactions conflicted, reading without one", root, SNAPSHOT_ATTEMPTS);
            return null;
        }

        private NavigableMap<String, byte[]> readPlain(String top) {
            return SubtreeReader.read(SubtreeReader.of(store.async()), top, maxNodes, tooMany);
        }

        private void publish(NavigableMap<String, byte[]> view, Set<String> tops) {
            List<TreeChange> changes = Collections.unmodifiableList(Subtrees.diff(mirror, view, tops));
            boolean whole = resync;
            mirror = view;
            dirty.clear();
            resync = false;
            if (life.isClosed()) {
                return; // close() returned meanwhile: its caller hears nothing more
            }
            for (TreeCacheListener listener : listeners) {
                try {
                    if (whole) {
                        listener.resynchronized(changes);
                    } else if (!changes.isEmpty()) {
                        listener.changed(changes);
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "TreeCache listener failed", e);
                }
            }
        }
    }

}
