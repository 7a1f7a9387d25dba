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

import io.jxs.connection.Connection;
import io.jxs.connection.Op;
import io.jxs.connection.Packet;
import io.jxs.connection.TimedReads;
import io.jxs.protocol.Payloads;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Multiplexes requests and watch events over one {@link Connection}: the front of a few parts, each
 * owning its state.
 *
 * <table>
 * <caption>The parts of a router</caption>
 * <tr><th>part</th><th>owns</th></tr>
 * <tr><td>{@code Router} (this front)</td><td>the lifecycle ({@link Lifecycle}), the listeners, {@link #send}
 * and the one place a blocking caller waits ({@link #await})</td></tr>
 * <tr><td>{@link InFlight}</td><td>the requests in flight: ids, connection generation, failing them all</td></tr>
 * <tr><td>{@link WritePath}</td><td>the queue, the write window and the write lock: the one way a byte
 * reaches the connection</td></tr>
 * <tr><td>{@link Dispatcher}</td><td>reading a packet and sending it where it belongs</td></tr>
 * <tr><td>{@link ReadingRole}</td><td>which thread reads: the reader thread, or a lone caller reading its own
 * reply on a transport that opts in ({@link LoneCallerReads})</td></tr>
 * <tr><td>{@link ReaderThread}</td><td>the reader thread's loop: read until lost, then reconnect or end</td></tr>
 * <tr><td>{@link Reconnector}</td><td>opening a lost connection again, with back-off</td></tr>
 * <tr><td>{@link DeadlineTimer}</td><td>failing the asynchronous requests whose deadline passed</td></tr>
 * </table>
 *
 * <p>A request's path: the caller registers it in {@link InFlight}, which gives it a request id and the
 * current connection generation; the {@link WritePath} writes it at once or queues it; the thread that reads
 * the connection dispatches its reply, which completes the request's future. When the connection is lost,
 * every request in flight fails with {@link ConnectionException} (nothing is sent again behind the caller's
 * back), and a request registered for the lost connection is never written on another. A router made with
 * a reconnect delay then opens the connection again and tells its listeners, so that monitors register
 * their watches again; requests made meanwhile wait for the new connection within their own timeout.
 * Without a reconnect delay a lost connection ends the router. Several {@link Client}s may share one router.
 */
public final class Router {
    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    /**
     * Receives what the reading thread sees besides replies. Called on that thread (the reader
     * thread, or a synchronous caller reading its own reply): keep it short, and never wait there for a
     * reply.
     */
    @ConsumerType
    public interface Listener {
        /**
         * A watch event arrived, with the token exactly as it came over the wire.
         *
         * @param event the event
         */
        default void watchEvent(WatchEvent event) {
        }

        /**
         * The connection was lost or closed; {@link Router#isTerminated()} tells whether it ends
         * here or the router reconnects.
         *
         * @param cause why
         */
        default void disconnected(ConnectionException cause) {
        }

        /** The router opened the connection again after a loss; watches must be registered again. */
        default void reconnected() {
        }

        /**
         * A request was written to the connection. Called on the thread that wrote it.
         *
         * @param op its type
         */
        default void requestSent(Op op) {
        }

        /**
         * The reply to a request arrived.
         *
         * @param op the request's type
         * @param refused true when the daemon answered with an error
         * @param latencyNanos the time from writing the request to reading its reply
         */
        default void replyReceived(Op op, boolean refused, long latencyNanos) {
        }
    }

    private final Connection connection;
    private final Duration reconnectMaxDelay;
    private final Lifecycle lifecycle = new Lifecycle();
    private final InFlight inFlight = new InFlight();
    /** The threads blocked in {@link #await}, waiting for their reply. */
    private final AtomicInteger blockedCallers = new AtomicInteger();
    private final WritePath writePath;
    private final Dispatcher dispatcher;
    private final ReadingRole readingRole;
    private final DeadlineTimer deadlineTimer;
    private final Events events;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Trace trace = new Trace();
    private final ReentrantLock connecting = new ReentrantLock();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicInteger lastMonitorId = new AtomicInteger();
    private volatile Thread reader;

    /**
     * Creates a router over a connection that ends with the first loss; nothing is opened until
     * {@link #start(Duration)}.
     *
     * @param connection the transport
     */
    public Router(Connection connection) {
        this(connection, null);
    }

    /**
     * Creates a router over a connection, reconnecting after a loss when a delay is given; nothing
     * is opened until {@link #start(Duration)}.
     *
     * @param connection the transport
     * @param reconnectMaxDelay the longest pause between two reconnection attempts, or null to end
     *     the router with the first loss
     * @throws IllegalArgumentException when the delay is not positive
     */
    public Router(Connection connection, Duration reconnectMaxDelay) {
        this.connection = Objects.requireNonNull(connection, "connection");
        if (reconnectMaxDelay != null && (reconnectMaxDelay.isNegative() || reconnectMaxDelay.isZero())) {
            throw new IllegalArgumentException("reconnect delay must be positive: " + reconnectMaxDelay);
        }
        this.reconnectMaxDelay = reconnectMaxDelay;
        this.events = new Events();
        this.writePath = new WritePath(connection, inFlight, blockedCallers::get, events);
        this.dispatcher = new Dispatcher(connection, inFlight, writePath, events);
        this.readingRole = connection instanceof TimedReads timed
                ? new LoneCallerReads(connection, timed, dispatcher, writePath, blockedCallers::get, lifecycle::isRunning)
                : ReadingRole.READER_THREAD_ONLY;
        this.deadlineTimer = new DeadlineTimer(inFlight, connection.describe());
    }

    /**
     * Connects (if the connection is not open yet) and starts the reader thread. Does nothing when
     * already connected. A router that reconnects keeps trying in the background when this first
     * attempt fails, and a later call waits for that within its own timeout.
     *
     * @param timeout how long connecting may take; also bounds each reconnection attempt
     * @throws ConnectionException when the daemon cannot be reached in time, or the router was
     *     terminated
     * @throws XenStoreTimeoutException when another thread is still connecting after the timeout
     */
    public void start(Duration timeout) {
        Lifecycle.State state = lifecycle.state();
        if (state == Lifecycle.State.RUNNING) {
            return; // the common case, on every request: no lock
        }
        Objects.requireNonNull(timeout, "timeout");
        if (state == Lifecycle.State.RECONNECTING) {
            lifecycle.awaitReconnection(System.nanoTime() + timeout.toNanos());
            if (!lifecycle.isRunning()) {
                throw notRunning();
            }
            return;
        }
        // One connect at a time, without holding the router's lock: terminate() never waits for it.
        try {
            if (!connecting.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new XenStoreTimeoutException("ETIMEDOUT: another thread is still connecting to "
                        + connection.describe() + " after " + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("interrupted while connecting to " + connection.describe());
        }
        try {
            connect(timeout);
        } finally {
            connecting.unlock();
        }
    }

    private void connect(Duration timeout) {
        synchronized (this) {
            if (lifecycle.state() != Lifecycle.State.NEW) {
                checkNotTerminated();
                return;
            }
        }
        ConnectionException refused = null;
        try {
            connection.connect(timeout);
        } catch (IOException | RuntimeException e) {
            connection.close();
            refused = new ConnectionException("cannot connect to " + connection.describe() + ": " + e.getMessage(), e);
            if (!reconnects()) {
                throw refused;
            }
        }
        synchronized (this) {
            // Made before the router runs: the reading role names its thread before anyone could send.
            Reconnector reconnector = reconnects()
                    ? new Reconnector(connection, reconnectMaxDelay, lifecycle, writePath, readingRole) : null;
            ReaderThread readerThread = new ReaderThread(connection, lifecycle, dispatcher, readingRole, writePath,
                    reconnector, timeout, events, refused == null);
            // A router that reconnects starts its threads anyway: the reader keeps trying to connect.
            if (!lifecycle.started(refused)) {
                connection.close();
                checkNotTerminated();
            }
            reader = readerThread.thread();
            readerThread.start();
            writePath.start();
            deadlineTimer.start();
        }
        if (refused != null) {
            throw refused;
        }
    }

    private void checkNotTerminated() {
        if (lifecycle.state() == Lifecycle.State.TERMINATED) {
            throw new ConnectionException("router for " + connection.describe() + " is terminated", lifecycle.failure());
        }
    }

    /**
     * Closes the connection and stops the router's threads; pending requests fail with
     * {@link ConnectionException}. Safe to call more than once and from any thread, also from a listener
     * or a callback of a reply (then it does not wait for the reader thread).
     */
    public void terminate() {
        Thread thread;
        synchronized (this) { // not while connect() starts the threads
            if (!lifecycle.terminate(null)) {
                return;
            }
            thread = reader;
        }
        connection.close();
        if (thread == null) {
            end(ConnectionException.closed(connection.describe()));
        } else if (thread != Thread.currentThread() && !readingRole.callerReadsOnCurrentThread()) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Tells whether the router is running over an open connection.
     *
     * @return true while requests can be sent
     */
    public boolean isConnected() {
        return lifecycle.isRunning() && connection.isConnected();
    }

    /**
     * Tells whether the router has ended: terminated, or its connection lost without reconnecting.
     *
     * @return true when no request will ever be sent again
     */
    public boolean isTerminated() {
        return lifecycle.state() == Lifecycle.State.TERMINATED;
    }

    /**
     * Tells whether the router opens its connection again after a loss.
     *
     * @return true when made with a reconnect delay
     */
    public boolean reconnects() {
        return reconnectMaxDelay != null;
    }

    /**
     * Sends a request. The router replaces the packet's request id with a fresh one of its own.
     * While the router is reconnecting the request fails at once; {@link Client}s wait instead. The
     * request has no deadline: it ends with its reply or with the connection.
     *
     * <p>The future is completed on the thread that reads the reply (the reader thread, or a
     * synchronous caller reading its own): actions chained to it with the non-async methods run there
     * and hold up every other reply and event until they return, so they must not
     * block (in particular, must not wait for another reply).
     *
     * @param packet the request
     * @return completes with the reply (possibly an {@link Op#ERROR} packet); fails with
     *     {@link ConnectionException} when the connection ends first, or with
     *     {@link UnexpectedPacketException} when the reply has the wrong type
     * @throws InvalidPayloadException when the payload is larger than the transport allows; nothing
     *     is written then
     */
    public CompletableFuture<Packet> send(Packet packet) {
        checkPayload(packet.op(), packet.payload());
        Request<Packet> request = new Request<>(packet.op(), packet.txId(), Request.ANY_CONNECTION, packet.payload(), null,
                Function.identity(), Request.NO_DEADLINE, 0, false);
        if (!lifecycle.isRunning()) {
            request.fail(notRunning());
            return request;
        }
        enqueue(request);
        return request;
    }

    /**
     * Sends a request once the router is connected, waiting for a reconnection and for room in the
     * queue until the request's deadline. The payload was checked ({@link #checkPayload}).
     *
     * @param request the request
     * @return the request, which fails with {@link XenStoreTimeoutException} once its deadline passes
     */
    <T> Request<T> send(Request<T> request) {
        if (lifecycle.state() == Lifecycle.State.RECONNECTING) {
            lifecycle.awaitReconnection(request.deadline());
        }
        if (!lifecycle.isRunning()) {
            request.fail(notRunning());
            return request;
        }
        // Requests sent by a thread that reads (chained to a reply) never wait: it must go on reading.
        if (!writePath.hasRoomFor(request) && Thread.currentThread() != reader
                && !readingRole.callerReadsOnCurrentThread() && !writePath.awaitRoom(request, lifecycle::isRunning)) {
            return request;
        }
        enqueue(request);
        return request;
    }

    private void enqueue(Request<?> request) {
        inFlight.register(request);
        deadlineTimer.registered();
        if (!lifecycle.isRunning()) {
            // Lost between the check and the registration: do not wait for it.
            inFlight.forget(request);
            request.fail(notRunning());
            return;
        }
        writePath.submit(request);
    }

    /**
     * Waits for the reply to a request the calling thread sent as awaited, until its deadline: the one
     * place a synchronous caller waits. A lone caller reads its reply itself when the transport lets it
     * ({@link ReadingRole#readOwnReply}); otherwise it looks for it without parking for a few microseconds
     * when it is the only one waiting, then parks.
     *
     * <p>A caller that gives up while another thread writes its request returns once that write has
     * returned, so that no byte of the request goes out after it saw the call fail; such a write cannot block
     * (nothing is written beyond the write window). On a transport without a window, where the writer
     * thread's write may block for as long as the daemon does not read, the write path counts a started
     * write as done ({@link WritePath}), so the caller returns at its deadline all the same, and that one
     * request may still go out.
     *
     * @param request the request; done when this returns, failed with {@link XenStoreTimeoutException} when
     *     its deadline passed first
     * @throws InterruptedException when interrupted while waiting; the request is abandoned
     */
    void await(Request<?> request) throws InterruptedException {
        blockedCallers.incrementAndGet();
        try {
            if (!readingRole.readOwnReply(request)) {
                spinBriefly(request);
            }
            request.get(Math.max(0, request.deadline() - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            // Done: the caller takes the failure from the request.
        } catch (TimeoutException e) {
            giveUp(request);
        } catch (InterruptedException e) {
            giveUp(request);
            throw e;
        } finally {
            blockedCallers.decrementAndGet();
        }
    }

    /**
     * Abandons a request its caller stopped waiting for, and waits for a write of it in progress to return:
     * the request fails once it has, and not before. Such a write cannot block: on a transport whose writes
     * may, a started write counts as done and the request fails at once.
     */
    private void giveUp(Request<?> request) {
        abandon(request);
        if (request.isDone()) {
            return;
        }
        try {
            request.join(); // not interruptible; an interrupt meanwhile stays set
        } catch (CompletionException | CancellationException e) {
            // Failed, as expected: the caller takes the failure from the request.
        }
    }

    /** Looks for the reply without parking when this is the only request and caller in flight. */
    private void spinBriefly(Request<?> request) {
        if (writePath.unanswered() > 1 || blockedCallers.get() > 1) {
            return;
        }
        long until = System.nanoTime() + LoneCallerReads.SPIN_NANOS;
        while (!request.isDone() && System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
    }

    /**
     * Makes sure that some thread reads the replies to requests the caller waits for without reading
     * them itself (an operation of several requests).
     */
    void needReader() {
        readingRole.needReader();
    }

    /**
     * Fails a request whose caller stopped waiting for it: one not written yet is never written.
     *
     * @param request the request
     */
    void abandon(Request<?> request) {
        request.expire();
        inFlight.forgetUnwritten(request);
    }

    /**
     * Returns the router's traffic trace, off until started: its requests with their replies, and the
     * watch events it reads.
     *
     * @return the trace, the same for the life of the router
     */
    public Trace trace() {
        return trace;
    }

    /**
     * Adds a listener for watch events and the state of the connection.
     *
     * @param listener the listener
     */
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        if (isTerminated()) {
            listener.disconnected(notRunning());
        }
    }

    /**
     * Removes a listener.
     *
     * @param listener the listener
     */
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /**
     * Checks that a payload fits the transport.
     *
     * @param op the request's type, for the message
     * @param payload the payload
     * @throws InvalidPayloadException when it is larger than the transport allows
     */
    void checkPayload(Op op, byte[] payload) {
        int max = connection.maxPayload();
        if (payload.length > max) {
            throw new InvalidPayloadException(op + " payload of " + payload.length
                    + " bytes exceeds the maximum of " + max + " bytes");
        }
    }

    /**
     * Returns how many written requests wait for their reply.
     *
     * @return the count, also of requests whose callers gave up
     */
    int unansweredRequests() {
        return writePath.unanswered();
    }

    /**
     * Returns the count of threads blocked in {@link #await}, for tests that stand in for such threads.
     *
     * @return the counter
     */
    AtomicInteger blockedCallers() {
        return blockedCallers;
    }

    /**
     * Returns a number unique among this router's monitors, to keep their watch tokens apart.
     *
     * @return a positive number
     */
    int nextMonitorId() {
        return lastMonitorId.incrementAndGet();
    }

    /**
     * Returns the generation of the current connection, one more at each reconnection attempt; a
     * transaction belongs to the connection it was started on.
     *
     * @return the connection's generation
     */
    int generation() {
        return inFlight.generation();
    }

    private ConnectionException notRunning() {
        ConnectionException failure = lifecycle.failure();
        return switch (lifecycle.state()) {
            case NEW -> new ConnectionException("not connected to " + connection.describe());
            case RECONNECTING -> new ConnectionException("reconnecting to " + connection.describe(), failure);
            default -> failure != null ? new ConnectionException(failure.getMessage(), failure)
                    : ConnectionException.closed(connection.describe());
        };
    }

    /** Ends the router for good: every request in flight fails and the listeners are told. */
    private void end(ConnectionException cause) {
        if (ended.getAndSet(true)) {
            return; // by the reader or the writer thread, whichever ended first
        }
        lifecycle.terminate(cause);
        connection.close();
        deadlineTimer.end();
        writePath.end();
        inFlight.failAll(cause);
        tell("disconnect", listener -> listener.disconnected(cause));
    }

    /** Calls every listener; what one throws is logged and does not stop the others. */
    private void tell(String what, Consumer<Listener> call) {
        for (Listener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "router listener failed on " + what, e);
            }
        }
    }

    /** What the write path, the dispatcher and the reader thread tell the front, on their thread. */
    private final class Events implements WritePath.Events, Dispatcher.Receiver, ReaderThread.Outcomes {
        @Override
        public void reconnected() {
            tell("reconnect", Listener::reconnected);
        }

        @Override
        public void lost(ConnectionException cause) {
            inFlight.failAll(cause);
            tell("disconnect", listener -> listener.disconnected(cause));
        }

        @Override
        public void ended(ConnectionException cause) {
            end(cause);
        }

        @Override
        public void written(Request<?> request) {
            readingRole.written(request);
            if (!listeners.isEmpty()) {
                tell("request sent", listener -> listener.requestSent(request.op()));
            }
        }

        @Override
        public void writeFailed(IOException e) {
            // The reader sees the loss too; closing makes it see it at once, waking it if it lent the connection.
            LOG.log(Level.DEBUG, "writing to {0} failed: {1}", connection.describe(), e.getMessage());
            connection.close();
            readingRole.needReader();
        }

        @Override
        public void transportFailed(ConnectionException failure) {
            end(failure);
        }

        @Override
        public void watchEvent(WatchEvent event) {
            Trace.Buffer tracing = trace.recording();
            if (tracing != null) {
                Trace.event(tracing, event.path());
            }
            for (Listener listener : listeners) {
                try {
                    listener.watchEvent(event);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "watch listener failed on " + event, e);
                }
            }
        }

        @Override
        public void replyReceived(Request<?> request, Packet reply) {
            Trace.Buffer tracing = trace.recording(); // the one volatile read that tracing costs while off
            if (tracing == null && listeners.isEmpty()) {
                return;
            }
            long latency = System.nanoTime() - request.sentAt();
            boolean refused = reply.op() == Op.ERROR;
            if (tracing != null) {
                Trace.reply(tracing, request.op(), request.payload(), request.txId(), latency,
                        refused ? Payloads.single(reply.payload()) : "");
            }
            if (!listeners.isEmpty()) {
                tell("reply received", listener -> listener.replyReceived(request.op(), refused, latency));
            }
        }

        @Override
        public void orphanedTransaction(int txId) {
            // Nobody will ever commit or abort it, and the daemon would keep it for the life of the connection.
            send(new Packet(Op.TRANSACTION_END, 0, txId, Payloads.strings("F")));
            LOG.log(Level.DEBUG, "aborted transaction {0}, started after its caller gave up", txId);
        }
    }

    @Override
    public String toString() {
        return "Router[" + connection.describe() + ", "
                + (isConnected() ? "connected" : lifecycle.state().name().toLowerCase()) + "]";
    }
}
