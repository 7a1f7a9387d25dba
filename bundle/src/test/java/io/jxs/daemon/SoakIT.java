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
package io.jxs.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import io.jxs.Monitor;
import io.jxs.Transaction;
import io.jxs.WatchEvent;
import io.jxs.XenStoreException;
import io.jxs.testing.RequiredDaemon;
import io.jxs.testing.XenStoreDaemon;
import io.jxs.testing.XenStoreDaemon.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Soak under faults: 32 threads share one reconnecting client (writes, reads, transactions, watches)
 * while a real C xenstored is killed and restarted and stopped with SIGSTOP for longer than the
 * request timeout. A restarted daemon starts empty, so the run is cut in phases: between two faults,
 * the workers pause and the store must hold every write acknowledged in the phase with its last
 * acknowledged value, every committed transaction in full and no aborted one; every value read must
 * be one that was written; no call may take longer than its timeout plus one second; after each
 * restart every watch fires again; and no thread of the client outlives it.
 */
class SoakIT {
    private static final int THREADS = 32;
    private static final int KEYS = 4;
    private static final int MONITORS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final long PHASE_MILLIS = 3_000;
    private static final int RESTARTS = 5;

    /** What one worker knows for certain about its keys in the current phase: key → last acknowledged value. */
    private static final class Worker {
        final int id;
        final Map<String, String> acknowledged = new TreeMap<>();
        final Set<String> uncertain = new java.util.HashSet<>();
        final Set<String> aborted = new java.util.HashSet<>();
        long counter;

        Worker(int id) {
            this.id = id;
        }

        String key(int k) {
            return "/soak/t" + id + "/k" + k;
        }

        String next() {
            return "t" + id + "v" + counter++;
        }

        synchronized void newPhase() {
            acknowledged.clear();
            uncertain.clear();
            aborted.clear();
        }

        synchronized void acknowledge(String key, String value) {
            acknowledged.put(key, value);
            uncertain.remove(key);
        }

        synchronized void doubt(String key) {
            uncertain.add(key);
        }

        synchronized void abort(String value) {
            aborted.add(value);
        }
    }

    private final Map<String, Set<String>> everWritten = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong slowestMillis = new AtomicLong();
    private final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean paused;
    private volatile boolean finished;

    @Test
    void noAcknowledgedWriteIsLostAndNoCallHangsWhileTheDaemonIsKilledRestartedAndStopped() throws Exception {
        Set<Thread> before = jxsThreads();
        try (XenStoreDaemon daemon = RequiredDaemon.start(Kind.XENSTORED);
                Client client = Client.builder().unixSocket(daemon.socketPath()).requestTimeout(TIMEOUT)
                        .reconnect(Duration.ofMillis(200)).build()) {
            List<BlockingQueue<WatchEvent>> watchEvents = new ArrayList<>();
            for (int m = 0; m < MONITORS; m++) {
                BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
                Monitor monitor = m % 2 == 0 ? client.monitor(events::add) : pulledInto(client.monitor(), events);
                monitor.watch("/soak/w" + m, "m" + m);
                watchEvents.add(events);
            }
            awaitWatchesFired(watchEvents);

            List<Worker> workers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(THREADS);
            for (int i = 0; i < THREADS; i++) {
                Worker worker = new Worker(i);
                workers.add(worker);
                Thread thread = new Thread(() -> {
                    try {
                        work(client, worker);
                    } finally {
                        done.countDown();
                    }
                }, "soak-" + i);
                threads.add(thread);
                thread.start();
            }

            int stops = 0;
            for (int phase = 0; phase <= RESTARTS; phase++) {
                Thread.sleep(PHASE_MILLIS / 2);
                if (phase == 2) {
                    // Stopped for longer than the request timeout, in the middle of a phase: calls time out, nothing is lost.
                    daemon.freeze();
                    Thread.sleep(TIMEOUT.toMillis() + 500);
                    daemon.thaw();
                    stops++;
                }
                Thread.sleep(PHASE_MILLIS / 2);
                pauseAndVerify(client, workers);
                if (phase < RESTARTS) {
                    for (BlockingQueue<WatchEvent> events : watchEvents) {
                        events.clear();
                    }
                    daemon.kill();
                    daemon.restart();
                    workers.forEach(Worker::newPhase);
                    count("restart");
                    paused = false;
                    awaitWatchesFired(watchEvents);
                } else {
                    paused = false;
                }
            }
            finished = true;
            assertTrue(done.await(10, TimeUnit.SECONDS), "workers did not end");
            System.out.printf("soak: %s, slowest call %d ms, SIGSTOPs %d, violations %d%n",
                    new TreeMap<>(outcomes), slowestMillis.get(), stops, violations.size());
            assertEquals(List.of(), violations);
            assertTrue(slowestMillis.get() <= TIMEOUT.toMillis() + 1000, "a call took " + slowestMillis.get() + " ms");
            assertEquals(RESTARTS, outcomes.get("restart").sum());
        }
        Set<Thread> left = jxsThreads();
        left.removeAll(before);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (left.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        left.removeIf(thread -> !thread.isAlive());
        assertEquals(Set.of(), left, "threads of the closed client still run");
    }

    private void work(Client client, Worker worker) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!finished) {
            if (paused) {
                sleepQuietly(5);
                continue;
            }
            int choice = random.nextInt(10);
            String key = worker.key(random.nextInt(KEYS));
            if (choice < 5) {
                String value = worker.next();
                everWritten.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(value);
                if (timed("write", () -> client.write(key, value))) {
                    worker.acknowledge(key, value);
                } else {
                    worker.doubt(key);
                }
            } else if (choice < 8) {
                String[] read = new String[1];
                if (timed("read", () -> read[0] = new String(client.read(key, "<none>".getBytes())))) {
                    Set<String> written = everWritten.getOrDefault(key, Set.of());
                    if (!read[0].equals("<none>") && !written.contains(read[0])) {
                        violations.add("read " + key + " = " + read[0] + ", never written");
                    }
                }
            } else {
                transaction(client, worker, choice == 9);
            }
        }
    }

    /** Writes two keys in one transaction, then commits it, or aborts it when {@code abort}. */
    private void transaction(Client client, Worker worker, boolean abort) {
        String a = "/soak/t" + worker.id + "/tx/a";
        String b = "/soak/t" + worker.id + "/tx/b";
        String value = worker.next();
        everWritten.computeIfAbsent(a, k -> ConcurrentHashMap.newKeySet()).add(value);
        everWritten.computeIfAbsent(b, k -> ConcurrentHashMap.newKeySet()).add(value);
        boolean[] committed = new boolean[1];
        Transaction[] tx = new Transaction[1];
        String kind = abort ? "transaction-abort" : "transaction";
        // Each call is timed on its own: the limit is per call, and a transaction is four of them.
        boolean answered = timed(kind + " start", () -> tx[0] = client.transaction())
                && timed(kind + " write", () -> tx[0].write(a, value))
                && timed(kind + " write", () -> tx[0].write(b, value))
                && timed(kind + (abort ? " rollback" : " commit"), () -> {
                    if (abort) {
                        tx[0].rollback();
                    } else {
                        committed[0] = tx[0].commit();
                    }
                });
        if (tx[0] != null) {
            tx[0].close();
        }
        if (answered && committed[0]) {
            worker.acknowledge(a, value);
            worker.acknowledge(b, value);
        } else if (answered) {
            worker.abort(value); // rolled back, or refused with EAGAIN
        } else {
            worker.doubt(a);
            worker.doubt(b);
        }
    }

    /** Runs a call, counting its outcome and its duration; true when it succeeded. */
    private boolean timed(String kind, Runnable call) {
        long start = System.nanoTime();
        boolean ok;
        try {
            call.run();
            count(kind + " ok");
            ok = true;
        } catch (XenStoreException e) {
            count(kind + " " + e.getClass().getSimpleName());
            ok = false;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        slowestMillis.accumulateAndGet(millis, Math::max);
        return ok;
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    private void pauseAndVerify(Client client, List<Worker> workers) throws InterruptedException {
        paused = true;
        Thread.sleep(TIMEOUT.toMillis() + 500); // every call in progress has returned by now
        for (Worker worker : workers) {
            synchronized (worker) {
                for (Map.Entry<String, String> entry : worker.acknowledged.entrySet()) {
                    if (worker.uncertain.contains(entry.getKey())) {
                        continue;
                    }
                    String stored = new String(client.read(entry.getKey(), "<missing>".getBytes()));
                    if (!stored.equals(entry.getValue())) {
                        violations.add("acknowledged " + entry.getKey() + " = " + entry.getValue() + ", store has " + stored);
                    } else {
                        count("verified");
                    }
                }
                for (String key : List.of("/soak/t" + worker.id + "/tx/a", "/soak/t" + worker.id + "/tx/b")) {
                    String stored = new String(client.read(key, new byte[0]));
                    if (worker.aborted.contains(stored)) {
                        violations.add("aborted transaction " + stored + " is in the store at " + key);
                    }
                }
            }
        }
    }

    private void awaitWatchesFired(List<BlockingQueue<WatchEvent>> watchEvents) throws InterruptedException {
        for (int m = 0; m < watchEvents.size(); m++) {
            WatchEvent expected = new WatchEvent("/soak/w" + m, "m" + m);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            WatchEvent event;
            do {
                event = watchEvents.get(m).poll(100, TimeUnit.MILLISECONDS);
            } while (!expected.equals(event) && System.nanoTime() < deadline);
            if (!expected.equals(event)) {
                violations.add("watch " + expected + " did not fire after a restart");
            }
        }
    }

    private static Monitor pulledInto(Monitor monitor, BlockingQueue<WatchEvent> events) {
        Thread consumer = new Thread(() -> {
            try {
                while (true) {
                    events.add(monitor.take());
                }
            } catch (XenStoreException | InterruptedException ended) {
                // the monitor ended with its client
            }
        }, "soak-consumer");
        consumer.setDaemon(true);
        consumer.start();
        return monitor;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Set<Thread> jxsThreads() {
        Set<Thread> threads = new java.util.HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("jxs-")) {
                threads.add(thread);
            }
        }
        return threads;
    }
}
