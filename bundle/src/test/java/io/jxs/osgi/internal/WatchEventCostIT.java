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

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import io.jxs.Monitor;
import io.jxs.event.WatchEvents;
import io.jxs.testing.RequiredDaemon;
import io.jxs.testing.XenStoreDaemon;
import io.jxs.testing.XenStoreDaemon.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * What a watch event costs on its way from the socket to its consumer: the threads it passes through and
 * their context switches, for a callback monitor, a pulling monitor and the EventAdmin bridge, read from
 * {@code /proc/self/task} around a run of events that a separate process ({@code xenstore-write}) causes,
 * so that the writer's threads are not counted. Events come one at a time (the next write after the last
 * event was consumed: every event wakes its threads) and in a burst.
 *
 * <p>Only the threads of jxs and of the consumer are counted ({@value #COUNTED} and the consumer's
 * {@value #CONSUMER}); a thread counts as involved when it switched during the run. A voluntary switch is
 * a thread blocking until something is handed to it, so voluntary switches per event count the hand-offs;
 * involuntary ones are preemptions, which depend on the machine's load. Prints the table; asserts that
 * every event arrived, and that one at a time each path involves the thread that reads the connection
 * and one thread more (the callback's, the consumer's, or the one that calls EventAdmin), besides the
 * router's writer thread.
 */
class WatchEventCostIT {
    private static final String COUNTED = "jxs-";
    private static final String CONSUMER = "jxs-test-consumer";
    private static final int SPACED_EVENTS = 200;
    private static final int BURST_EVENTS = 2000;

    /** Receives the events of one way of consuming them; counts each. */
    private interface Consumption {
        void start(Client client, Consumer<String> consumed) throws Exception;

        void stop();
    }

    @Test
    void threadsAndContextSwitchesPerEvent() throws Exception {
        RequiredDaemon.assumeAvailable(Kind.XENSTORED);
        List<String> table = new ArrayList<>();
        table.add(String.format("%-17s %6s %7s %9s %9s  %s", "path", "events", "threads", "vol/event", "all/event",
                "threads involved (voluntary+involuntary switches)"));
        for (Map.Entry<String, Consumption> path : paths().entrySet()) {
            for (boolean burst : new boolean[] {false, true}) {
                table.add(measure(path.getKey(), path.getValue(), burst));
            }
        }
        table.forEach(System.out::println);
    }

    private static Map<String, Consumption> paths() {
        Map<String, Consumption> paths = new java.util.LinkedHashMap<>();
        paths.put("callback", new Consumption() {
            private Monitor monitor;

            @Override
            public void start(Client client, Consumer<String> consumed) {
                monitor = client.monitor(event -> consumed.accept(event.path()));
                monitor.watch("/cost", "cost");
            }

            @Override
            public void stop() {
                monitor.close();
            }
        });
        paths.put("pull", new Consumption() {
            private Monitor monitor;
            private Thread consumer;

            @Override
            public void start(Client client, Consumer<String> consumed) {
                monitor = client.monitor();
                monitor.watch("/cost", "cost");
                consumer = new Thread(() -> {
                    try {
                        while (true) {
                            consumed.accept(monitor.take().path());
                        }
                    } catch (RuntimeException | InterruptedException ended) {
                        // closed
                    }
                }, CONSUMER);
                consumer.start();
            }

            @Override
            public void stop() {
                monitor.close();
                consumer.interrupt();
            }
        });
        paths.put("eventadmin", new Consumption() {
            private WatchBridge bridge;

            @Override
            public void start(Client client, Consumer<String> consumed) {
                EventAdmin eventAdmin = new EventAdmin() {
                    @Override
                    public void postEvent(Event event) {
                        consumed.accept((String) event.getProperty(WatchEvents.PATH));
                    }

                    @Override
                    public void sendEvent(Event event) {
                        consumed.accept((String) event.getProperty(WatchEvents.PATH));
                    }
                };
                bridge = new WatchBridge(eventAdmin, EndpointTest.config(Map.of("watches", new String[] {"/cost"})));
                bridge.bindStore(client);
            }

            @Override
            public void stop() {
                bridge.deactivate();
            }
        });
        return paths;
    }

    private static String measure(String name, Consumption path, boolean burst) throws Exception {
        int events = burst ? BURST_EVENTS : SPACED_EVENTS;
        Semaphore arrived = new Semaphore(0);
        Semaphore registered = new Semaphore(0);
        try (XenStoreDaemon daemon = RequiredDaemon.start(Kind.XENSTORED);
                Client client = Client.unixSocket(daemon.socketPath().toString())) {
            daemon.xenstoreCli("xenstore-write", "/cost", "");
            path.start(client, changed -> (changed.equals("/cost") ? registered : arrived).release());
            // The event every watch sends when it is registered (the bridge registers its watch on a thread
            // of its own, after start returned); then a few writes, so that threads exist and code is compiled.
            assertTrue(registered.tryAcquire(10, TimeUnit.SECONDS), name + ": the watch never fired");
            writeEach(daemon, 0, 20, arrived);
            Map<String, long[]> before = switchesByThread();
            if (burst) {
                List<String> pairs = new ArrayList<>();
                for (int i = 0; i < events; i++) {
                    pairs.add("/cost/b" + i);
                    pairs.add("x");
                }
                daemon.xenstoreCli("xenstore-write", pairs.toArray(String[]::new));
                assertTrue(arrived.tryAcquire(events, 60, TimeUnit.SECONDS), name + ": not every event arrived");
            } else {
                writeEach(daemon, 100, events, arrived);
            }
            Map<String, long[]> after = switchesByThread();
            path.stop();
            if (!burst) {
                Set<String> busy = busyThreads(events, before, after);
                assertTrue(busy.size() <= 2, name + ": more than the reader and one thread blocked for each event: " + busy);
            }
            return row(name + (burst ? " burst" : ""), events, before, after);
        }
    }

    private static void writeEach(XenStoreDaemon daemon, int first, int count, Semaphore arrived)
            throws InterruptedException {
        for (int i = first; i < first + count; i++) {
            daemon.xenstoreCli("xenstore-write", "/cost/s" + i, "x");
            assertTrue(arrived.tryAcquire(10, TimeUnit.SECONDS), "event of /cost/s" + i + " did not arrive");
        }
    }

    /** The threads that blocked at least once for every other event: those an event is handed to. */
    private static Set<String> busyThreads(int events, Map<String, long[]> before, Map<String, long[]> after) {
        Set<String> busy = new TreeSet<>();
        after.forEach((thread, switches) -> {
            if (switches[0] - before.getOrDefault(thread, new long[] {0, 0})[0] >= events / 2) {
                busy.add(thread);
            }
        });
        return busy;
    }

    private static String row(String name, int events, Map<String, long[]> before, Map<String, long[]> after) {
        long voluntaryTotal = 0;
        long total = 0;
        int threads = 0;
        StringBuilder involved = new StringBuilder();
        for (Map.Entry<String, long[]> thread : after.entrySet()) {
            long[] was = before.getOrDefault(thread.getKey(), new long[] {0, 0});
            long voluntary = thread.getValue()[0] - was[0];
            long involuntary = thread.getValue()[1] - was[1];
            if (voluntary + involuntary > 0) {
                threads++;
                voluntaryTotal += voluntary;
                total += voluntary + involuntary;
                involved.append(thread.getKey().replaceFirst("^\\d+ ", "")).append(" (").append(voluntary)
                        .append('+').append(involuntary).append(") ");
            }
        }
        return String.format("%-17s %6d %7d %9.2f %9.2f  %s", name, events, threads, (double) voluntaryTotal / events,
                (double) total / events, involved.toString().strip());
    }

    /** The voluntary and involuntary context switches of each counted thread, by "tid name". */
    private static Map<String, long[]> switchesByThread() {
        Map<String, long[]> switches = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    if (!comm.startsWith(COUNTED)) {
                        continue;
                    }
                    long voluntary = 0;
                    long involuntary = 0;
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                        } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                            involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                        }
                    }
                    switches.put(task.getFileName() + " " + comm, new long[] {voluntary, involuntary});
                } catch (IOException ended) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return switches;
    }
}
