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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.connection.Connection;
import io.jxs.connection.Op;
import io.jxs.connection.Packet;
import io.jxs.connection.UnknownTypeException;
import io.jxs.protocol.Payloads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The write path: no caller waits on the connection, deadlines hold, a full queue pushes back. */
class WritePathTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final FakeConnection daemon = new FakeConnection();
    private final Router router = new Router(daemon);
    private final Client client = Client.builder().router(router).requestTimeout(TIMEOUT).build();

    @AfterEach
    void close() {
        router.terminate();
        client.close();
    }

    @Test
    void everyCallReturnsWithinItsTimeoutWhenTheDaemonStopsReading() throws Exception {
        client.connect();
        daemon.stopReading();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Long>> took = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String path = "/stuck/" + i;
                took.add(callers.submit(() -> {
                    long start = System.nanoTime();
                    assertThrows(XenStoreTimeoutException.class, () -> client.write(path, "v"));
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }));
            }
            for (Future<Long> millis : took) {
                long elapsed = millis.get(5, TimeUnit.SECONDS);
                assertTrue(elapsed < TIMEOUT.toMillis() + 500, "a call took " + elapsed + " ms");
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void requestsThatTimedOutStillCountAsUnreadSoCallersNeverWriteIntoAFullSocket() throws Exception {
        FakeConnection socket = new FakeConnection();
        socket.bufferUnanswered(2);
        Router buffered = new Router(socket);
        try (Client impatient = Client.builder().router(buffered).requestTimeout(TIMEOUT).build()) {
            impatient.connect();
            socket.stopReading();
            // A caller that wrote into the full "socket" itself would hang there: fail instead of hanging.
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int i = 0; i < 6; i++) {
                    String path = "/unread/" + i;
                    long start = System.nanoTime();
                    assertThrows(XenStoreTimeoutException.class, () -> impatient.write(path, "v"));
                    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    assertTrue(elapsed < TIMEOUT.toMillis() + 500, "call " + i + " took " + elapsed + " ms");
                }
            });
            socket.resumeReading();
        } finally {
            buffered.terminate();
        }
    }

    @Test
    void aRequestThatTimedOutBeforeItWasWrittenIsNeverWritten() throws Exception {
        client.connect();
        CompletableFuture<Void> first = client.async().write("/first", "1");
        daemon.reply(daemon.nextRequest(), "OK\0".getBytes());
        first.get(5, TimeUnit.SECONDS);
        daemon.stopReading();
        // The writer takes this one and blocks in write(); the next ones wait in the queue meanwhile.
        CompletableFuture<Void> blocking = client.async().write("/blocking", "1");
        Thread.sleep(50);
        assertThrows(XenStoreTimeoutException.class, () -> client.write("/late", "1"));
        daemon.resumeReading();
        Thread.sleep(200);
        List<String> written = new ArrayList<>();
        for (Packet packet : daemon.writtenRequests()) {
            written.add(Payloads.split(packet.payload()).get(0));
        }
        assertEquals(List.of("/blocking"), written, "the timed-out write of /late must not be sent");
        assertTrue(blocking.isDone());
    }

    /**
     * A caller that gives up (interrupted, or its deadline passed) while another thread writes its request
     * returns only once that write has returned: having seen the call fail, it knows that no byte of the
     * request goes out later. Fray found the interleaving (RouterFrayTest).
     */
    @Test
    void aCallerInterruptedWhileItsRequestIsBeingWrittenReturnsOnceTheWriteHasReturned() throws Exception {
        Object outcome = giveUpWhileBeingWritten(Duration.ofSeconds(10), Thread::interrupt);
        assertTrue(outcome instanceof ConnectionException, String.valueOf(outcome));
    }

    /** The same for a caller whose deadline passes while its request is being written. */
    @Test
    void aCallerWhoseDeadlinePassesWhileItsRequestIsBeingWrittenReturnsOnceTheWriteHasReturned() throws Exception {
        Object outcome = giveUpWhileBeingWritten(Duration.ofMillis(200), caller -> { });
        assertTrue(outcome instanceof XenStoreTimeoutException, String.valueOf(outcome));
    }

    /**
     * Has the reader thread write a synchronous caller's request and holds that write while {@code giveUp}
     * acts on the caller and until after its deadline or 300 ms; checks that the caller still waits then,
     * and returns what its call ended with.
     */
    private static Object giveUpWhileBeingWritten(Duration timeout, Consumer<Thread> giveUp) throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        InMemoryDaemon daemon = new InMemoryDaemon(1);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        daemon.whileWriting(packet -> {
            if (Payloads.split(packet.payload()).get(0).equals("/slow")) {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Router router = new Router(daemon);
        try (Client client = Client.builder().router(router).requestTimeout(timeout).build()) {
            client.connect();
            daemon.holdReplies();
            CompletableFuture<byte[]> first = client.async().read("/first"); // fills the window
            Thread caller = new Thread(() -> {
                try {
                    outcome.set(client.readString("/slow")); // queued behind /first
                } catch (XenStoreException e) {
                    outcome.set(e);
                }
            });
            caller.start();
            while (router.blockedCallers().get() == 0) {
                Thread.sleep(1);
            }
            daemon.answerHeld(); // the reader thread dispatches /first's reply, then writes /slow
            assertTrue(writing.await(5, TimeUnit.SECONDS));
            giveUp.accept(caller);
            Thread.sleep(timeout.toMillis() > 1000 ? 300 : timeout.toMillis() + 300);
            boolean waited = caller.isAlive();
            release.countDown();
            caller.join(5000);
            assertTrue(waited, "the caller returned (" + outcome.get() + ") while its request was still being written");
            assertFalse(caller.isAlive());
            assertEquals("value of /first", new String(first.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));
            return outcome.get();
        } finally {
            router.terminate();
        }
    }

    @Test
    void aFullQueuePushesBackUntilTheCallersTimeout() throws Exception {
        client.connect();
        daemon.stopReading();
        byte[] value = new byte[4000];
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        // More than the queue holds: the caller waits for room, and the writes past its deadline fail.
        long start = System.nanoTime();
        for (int i = 0; i < WriteQueue.MAX_BYTES / 4000 + 10; i++) {
            queued.add(client.async().write("/q/" + i, value));
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMillis >= TIMEOUT.toMillis() / 2, "no back-pressure: queued in " + elapsedMillis + " ms");
        CompletableFuture<Void> last = queued.get(queued.size() - 1);
        Throwable failure = assertThrows(Exception.class, () -> last.get(5, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof XenStoreTimeoutException, failure.toString());
        daemon.resumeReading();
    }

    @Test
    void aTransactionStartedAfterItsCallerGaveUpIsAborted() throws Exception {
        Client impatient = Client.builder().router(router).requestTimeout(Duration.ofMillis(100)).build();
        assertThrows(XenStoreTimeoutException.class, impatient::transaction);
        Packet start = daemon.nextRequest();
        assertEquals(Op.TRANSACTION_START, start.op());
        daemon.reply(start, "42\0".getBytes());
        Packet end = daemon.nextRequest();
        assertEquals(Op.TRANSACTION_END, end.op());
        assertEquals(42, end.txId());
        assertArrayEquals("F\0".getBytes(), end.payload());
    }

    @Test
    void oneThreadKeepsManyRequestsInFlightThroughTheAsyncView() throws Exception {
        List<CompletableFuture<byte[]>> reads = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            reads.add(client.async().read("/n/" + i));
        }
        List<Packet> requests = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            requests.add(daemon.nextRequest());
        }
        for (int i = 63; i >= 0; i--) {
            Packet request = requests.get(i);
            daemon.reply(request, Payloads.split(request.payload()).get(0).getBytes());
        }
        for (int i = 0; i < 64; i++) {
            assertEquals("/n/" + i, new String(reads.get(i).get(5, TimeUnit.SECONDS)));
        }
    }

    @Test
    void requestsSentWhileOthersAreUnansweredGoOutTogetherAfterTheNextReply() throws Exception {
        FakeConnection socket = new FakeConnection();
        socket.bufferUnanswered(100);
        Router buffered = new Router(socket);
        try (Client pipelining = Client.builder().router(buffered).requestTimeout(Duration.ofSeconds(10)).build()) {
            CompletableFuture<byte[]> first = pipelining.async().read("/first");
            Packet firstRequest = socket.nextRequest(); // a lone request goes out at once

            List<CompletableFuture<byte[]>> pipelined = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                pipelined.add(pipelining.async().read("/n/" + i));
            }
            Thread.sleep(300); // longer than the writer thread's sweep
            assertFalse(socket.hasRequest(), "written before the daemon answered anything");
            assertEquals(1, socket.flushes());

            socket.reply(firstRequest, "1".getBytes());
            assertEquals("1", new String(first.get(5, TimeUnit.SECONDS)));
            for (int i = 0; i < 10; i++) {
                Packet request = socket.nextRequest();
                socket.reply(request, Payloads.split(request.payload()).get(0).getBytes());
            }
            for (int i = 0; i < 10; i++) {
                assertEquals("/n/" + i, new String(pipelined.get(i).get(5, TimeUnit.SECONDS)));
            }
            assertEquals(2, socket.flushes(), "the ten went out in one write");
        } finally {
            buffered.terminate();
        }
    }

    @Test
    void aReplyOfUnknownTypeStillAnswersItsRequestSoLaterOnesGoOut() throws Exception {
        FakeConnection socket = new FakeConnection();
        socket.bufferUnanswered(100);
        Router buffered = new Router(socket);
        try {
            buffered.start(Duration.ofSeconds(5));
            CompletableFuture<Packet> first = buffered.send(new Packet(Op.READ, 0, 0, Payloads.strings("/a")));
            socket.fail(new UnknownTypeException(99, socket.nextRequest().rqId()));
            Throwable refused = assertThrows(Exception.class, () -> first.get(5, TimeUnit.SECONDS)).getCause();
            assertTrue(refused instanceof InvalidOperationException, refused.toString());
            assertEquals(0, buffered.unansweredRequests());
            buffered.send(new Packet(Op.READ, 0, 0, Payloads.strings("/b")));
            assertEquals("/b", Payloads.split(socket.nextRequest().payload()).get(0));
        } finally {
            buffered.terminate();
        }
    }

    @Test
    void aConnectionLostInTheMiddleOfABatchLeavesNoRequestToTheReader() throws Exception {
        ScriptedConnection socket = new ScriptedConnection();
        Router reconnecting = new Router(socket, Duration.ofMillis(50));
        try {
            reconnecting.start(Duration.ofSeconds(5));
            CompletableFuture<Packet> first = reconnecting.send(new Packet(Op.READ, 0, 0, Payloads.strings("/a")));
            Packet request = socket.written.poll(5, TimeUnit.SECONDS);
            // The reply, with more bytes behind it, and then the connection breaks in the middle of them.
            socket.deliver(new Packet(Op.READ, request.rqId(), 0, "1".getBytes()), true);
            first.get(5, TimeUnit.SECONDS);
            socket.deliver(new IOException("lost in the middle of a packet"), false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (socket.connects.get() < 2 || !reconnecting.isConnected()) {
                assertTrue(System.nanoTime() < deadline, "not reconnected");
                Thread.sleep(5);
            }
            long start = System.nanoTime();
            reconnecting.send(new Packet(Op.READ, 0, 0, Payloads.strings("/b")));
            assertEquals("/b", Payloads.split(socket.written.poll(5, TimeUnit.SECONDS).payload()).get(0));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // Written by its caller: nothing is in flight. Left to the reader, it waited for the writer thread's sweep.
            assertTrue(waited < 500, "written after " + waited + " ms");
        } finally {
            reconnecting.terminate();
        }
    }

    @Test
    void aRequestQueuedWhileAnotherCallerWritesGoesOutOnThatCallersThreadNotTheWriterThread() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        Map<String, String> writtenBy = new ConcurrentHashMap<>();
        ScriptedConnection slow = new ScriptedConnection() {
            @Override
            public void write(Packet packet) throws IOException {
                String path = Payloads.split(packet.payload()).get(0);
                writtenBy.put(path, Thread.currentThread().getName());
                if (path.equals("/first")) {
                    firstWriteStarted.countDown();
                    try {
                        releaseFirstWrite.await();
                    } catch (InterruptedException e) {
                        throw new IOException("interrupted");
                    }
                }
                super.write(packet);
            }
        };
        Router router = new Router(slow);
        ExecutorService caller = Executors.newSingleThreadExecutor(task -> new Thread(task, "first caller"));
        try {
            router.start(Duration.ofSeconds(5));
            router.blockedCallers().addAndGet(2); // as two threads blocked in synchronous calls: nothing is pipelined
            caller.submit(() -> router.send(new Packet(Op.READ, 0, 0, Payloads.strings("/first"))));
            assertTrue(firstWriteStarted.await(5, TimeUnit.SECONDS));

            router.send(new Packet(Op.READ, 0, 0, Payloads.strings("/second")));
            releaseFirstWrite.countDown();

            assertEquals("/first", Payloads.split(slow.written.poll(5, TimeUnit.SECONDS).payload()).get(0));
            assertEquals("/second", Payloads.split(slow.written.poll(5, TimeUnit.SECONDS).payload()).get(0));
            assertEquals("first caller", writtenBy.get("/second"));
        } finally {
            releaseFirstWrite.countDown();
            caller.shutdownNow();
            router.terminate();
        }
    }

    @Test
    void aWriterThreadThatFailsEndsTheRouterInsteadOfLeavingRequestsWaiting() throws Exception {
        ScriptedConnection broken = new ScriptedConnection(0) {
            @Override
            public void write(Packet packet) {
                throw new IllegalStateException("a transport that breaks its contract");
            }
        };
        Router router = new Router(broken);
        try {
            router.start(Duration.ofSeconds(5));
            CompletableFuture<Packet> request = router.send(new Packet(Op.READ, 0, 0, Payloads.strings("/a")));
            Throwable failure = assertThrows(Exception.class, () -> request.get(5, TimeUnit.SECONDS)).getCause();
            assertTrue(failure instanceof ConnectionException, failure.toString());
            assertTrue(router.isTerminated());
        } finally {
            router.terminate();
        }
    }

    /** A transport whose test says, for each packet it delivers, whether more bytes wait behind it. */
    private static class ScriptedConnection implements Connection {
        private record Delivery(Object packetOrFailure, boolean more) {
        }

        final BlockingQueue<Packet> written = new LinkedBlockingQueue<>();
        final AtomicInteger connects = new AtomicInteger();
        private final BlockingQueue<Delivery> incoming = new LinkedBlockingQueue<>();
        private final int writeWindow;
        private volatile boolean connected;
        private volatile boolean more;

        ScriptedConnection() {
            this(100 * Request.SMALL_BUFFER_COST);
        }

        ScriptedConnection(int writeWindow) {
            this.writeWindow = writeWindow;
        }

        void deliver(Object packetOrFailure, boolean moreBehind) {
            incoming.add(new Delivery(packetOrFailure, moreBehind));
        }

        @Override
        public void connect(Duration timeout) {
            connects.incrementAndGet();
            connected = true;
        }

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public void write(Packet packet) throws IOException {
            if (!connected) {
                throw new IOException("closed");
            }
            written.add(packet);
        }

        @Override
        public void flush() {
        }

        @Override
        public Packet read() throws IOException {
            Delivery next;
            try {
                next = incoming.take();
            } catch (InterruptedException e) {
                throw new IOException("interrupted");
            }
            more = next.more();
            if (next.packetOrFailure() instanceof IOException e) {
                connected = false;
                throw e;
            }
            return (Packet) next.packetOrFailure();
        }

        @Override
        public boolean hasBufferedInput() {
            return more;
        }

        @Override
        public int writeWindow() {
            return writeWindow;
        }

        @Override
        public String describe() {
            return "scripted";
        }

        @Override
        public void close() {
            if (connected) {
                connected = false;
                deliver(new IOException("closed"), false);
            }
        }
    }

    @Test
    void asyncFailuresAreTheSynchronousOnes() throws Exception {
        Throwable bad = assertThrows(Exception.class, () -> client.async().read("no//good").get()).getCause();
        assertTrue(bad instanceof InvalidPathException, bad.toString());
        CompletableFuture<byte[]> missing = client.async().read("/missing");
        daemon.error(daemon.nextRequest(), "ENOENT");
        Throwable refused = assertThrows(Exception.class, () -> missing.get(5, TimeUnit.SECONDS)).getCause();
        assertEquals("ENOENT: /missing", refused.getMessage());
        CompletableFuture<Boolean> exists = client.async().exists("/missing");
        daemon.error(daemon.nextRequest(), "ENOENT");
        assertEquals(false, exists.get(5, TimeUnit.SECONDS));
    }
}
