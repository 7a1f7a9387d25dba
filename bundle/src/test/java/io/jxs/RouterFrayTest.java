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
package io.jxs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.connection.Op;
import io.jxs.protocol.Payloads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.core.command.SystemTimeDelegateType;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.FrayTest;

/**
 * The router's orderings, proven by controlled concurrency testing: Fray runs each test many times, each
 * time under another schedule of every thread (the router's reader and deadline threads included), and a
 * failure in any thread, a thread left blocked or a deadlock fails the test with the schedule saved for
 * replay (README, "Proof by controlled concurrency testing"). The daemon is an {@link InMemoryDaemon},
 * which checks at every write that the request may still go out.
 *
 * <p>Time is Fray's virtual clock ({@link SystemTimeDelegateType#MOCK}): it moves 0.1 ms at every
 * {@link System#nanoTime()} and every scheduling step, and jumps to the next timed wait when every thread
 * waits, so deadlines pass in the schedule, replayably. A thread that spins moves it too, while the thread it
 * waits for may be kept waiting: the tests' waiting loops are bounded. Runs only on Fray's instrumented JDK
 * (surefire execution {@code fray-test}); on a stock JDK its tests are skipped.
 */
@ExtendWith(FrayTestExtension.class)
class RouterFrayTest {
    /** The timeout of the requests that are not meant to time out. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /**
     * How long after its deadline a call may end, in virtual time, counted from when a test thread that
     * moves the clock stopped (it moves it under callers that have not run yet): each look at the clock and
     * each scheduling step move it 0.1 ms.
     */
    private static final Duration SLACK = Duration.ofMillis(150);

    /**
     * A synchronous and an asynchronous caller at once, on a connection the reader thread lends to a lone
     * caller: every call ends, with the value of its own path.
     */
    @FrayTest(iterations = 400, systemTimeDelegateType = SystemTimeDelegateType.MOCK, ignoreTimedBlock = false)
    void concurrentCallersEachGetTheirOwnReply() throws Exception {
        InMemoryDaemon daemon = new InMemoryDaemon(2);
        Router router = new Router(daemon);
        router.start(TIMEOUT);
        assertEquals("value of /a/warm-up", call(router, daemon, "/a/warm-up")); // the reader lends from now on
        AtomicReference<Object> sync = new AtomicReference<>();
        AtomicReference<Object> async1 = new AtomicReference<>();
        AtomicReference<Object> async2 = new AtomicReference<>();
        Thread syncCaller = new Thread(() -> sync.set(call(router, daemon, "/a/sync")), "sync caller");
        Thread asyncCaller = new Thread(() -> {
            Request<String> first = send(router, daemon, "/a/async1", false);
            Request<String> second = send(router, daemon, "/a/async2", false);
            async1.set(outcome(daemon, "/a/async1", first));
            async2.set(outcome(daemon, "/a/async2", second));
        }, "async caller");
        syncCaller.start();
        asyncCaller.start();
        syncCaller.join();
        asyncCaller.join();
        router.terminate();
        assertEquals("value of /a/sync", sync.get());
        assertEquals("value of /a/async1", async1.get());
        assertEquals("value of /a/async2", async2.get());
        assertEquals(List.of(), daemon.violations());
    }

    /**
     * The connection is lost while a request in a transaction and two asynchronous requests are on their
     * way, and a reconnecting router opens the next one: every call ends, with its value or a
     * {@link ConnectionException}; nothing is written after it failed, on a connection other than the one it
     * was sent during, or in a transaction of the lost connection; a call after the reconnection succeeds.
     */
    @FrayTest(iterations = 400, systemTimeDelegateType = SystemTimeDelegateType.MOCK, ignoreTimedBlock = false)
    void aLostConnectionFailsWhatWasInFlightAndNothingOfItGoesOutOnTheNext() throws Exception {
        InMemoryDaemon daemon = new InMemoryDaemon(2);
        Router router = new Router(daemon, Duration.ofSeconds(1));
        CountDownLatch reconnected = reconnection(router);
        router.start(TIMEOUT);
        int generation = router.generation();
        int transaction = startTransaction(router);
        AtomicReference<Object> inTransaction = new AtomicReference<>();
        AtomicReference<Object> async1 = new AtomicReference<>();
        AtomicReference<Object> async2 = new AtomicReference<>();
        Thread syncCaller = new Thread(() -> inTransaction.set(call(router, daemon,
                read("/b/tx", transaction, generation, TIMEOUT, true), () -> Long.MIN_VALUE)), "sync caller");
        Thread asyncCaller = new Thread(() -> {
            Request<String> first = sendNoting(router, daemon, "/b/async1");
            Request<String> second = sendNoting(router, daemon, "/b/async2");
            async1.set(outcome(daemon, "/b/async1", first));
            async2.set(outcome(daemon, "/b/async2", second));
        }, "async caller");
        syncCaller.start();
        asyncCaller.start();
        daemon.lose();
        syncCaller.join();
        asyncCaller.join();
        reconnected.await();
        Object after = call(router, daemon, "/b/after");
        router.terminate();
        assertValueOrLoss("/b/tx", inTransaction.get());
        assertValueOrLoss("/b/async1", async1.get());
        assertValueOrLoss("/b/async2", async2.get());
        assertEquals("value of /b/after", after);
        assertEquals(2, daemon.generation());
        assertEquals(List.of(), daemon.violations());
    }

    /**
     * Deadlines pass as actions of the schedule while the reply that makes room comes and the requests
     * behind it are written: a test thread stands in for the deadline timer and abandons a queued
     * asynchronous request, and once a synchronous caller waits, another moves the clock past its deadline in
     * steps of 10 ms that race with the writes. Nothing is written after it ended or after its caller saw it
     * fail; a failed call's request has ended; the call ends within {@link #SLACK} of its deadline.
     */
    @FrayTest(iterations = 600, systemTimeDelegateType = SystemTimeDelegateType.MOCK, ignoreTimedBlock = false)
    void aCallerThatSawItsDeadlinePassIsNeverWrittenAfterwards() throws Exception {
        InMemoryDaemon daemon = new InMemoryDaemon(1);
        Router router = new Router(daemon);
        router.start(TIMEOUT);
        daemon.holdReplies();
        Request<String> first = send(router, daemon, "/c/first", false); // fills the window; its reply waits
        Request<String> abandoned = send(router, daemon, "/c/abandoned", false); // queued behind it
        AtomicReference<Object> sync = new AtomicReference<>();
        AtomicLong clockStopped = new AtomicLong(Long.MAX_VALUE);
        Thread syncCaller = new Thread(() -> sync.set(call(router, daemon, read("/c/sync", 0,
                Request.ANY_CONNECTION, Duration.ofSeconds(1), true), clockStopped::get)), "sync caller");
        Thread clock = new Thread(() -> {
            for (int look = 0; look < 100 && router.blockedCallers().get() == 0; look++) {
                Thread.yield(); // for the caller to wait
            }
            for (int step = 0; step < 40; step++) {
                daemon.written(); // looks at the daemon: a step that races with the reader's writes
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(step == 0 ? 900 : 10);
                while (System.nanoTime() - until < 0) {
                    // each look moves Fray's clock; nothing else runs meanwhile
                }
            }
            clockStopped.set(System.nanoTime());
        }, "clock");
        Thread timer = new Thread(() -> router.abandon(abandoned), "timer");
        syncCaller.start();
        clock.start();
        timer.start();
        daemon.answerHeld();
        syncCaller.join();
        clock.join();
        timer.join();
        Object late = outcome(daemon, "/c/abandoned", abandoned);
        Object firstValue = outcome(daemon, "/c/first", first);
        router.terminate();
        assertEquals("value of /c/first", firstValue);
        assertValueOrTimeout("/c/abandoned", late);
        assertValueOrTimeout("/c/sync", sync.get());
        assertEquals(List.of(), daemon.violations());
    }

    /**
     * A caller is interrupted while its request waits behind another, is written by the reader thread, or
     * is answered: its call ends, with its value or the interruption; its request is never written after it
     * returned; the next call gets its own reply.
     */
    @FrayTest(iterations = 400, systemTimeDelegateType = SystemTimeDelegateType.MOCK, ignoreTimedBlock = false)
    void anInterruptedCallerIsNeverWrittenAfterwardsAndTheNextCallGetsItsOwnReply() throws Exception {
        InMemoryDaemon daemon = new InMemoryDaemon(1);
        Router router = new Router(daemon);
        router.start(TIMEOUT);
        daemon.holdReplies();
        Request<String> first = send(router, daemon, "/d/first", false); // fills the window; its reply waits
        AtomicReference<Object> sync = new AtomicReference<>();
        Thread syncCaller = new Thread(() -> sync.set(call(router, daemon, "/d/sync")), "sync caller");
        syncCaller.start();
        daemon.answerHeld();
        syncCaller.interrupt();
        syncCaller.join();
        Object firstValue = outcome(daemon, "/d/first", first);
        Object next = call(router, daemon, "/d/next");
        router.terminate();
        assertEquals("value of /d/first", firstValue);
        assertTrue(sync.get().equals("value of /d/sync") || sync.get() instanceof InterruptedException, String.valueOf(sync.get()));
        assertEquals("value of /d/next", next);
        assertEquals(List.of(), daemon.violations());
    }

    /**
     * A lone caller reading its own reply on the connection the reader thread lent it is interrupted: its
     * call ends, and the next call gets its own reply, not the one the interrupted caller left unread.
     */
    @FrayTest(iterations = 300, systemTimeDelegateType = SystemTimeDelegateType.MOCK, ignoreTimedBlock = false)
    void anInterruptedLoneCallerLeavesTheConnectionInStep() throws Exception {
        InMemoryDaemon daemon = new InMemoryDaemon(2);
        Router router = new Router(daemon);
        router.start(TIMEOUT);
        assertEquals("value of /d/warm-up", call(router, daemon, "/d/warm-up")); // the reader lends from now on
        daemon.holdReplies();
        AtomicReference<Object> sync = new AtomicReference<>();
        Thread syncCaller = new Thread(() -> sync.set(call(router, daemon, "/d/lone")), "lone caller");
        syncCaller.start();
        for (int look = 0; look < 100 && router.blockedCallers().get() == 0; look++) {
            Thread.yield(); // for it to wait, reading its own reply: the reply is held back
        }
        syncCaller.interrupt();
        daemon.answerHeld();
        syncCaller.join();
        Object next = call(router, daemon, "/d/next");
        router.terminate();
        assertTrue(sync.get().equals("value of /d/lone") || sync.get() instanceof InterruptedException, String.valueOf(sync.get()));
        assertEquals("value of /d/next", next);
        assertEquals(List.of(), daemon.violations());
    }

    /**
     * The router is terminated while a synchronous and an asynchronous caller send and the reader reads:
     * every call ends, with its value or a {@link ConnectionException} (not another exception: a writer that
     * found the queue emptied by the ending router under its hands used to throw a NullPointerException out
     * of {@code send}), nothing is written after it failed, a later request fails at once, and no thread is
     * left waiting (Fray fails a test that leaves one blocked).
     */
    @FrayTest(iterations = 400, systemTimeDelegateType = SystemTimeDelegateType.MOCK, ignoreTimedBlock = false)
    void terminateEndsEveryCallAndLeavesNothingWaiting() throws Exception {
        InMemoryDaemon daemon = new InMemoryDaemon(2);
        Router router = new Router(daemon);
        router.start(TIMEOUT);
        assertEquals("value of /e/warm-up", call(router, daemon, "/e/warm-up"));
        AtomicReference<Object> sync = new AtomicReference<>();
        List<AtomicReference<Object>> async = List.of(new AtomicReference<>(), new AtomicReference<>(),
                new AtomicReference<>());
        Thread syncCaller = new Thread(() -> sync.set(call(router, daemon, "/e/sync")), "sync caller");
        Thread asyncCaller = new Thread(() -> {
            List<Request<String>> sent = new ArrayList<>();
            for (int i = 0; i < async.size(); i++) {
                sent.add(send(router, daemon, "/e/async" + i, false));
            }
            for (int i = 0; i < async.size(); i++) {
                async.get(i).set(outcome(daemon, "/e/async" + i, sent.get(i)));
            }
        }, "async caller");
        syncCaller.start();
        asyncCaller.start();
        router.terminate();
        syncCaller.join();
        asyncCaller.join();
        Request<String> after = send(router, daemon, "/e/after", false);
        assertTrue(after.isDone(), "a request after terminate() waits");
        assertTrue(outcome(daemon, "/e/after", after) instanceof ConnectionException);
        assertTrue(router.isTerminated());
        assertValueOrLoss("/e/sync", sync.get());
        for (int i = 0; i < async.size(); i++) {
            assertValueOrLoss("/e/async" + i, async.get(i).get());
        }
        assertEquals(List.of(), daemon.violations());
    }

    /**
     * The connection is lost while the daemon sends watch events, and the client's monitor registers its watch
     * again on the next: every event the router read reaches the monitor's callback (on the client's executor,
     * the path EventAdmin events take) once and in order, an event sent
     * after the re-registration arrives, and each registration gives one initial event. Events the daemon sent
     * on the lost connection that nobody read are lost, as the protocol allows.
     */
    @FrayTest(iterations = 300, systemTimeDelegateType = SystemTimeDelegateType.MOCK, ignoreTimedBlock = false)
    void watchEventsAcrossAReconnectionAreNeitherLostNorDuplicated() throws Exception {
        InMemoryDaemon daemon = new InMemoryDaemon(2);
        Router router = new Router(daemon, Duration.ofSeconds(1));
        CountDownLatch reconnected = reconnection(router);
        router.start(TIMEOUT);
        Client client = Client.builder().router(router).build();
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        Monitor monitor = client.monitor(event -> received.add(event.path()));
        monitor.watch("/w", "t");
        List<String> delivered = new ArrayList<>();
        delivered.add(nextEvent(received));
        Thread writer = new Thread(() -> {
            for (int i = 1; i <= 3; i++) {
                daemon.fire("/w/" + i);
            }
        }, "daemon writing");
        writer.start();
        daemon.lose();
        writer.join();
        reconnected.await();
        long initialEvents = 1;
        while (initialEvents < 2) { // the second registration's initial event follows what came before the loss
            String path = nextEvent(received);
            delivered.add(path);
            initialEvents += path.equals("/w") ? 1 : 0;
        }
        assertTrue(daemon.fire("/w/after"), "the watch is not registered on the new connection");
        delivered.add(nextEvent(received));
        client.close();
        router.terminate();
        assertEquals(daemon.eventsRead(), delivered);
        assertEquals("/w/after", delivered.get(delivered.size() - 1));
        assertEquals(daemon.registrations(), delivered.stream().filter("/w"::equals).count());
        assertEquals(List.of(), daemon.violations());
    }

    /** Takes the path of the next watch event delivered, failing when none comes within {@link #TIMEOUT}. */
    private static String nextEvent(BlockingQueue<String> received) throws InterruptedException {
        String path = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(path != null, "no watch event within " + TIMEOUT);
        return path;
    }

    /** Returns a latch that opens when the router has opened its connection again after a loss. */
    private static CountDownLatch reconnection(Router router) {
        CountDownLatch reconnected = new CountDownLatch(1);
        router.addListener(new Router.Listener() {
            @Override
            public void reconnected() {
                reconnected.countDown();
            }
        });
        return reconnected;
    }

    /** A READ of {@code path} as the client's operations make it, with the current thread as its caller. */
    private static Request<String> read(String path, int transaction, int generation, Duration timeout, boolean awaited) {
        return new Request<>(Op.READ, transaction, generation, Payloads.strings(path), path,
                reply -> new String(reply.payload(), StandardCharsets.UTF_8), System.nanoTime() + timeout.toNanos(),
                timeout.toMillis(), awaited);
    }

    /** Sends a READ of {@code path}, which the daemon tracks. */
    private static Request<String> send(Router router, InMemoryDaemon daemon, String path, boolean awaited) {
        Request<String> request = read(path, 0, Request.ANY_CONNECTION, TIMEOUT, awaited);
        daemon.track(path, request);
        return router.send(request);
    }

    /** Sends as {@link #send} does, and notes the connection it was sent during when one was open all along. */
    private static Request<String> sendNoting(Router router, InMemoryDaemon daemon, String path) {
        int before = daemon.generation();
        boolean open = daemon.isConnected();
        Request<String> request = send(router, daemon, path, false);
        if (open && daemon.isConnected() && daemon.generation() == before) {
            daemon.sentDuring(path, before);
        }
        return request;
    }

    /** Calls as a synchronous client call does; returns the value read or what the call failed with. */
    private static Object call(Router router, InMemoryDaemon daemon, String path) {
        return call(router, daemon, read(path, 0, Request.ANY_CONNECTION, TIMEOUT, true), () -> Long.MIN_VALUE);
    }

    /**
     * Sends an awaited request and waits for it as {@link BlockingOperations} does, and tells the daemon when
     * the caller saw it fail. Checks that the call ended within {@link #SLACK} of its deadline, or of the
     * time {@code clockStopped} gives when that is later: a test thread that moves the clock moves it under
     * a caller that has not run yet.
     */
    private static Object call(Router router, InMemoryDaemon daemon, Request<String> request, LongSupplier clockStopped) {
        String path = Payloads.split(request.packet().payload()).get(0);
        daemon.track(path, request);
        Object result;
        try {
            router.send(request);
            router.await(request);
            result = outcome(daemon, path, request);
        } catch (XenStoreException | InterruptedException e) {
            daemon.callerSawFailure(path);
            // Ended: written whole or never; a write of it in progress would go out after the caller gave up.
            assertTrue(request.isDone(), path + " failed to its caller (" + e + ") while it was being written");
            result = e;
        }
        long late = System.nanoTime() - Math.max(request.deadline(), clockStopped.getAsLong());
        assertTrue(late <= SLACK.toNanos(), path + " ended " + TimeUnit.NANOSECONDS.toMillis(late) + " ms after its deadline");
        return result;
    }

    /** Waits for a request's future; returns its value or failure, telling the daemon the caller saw a failure. */
    private static Object outcome(InMemoryDaemon daemon, String path, Request<String> request) {
        try {
            return request.get();
        } catch (ExecutionException e) {
            daemon.callerSawFailure(path);
            return e.getCause();
        } catch (InterruptedException e) {
            daemon.callerSawFailure(path);
            return e;
        }
    }

    /** Starts a transaction as {@link Client#transaction()} does; returns its id. */
    private static int startTransaction(Router router) throws Exception {
        Request<Integer> start = new Request<>(Op.TRANSACTION_START, 0, Request.ANY_CONNECTION, new byte[] {0},
                "transaction start", reply -> (int) Payloads.number(reply.payload()),
                System.nanoTime() + TIMEOUT.toNanos(), TIMEOUT.toMillis(), true);
        router.send(start);
        router.await(start);
        return start.get();
    }

    private static void assertValueOrLoss(String path, Object outcome) {
        assertTrue(outcome.equals("value of " + path) || outcome instanceof ConnectionException,
                path + " ended with " + outcome);
    }

    private static void assertValueOrTimeout(String path, Object outcome) {
        assertTrue(outcome.equals("value of " + path) || outcome instanceof XenStoreTimeoutException,
                path + " ended with " + outcome);
    }
}
