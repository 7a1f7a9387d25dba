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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import io.jxs.ConnectionException;
import io.jxs.Node;
import io.jxs.Permission;
import io.jxs.XenStoreException;
import io.jxs.recipes.TreeChange.Kind;
import io.jxs.testing.DaemonPool;
import io.jxs.testing.RequiredDaemon;
import io.jxs.testing.XenStoreDaemon;
import io.jxs.testing.XenStoreDaemonExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TreeCache against the real daemons: loads, events, storms of writers, a daemon restart, its limit. */
@ExtendWith(XenStoreDaemonExtension.class)
@Timeout(120)
class TreeCacheIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> GROUP_KEYS = List.of("a", "b", "c", "d");

    private final ExecutorService writers = Executors.newCachedThreadPool();

    @AfterEach
    void stopWriters() throws InterruptedException {
        writers.shutdownNow();
        assertTrue(writers.awaitTermination(20, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @EnumSource(XenStoreDaemon.Kind.class)
    void theFirstLoadIsTheSubtreeAndListenersHearItAdded(XenStoreDaemon.Kind kind, DaemonPool daemons) throws Exception {
        try (Client client = connect(kind, daemons)) {
            client.write("/load/a", "1");
            client.write("/load/a/b", "2");
            client.write("/load/c", new byte[] {0, (byte) 0xff});
            client.write("/loaded-not", "x");
            Recorder recorder = new Recorder();
            try (TreeCache cache = new TreeCache(client, "/load").addListener(recorder)) {
                cache.start(WAIT);
                assertEquals(walk(client, "/load"), values(cache.snapshot()));
                assertEquals(List.of("/load", "/load/a", "/load/a/b", "/load/c"), List.copyOf(cache.snapshot().keySet()));
                assertEquals(List.of("a", "c"), cache.children("/load"));
                assertArrayEquals(new byte[] {0, (byte) 0xff}, cache.read("/load/c").orElseThrow());
                assertEquals(1, recorder.resyncs.get());
                assertEquals(4, recorder.changes.size());
                assertTrue(recorder.changes.stream().allMatch(c -> c.kind() == Kind.ADDED));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(XenStoreDaemon.Kind.class)
    void writesImplicitParentsAndRemovalsReachTheMirrorWithTheirValues(XenStoreDaemon.Kind kind, DaemonPool daemons)
            throws Exception {
        try (Client client = connect(kind, daemons); Client writer = connect(kind, daemons)) {
            writer.write("/events/keep", "k");
            Recorder recorder = new Recorder();
            try (TreeCache cache = new TreeCache(client, "/events").addListener(recorder).start(WAIT)) {
                recorder.changes.clear();
                // Parents created by a write get no event of their own.
                writer.write("/events/x/y/z", "1");
                cache.sync(WAIT);
                assertEquals(List.of(added("/events/x", ""), added("/events/x/y", ""), added("/events/x/y/z", "1")),
                        recorder.take());
                writer.write("/events/x/y/z", "2");
                cache.sync(WAIT);
                assertEquals(List.of(new TreeChange(Kind.CHANGED, "/events/x/y/z", bytes("1"), bytes("2"))), recorder.take());
                // A subtree removed and written again between two readings: nothing of the old one stays.
                writer.delete("/events/x");
                writer.write("/events/x/w", "3");
                cache.sync(WAIT);
                assertEquals(walk(writer, "/events"), values(cache.snapshot()));
                assertFalse(cache.contains("/events/x/y"));
                writer.delete("/events/x");
                cache.sync(WAIT);
                assertEquals(Map.of("/events", "", "/events/keep", "k"), text(cache.snapshot()));
                assertEquals(List.of(), cache.children("/events/x"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(XenStoreDaemon.Kind.class)
    void syncIsAFenceForWritesOfAnyConnection(XenStoreDaemon.Kind kind, DaemonPool daemons) throws Exception {
        try (Client client = connect(kind, daemons); Client writer = connect(kind, daemons);
                TreeCache cache = new TreeCache(client, "/fence").start(WAIT)) {
            for (int i = 0; i < 100; i++) {
                writer.write("/fence/n" + (i % 7), Integer.toString(i));
                cache.sync(WAIT);
                assertEquals(Integer.toString(i), new String(cache.read("/fence/n" + (i % 7)).orElseThrow(), StandardCharsets.UTF_8));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(XenStoreDaemon.Kind.class)
    void aStormOfWritersNeverShowsHalfATransactionAndEndsEqualToAWalk(XenStoreDaemon.Kind kind, DaemonPool daemons)
            throws Exception {
        String root = "/storm";
        try (Client client = connect(kind, daemons)) {
            client.write(root + "/tx/g0/a", "0");
            Recorder recorder = new Recorder();
            try (TreeCache cache = new TreeCache(client, root)) {
                Invariant invariant = new Invariant(cache, root);
                cache.addListener(recorder).addListener(invariant).start(WAIT);
                AtomicBoolean stop = new AtomicBoolean();
                List<Future<Integer>> storm = storm(root, () -> connect(kind, daemons), stop);
                Thread.sleep(1_500);
                stop.set(true);
                int operations = 0;
                for (Future<Integer> writer : storm) {
                    operations += writer.get(30, TimeUnit.SECONDS);
                }
                cache.sync(WAIT);

                assertTrue(operations > 100, operations + " operations");
                assertEquals(walk(client, root), values(cache.snapshot()));
                assertEquals(List.of(), List.copyOf(invariant.violations));
                assertEquals(values(cache.snapshot()), recorder.replayed, "the changes told add up to the mirror");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(XenStoreDaemon.Kind.class)
    void aDaemonRestartMidStormEndsInAResynchronisationEqualToAWalk(XenStoreDaemon.Kind kind) throws Exception {
        String root = "/restart";
        try (XenStoreDaemon daemon = RequiredDaemon.start(kind); Client client = reconnecting(daemon)) {
            client.write(root + "/tx/g0/a", "0");
            Recorder recorder = new Recorder();
            try (TreeCache cache = new TreeCache(client, root)) {
                Invariant invariant = new Invariant(cache, root);
                cache.addListener(recorder).addListener(invariant).start(WAIT);
                AtomicBoolean stop = new AtomicBoolean();
                List<Future<Integer>> storm = storm(root, () -> reconnecting(daemon), stop);
                Thread.sleep(600);
                daemon.kill();
                daemon.restart();
                Thread.sleep(1_500);
                stop.set(true);
                for (Future<Integer> writer : storm) {
                    writer.get(30, TimeUnit.SECONDS);
                }
                cache.sync(WAIT);

                assertTrue(recorder.resyncs.get() >= 2, recorder.resyncs.get() + " resynchronisations");
                assertEquals(walk(client, root), values(cache.snapshot()));
                assertEquals(List.of(), List.copyOf(invariant.violations));
                assertEquals(values(cache.snapshot()), recorder.replayed);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(XenStoreDaemon.Kind.class)
    void aSubtreeOverTheMaximumFailsClearly(XenStoreDaemon.Kind kind, DaemonPool daemons) throws Exception {
        try (Client client = connect(kind, daemons)) {
            for (int i = 0; i < 20; i++) {
                client.write("/big/n" + i, "v");
            }
            TreeCache tooSmall = new TreeCache(client, "/big", 10);
            TooManyNodesException e = assertThrows(TooManyNodesException.class, () -> tooSmall.start(WAIT));
            assertEquals("the subtree /big holds more than 10 nodes, the most its TreeCache may mirror; "
                    + "give the cache a higher maximum or mirror a smaller subtree", e.getMessage());
            assertEquals(10, e.maxNodes());
            assertThrows(TooManyNodesException.class, () -> tooSmall.sync(WAIT), "stopped by its failure");

            client.write("/grow/n0", "v");
            List<XenStoreException> failures = new CopyOnWriteArrayList<>();
            try (TreeCache cache = new TreeCache(client, "/grow", 10)) {
                cache.addListener(new TreeCacheListener() {
                    @Override
                    public void changed(List<TreeChange> changes) {
                    }

                    @Override
                    public void failed(XenStoreException cause) {
                        failures.add(cause);
                    }
                }).start(WAIT);
                assertEquals(2, cache.size());
                for (int i = 1; i < 20; i++) {
                    client.write("/grow/n" + i, "v");
                }
                assertInstanceOf(TooManyNodesException.class,
                        assertThrows(XenStoreException.class, () -> cache.sync(WAIT)));
                assertEquals(1, failures.size());
                assertInstanceOf(TooManyNodesException.class, failures.get(0));
                assertTrue(cache.size() <= 10, cache.size() + " nodes");
            }
        }
    }

    /**
     * Writers on their own connections: transactions that write the four keys of a group to one value
     * or remove the group, subtrees removed and written again, permission changes, and plain writes.
     */
    private List<Future<Integer>> storm(String root, Supplier<Client> connections, AtomicBoolean stop) {
        List<Future<Integer>> storm = new ArrayList<>();
        AtomicInteger values = new AtomicInteger();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            storm.add(writers.submit(() -> repeat(connections, stop, (client, i) -> {
                String group = root + "/tx/g" + (i + writer) % 6;
                client.inTransaction(tx -> {
                    if (i % 9 == 8) {
                        tx.delete(group);
                    } else {
                        String value = Integer.toString(values.incrementAndGet());
                        GROUP_KEYS.forEach(key -> tx.write(group + "/" + key, value));
                    }
                    return null;
                });
            })));
        }
        storm.add(writers.submit(() -> repeat(connections, stop, (client, i) -> {
            String subtree = root + "/sub/s" + i % 4;
            if (i % 3 == 2) {
                client.delete(subtree);
            } else {
                client.write(subtree + "/x/y" + i % 2 + "/z", Integer.toString(i));
            }
        })));
        storm.add(writers.submit(() -> repeat(connections, stop, (client, i) -> {
            String node = root + "/perm/p" + i % 3;
            client.write(node, "p");
            client.setPerms(node, i % 2 == 0 ? List.of(Permission.parse("b0"))
                    : List.of(Permission.parse("n0"), Permission.parse("r" + (5 + i % 3))));
        })));
        storm.add(writers.submit(() -> repeat(connections, stop, (client, i) ->
                client.write(root + "/plain/n" + i % 40, Integer.toString(i)))));
        return storm;
    }

    /** One writer's loop; a lost connection or a timeout (daemon restarting) is retried. */
    private static int repeat(Supplier<Client> connections, AtomicBoolean stop, Step step) {
        int done = 0;
        try (Client client = connections.get()) {
            for (int i = 0; !stop.get(); i++) {
                try {
                    step.run(client, i);
                    done++;
                } catch (ConnectionException | io.jxs.XenStoreTimeoutException e) {
                    sleep(20);
                } catch (XenStoreException e) {
                    // ENOENT: a subtree removed twice (C xenstored); EAGAIN: a transaction that conflicted.
                    if (!List.of("ENOENT", "EAGAIN").contains(e.errorName())) {
                        throw e;
                    }
                }
            }
        }
        return done;
    }

    private interface Step {
        void run(Client client, int i);
    }

    /** Checks every published state: each group has all four keys with one value, or none. */
    private static final class Invariant implements TreeCacheListener {
        final TreeCache cache;
        final String root;
        final Queue<String> violations = new ConcurrentLinkedQueue<>();

        Invariant(TreeCache cache, String root) {
            this.cache = cache;
            this.root = root;
        }

        @Override
        public void changed(List<TreeChange> changes) {
            check();
        }

        @Override
        public void resynchronized(List<TreeChange> changes) {
            check();
        }

        private void check() {
            NavigableMap<String, byte[]> mirror = cache.snapshot();
            for (String group : cache.children(root + "/tx")) {
                List<String> found = new ArrayList<>();
                for (String key : GROUP_KEYS) {
                    byte[] value = mirror.get(root + "/tx/" + group + "/" + key);
                    found.add(value == null ? null : new String(value, StandardCharsets.UTF_8));
                }
                boolean none = found.stream().allMatch(v -> v == null);
                boolean whole = found.stream().allMatch(v -> v != null && v.equals(found.get(0)));
                if (!none && !whole && !(group.equals("g0") && found.equals(Arrays.asList("0", null, null, null)))) {
                    violations.add(group + " " + found);
                }
            }
        }
    }

    /** Replays every change told onto a map of its own, checking each against what came before. */
    private static final class Recorder implements TreeCacheListener {
        final List<TreeChange> changes = new CopyOnWriteArrayList<>();
        final Map<String, String> replayed = new TreeMap<>();
        final AtomicInteger resyncs = new AtomicInteger();

        @Override
        public void changed(List<TreeChange> batch) {
            for (TreeChange change : batch) {
                String old = replayed.get(change.path());
                String expected = change.oldValue() == null ? null : new String(change.oldValue(), StandardCharsets.UTF_8);
                if (!java.util.Objects.equals(old, expected)) {
                    throw new AssertionError(change + " but the value before was " + old);
                }
                if (change.newValue() == null) {
                    replayed.remove(change.path());
                } else {
                    replayed.put(change.path(), new String(change.newValue(), StandardCharsets.UTF_8));
                }
            }
            changes.addAll(batch);
        }

        @Override
        public void resynchronized(List<TreeChange> batch) {
            resyncs.incrementAndGet();
            changed(batch);
        }

        List<TreeChange> take() {
            List<TreeChange> taken = List.copyOf(changes);
            changes.clear();
            return taken;
        }
    }

    private static Client connect(XenStoreDaemon.Kind kind, DaemonPool daemons) {
        Client client = Client.unixSocket(daemons.get(kind).socketPath().toString());
        client.connect();
        return client;
    }

    private static Client reconnecting(XenStoreDaemon daemon) {
        return Client.builder().unixSocket(daemon.socketPath()).requestTimeout(Duration.ofSeconds(5))
                .reconnect(Duration.ofMillis(200)).build();
    }

    private static Map<String, String> walk(Client client, String root) {
        return client.walk(root).collect(Collectors.toMap(Node::path, n -> new String(n.value(), StandardCharsets.UTF_8),
                (a, b) -> a, TreeMap::new));
    }

    private static Map<String, String> values(NavigableMap<String, byte[]> nodes) {
        return text(nodes);
    }

    private static Map<String, String> text(NavigableMap<String, byte[]> nodes) {
        Map<String, String> text = new TreeMap<>();
        nodes.forEach((path, value) -> text.put(path, new String(value, StandardCharsets.UTF_8)));
        return text;
    }

    private static TreeChange added(String path, String value) {
        return new TreeChange(Kind.ADDED, path, null, bytes(value));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
