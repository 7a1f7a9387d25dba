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
import io.jxs.connection.RequestRefusedException;
import io.jxs.connection.UnknownTypeException;
import io.jxs.protocol.Payloads;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Multiplexes requests and watch events over one {@link Connection}.
 *
 * <p>Callers on any thread {@link #send(Packet)} requests; each gets a fresh request id. Who writes
 * it depends on what is in flight, so that no caller ever blocks on the socket and requests share
 * system calls when they can:
 * <ul>
 * <li>nothing pipelined (no request unanswered, or only those of threads blocked in a synchronous
 * call): the caller writes it at once, when that cannot block ({@link Connection#writeWindow()}).
 * A caller that finds another one writing queues its request and goes back to wait: the writer
 * writes it too before it lets go, so no caller waits for another's system call;
 * <li>requests pipelined: it joins a queue, and the thread that reads the replies (see below) writes
 * what is queued in one system call once it has dispatched them, so the daemon has work meanwhile;
 * <li>no room in the window: it waits in the queue until replies make room, and the thread that
 * reads them writes it. Nothing is ever written beyond the window, so no write can block;
 * <li>a transport without a window: the writer thread writes the queue, and a daemon that stops
 * reading blocks only that thread.
 * </ul>
 * A request whose deadline passes before it was written is never written. The queue holds at most
 * {@value WriteQueue#MAX_BYTES} bytes: past that, callers wait for room within their own deadline.
 *
 * <p>The reader thread reads the packets: replies complete the future of their request id, watch events
 * go to the {@link Listener}s. A thread that makes one synchronous call after another would wait each
 * time for that thread to wake up; instead, once no watch was ever set and every request is answered,
 * the reader thread lends the connection: a lone synchronous caller then reads until its own reply
 * comes, as libxenstore's caller does (looking for it without blocking for the
 * {@value #LONE_REPLY_SPIN_NANOS} ns a daemon usually takes, which spares its thread a wake-up), within
 * its deadline and seeing interrupts, and whatever else it reads on the way goes where the reader thread
 * would send it. The reader thread takes the connection back as soon as another request is unanswered
 * with nobody reading, or no caller has read for a few tens of milliseconds (so that a lost connection is
 * seen at once). Transports whose reads cannot give up ({@link Connection#readsWithTimeout()}) are always
 * read by the reader thread. Several {@link Client}s may share one router.
 *
 * <p>When the connection is lost, every request in flight fails with {@link ConnectionException}
 * (nothing is sent again behind the caller's back). A router made with a reconnect delay then opens
 * the connection again, with a growing pause between attempts, and tells its listeners, so that
 * monitors register their watches again; requests made meanwhile wait for the new connection within
 * their own timeout. Without a reconnect delay a lost connection ends the router.
 */
public final class Router {
    private static final System.Logger LOG = System.getLogger(Router.class.getName());
    /** The first pause before reconnecting. */
    private static final long FIRST_RECONNECT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** How long a connection must have stayed up for the pauses to start again from the first. */
    private static final long STABLE_NANOS = TimeUnit.SECONDS.toNanos(10);

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

    private enum State { NEW, RUNNING, RECONNECTING, TERMINATED }

    /** How often the writer fails the requests whose deadline passed while they were in flight. */
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * How long the reader thread leaves the connection to callers reading their own replies before it
     * reads again itself, when none did meanwhile: a lost connection is seen within about twice that.
     */
    private static final long LENT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * How long a caller reading its own reply blocks in one read before it looks whether it was
     * interrupted: a blocked socket read does not see interrupts.
     */
    private static final long READ_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * How long a lone synchronous caller looks for its reply without blocking, on the socket when it
     * reads it itself, else on its future: a daemon answers a lone request in about that time, and a
     * thread that blocks must be woken when the reply comes, which costs more than the spin (a third of
     * the rate of one thread's calls on a 2-core virtual machine). With more requests or callers the other
     * threads need the processor, so nobody spins.
     */
    static final long LONE_REPLY_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final Connection connection;
    private final Duration reconnectMaxDelay;
    private final Map<Integer, Request<?>> pending = new ConcurrentHashMap<>();
    private final WriteQueue queue = new WriteQueue();
    private final ReentrantLock connecting = new ReentrantLock();
    /** Held by whoever writes to the connection: the writer thread, or a caller in {@link #writeAtOnce}. */
    private final ReentrantLock writing = new ReentrantLock();
    private final WriteWindow window;
    private final AtomicInteger waiters = new AtomicInteger();
    private volatile boolean writerParked;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Set when queued requests are handed to the writer thread: only on a transport without a write window. */
    private volatile boolean writerWanted;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /**
     * The thread that reads the connection: the reader thread, or a caller reading its own reply
     * ({@link #readOwnReply}); null while the reader thread has lent the connection and nobody reads.
     */
    private final AtomicReference<Thread> readingThread = new AtomicReference<>();
    /** Counts the calls whose caller read its own reply, so that the reader thread sees when they stop. */
    private final AtomicLong ownReplyReads = new AtomicLong();
    /** Why the connection was lost, when a caller reading its own reply found out; the reader thread takes it. */
    private final AtomicReference<ConnectionException> lostByCaller = new AtomicReference<>();
    /** Set when the reader thread is woken because it must read; it clears it when it lends the connection. */
    private final AtomicBoolean readerCalled = new AtomicBoolean();
    /** Set once a WATCH was written: events may come at any time, so the reader thread always reads. */
    private volatile boolean eventsExpected;
    private final AtomicInteger lastRqId = new AtomicInteger();
    private final AtomicInteger lastMonitorId = new AtomicInteger();
    private volatile State state = State.NEW;
    private volatile ConnectionException failure;
    private volatile int epoch;
    private Duration connectTimeout = Client.DEFAULT_REQUEST_TIMEOUT; // guarded by this
    private Thread reader; // guarded by this
    private Thread writer; // guarded by this

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
        this.window = new WriteWindow(connection.writeWindow());
    }

    /**
     * Connects (if the connection is not open yet) and starts the reader thread. Does nothing when
     * already connected. A router that reconnects keeps trying in the background when this first
     * attempt fails, and a later call waits for that within its own timeout.
     *
     * @param timeout how long connecting may take; also bounds each reconnection attempt
     * @throws ConnectionException when the daemon cannot be reached in time, or the router was
     *     terminated
     */
    public void start(Duration timeout) {
        if (state == State.RUNNING) {
            return; // the common case, on every request: no lock
        }
        Objects.requireNonNull(timeout, "timeout");
        if (state == State.RECONNECTING) {
            awaitReconnection(System.nanoTime() + timeout.toNanos());
            if (state != State.RUNNING) {
                throw notRunning();
            }
            return;
        }
        startReader(timeout);
    }

    private void startReader(Duration timeout) {
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
            synchronized (this) {
                if (state == State.RUNNING || state == State.RECONNECTING) {
                    return;
                }
                checkNotTerminated();
                connectTimeout = timeout;
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
                if (state == State.TERMINATED) {
                    connection.close();
                }
                checkNotTerminated();
                // A router that reconnects starts its threads anyway: the reader keeps trying to connect.
                state = refused == null ? State.RUNNING : State.RECONNECTING;
                failure = refused;
                boolean connected = refused == null;
                reader = new Thread(() -> run(connected), "jxs-router " + connection.describe());
                reader.setDaemon(true);
                readingThread.set(reader); // before anyone could send: no caller reads ahead of it
                reader.start();
                writer = new Thread(this::writeLoop, "jxs-writer " + connection.describe());
                writer.setDaemon(true);
                writer.start();
            }
            if (refused != null) {
                throw refused;
            }
        } finally {
            connecting.unlock();
        }
    }

    private void checkNotTerminated() {
        if (state == State.TERMINATED) {
            throw new ConnectionException("router for " + connection.describe() + " is terminated", failure);
        }
    }

    /**
     * Closes the connection and stops the reader thread; pending requests fail with
     * {@link ConnectionException}. Safe to call more than once and from any thread.
     */
    public void terminate() {
        Thread thread;
        synchronized (this) {
            if (state == State.TERMINATED) {
                return;
            }
            state = State.TERMINATED;
            thread = reader;
            notifyAll();
        }
        connection.close();
        wakeWriter();
        if (thread == null) {
            end(new ConnectionException("connection to " + connection.describe() + " was closed"));
        } else if (thread != Thread.currentThread() && readingThread.get() != Thread.currentThread()) {
            // Not waited for from the thread that reads (a callback): the reader thread waits for it to return.
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
        return state == State.RUNNING && connection.isConnected();
    }

    /**
     * Tells whether the router has ended: terminated, or its connection lost without reconnecting.
     *
     * @return true when no request will ever be sent again
     */
    public boolean isTerminated() {
        return state == State.TERMINATED;
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
        if (state != State.RUNNING) {
            request.completeExceptionally(notRunning());
            return request;
        }
        enqueue(request);
        return request;
    }

    /**
     * Sends a request once the router is connected, waiting for a reconnection and for room in the
     * queue until the request's deadline.
     *
     * @param request the request
     * @return the request, which fails with {@link XenStoreTimeoutException} once its deadline passes
     */
    <T> Request<T> send(Request<T> request) {
        if (state == State.RECONNECTING) {
            awaitReconnection(request.deadline());
        }
        if (state != State.RUNNING) {
            request.completeExceptionally(notRunning());
            return request;
        }
        if (!queue.hasRoomFor(request) && Thread.currentThread() != readingThread.get()) {
            // Requests sent by the reading thread (chained to a reply) never wait: it must go on reading.
            queue.awaitRoom(request, () -> state == State.RUNNING);
            if (request.isDone()) {
                return request;
            }
        }
        enqueue(request);
        return request;
    }

    private void enqueue(Request<?> request) {
        int rqId = nextRqId();
        request.rqId(rqId);
        pending.put(rqId, request);
        if (state != State.RUNNING) {
            // The connection was lost between the check and registration: do not wait for it.
            pending.remove(rqId, request);
            request.completeExceptionally(notRunning());
            return;
        }
        if (writeAtOnce(request)) {
            return;
        }
        queue.add(request);
        writeQueuedUnlessPipelined();
    }

    /**
     * Writes what is queued now unless requests are pipelined, in which case the reader writes it with
     * the others queued meanwhile once it has read the replies at hand. Checked after the offer: when
     * the reader missed the request, it had already counted its last reply, so an empty pipeline shows
     * here.
     */
    private void writeQueuedUnlessPipelined() {
        if (window.isClosed() || !pipelined()) {
            writeQueuedWithinWindow();
        }
    }

    /**
     * Tells whether requests are pipelined: more are unanswered than threads wait for their replies
     * in synchronous calls. Only then may a request wait for the next reply to go out with others: the
     * daemon still has work meanwhile, and the callers that pipeline add more. Blocked callers add
     * nothing until answered, so without pipelining a request must go out at once or the daemon runs dry.
     */
    private boolean pipelined() {
        return window.unanswered() > waiters.get();
    }

    /**
     * Writes a request on the caller's thread when that cannot block and nothing is pipelined: nothing
     * is queued, nobody is writing, and the unanswered requests leave room for this one in what the
     * transport is sure to buffer ({@link Connection#writeWindow()}). This spares the hand-off to
     * another thread when requests come one at a time or from threads that each wait for their reply.
     */
    private boolean writeAtOnce(Request<?> request) {
        if (pipelined() || !queue.isEmpty() || !window.fits(request) || !writing.tryLock()) {
            return false;
        }
        try {
            // Checked again under the lock: only its holder adds to the window, so now it is exact.
            if (!queue.isEmpty() || !window.fits(request)) {
                return false;
            }
            if (write(request)) {
                flush();
            }
        } finally {
            writing.unlock();
        }
        if (!queue.isEmpty()) {
            // Queued by callers that found this one writing: written now, as promised. Not through
            // writeQueuedUnlessPipelined: this caller's own request, unanswered before it counts among
            // the waiters, would make them look pipelined and wait a round trip.
            writeQueuedWithinWindow();
        }
        return true;
    }

    /**
     * Writes queued requests as long as the write window has room for them, on the calling thread
     * (a caller, or the reader once it has read what was received). When another thread is writing,
     * this one leaves at once: every writer looks at the queue again after letting go of the lock, so
     * what was queued meanwhile goes out with its next system call, without a hand-off. What the
     * window has no room for waits for replies to make room (the thread that reads them calls this
     * again); on a transport without a window, everything goes to the writer thread.
     */
    private void writeQueuedWithinWindow() {
        Request<?> next;
        do {
            if (!writing.tryLock()) {
                return;
            }
            try {
                boolean wrote = false;
                while ((next = queue.peek()) != null && window.fits(next)) {
                    // Only the lock's holder takes from the queue (but for the writer thread once the router
                    // is terminated): next is still its head, unless it was just taken there.
                    Request<?> taken = queue.poll();
                    if (taken == null) {
                        break;
                    }
                    wrote |= write(taken);
                }
                if (wrote) {
                    flush();
                }
            } finally {
                writing.unlock();
            }
        } while ((next = queue.peek()) != null && window.fits(next));
        // Left in the queue: on a transport with a window, what waits for replies to make room, which the
        // thread reading them writes; without one, everything, for the writer thread.
        if (window.isClosed() && !queue.isEmpty()) {
            writerWanted = true;
            if (writerParked) {
                wakeWriter();
            }
        }
    }

    /**
     * Fails a request whose caller stopped waiting for it, and forgets it.
     *
     * @param request the request
     */
    void abandon(Request<?> request) {
        request.expire();
        if (request.sentAt() == 0) {
            pending.remove(request.rqId(), request);
        }
        // A written one stays until its reply, which gives back what it was charged in the write window.
    }

    private synchronized Thread reader() {
        return reader;
    }

    private void wakeReaderThread() {
        readerCalled.set(true);
        Thread thread = reader();
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Reads replies on the caller's thread until its request is answered or its deadline passes, as
     * libxenstore's caller does, when that spares waking the reader thread: the request is the only one
     * unanswered, its caller the only one waiting, and the reader thread has lent the connection
     * because nothing else needs reading (no watch was ever set). Replies and events read meanwhile go
     * where the reader thread would send them. Otherwise makes sure that the reader thread reads.
     *
     * @param request a request this thread made and awaits, counted in {@link #waiters()}
     * @return true when the caller read, whether or not the reply came before the deadline or the caller
     *     was interrupted; false when another thread reads it
     */
    boolean readOwnReply(Request<?> request) {
        Thread caller = Thread.currentThread();
        if (window.unanswered() > 1 || waiters.get() > 1 || state != State.RUNNING || !connection.readsWithTimeout()
                || !connection.isConnected() || caller.isInterrupted() || !readingThread.compareAndSet(null, caller)) {
            awaitReader();
            return false;
        }
        ownReplyReads.incrementAndGet();
        boolean handOver = false;
        try {
            long spinUntil = System.nanoTime() + LONE_REPLY_SPIN_NANOS;
            while (!connection.hasInput() && System.nanoTime() - spinUntil < 0) {
                Thread.onSpinWait();
            }
            while (!request.isDone() && !caller.isInterrupted()) {
                long left = request.deadline() - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                readAndDispatch(() -> connection.read(Math.min(left, READ_SLICE_NANOS)));
            }
            handOver = connection.hasBufferedInput();
        } catch (IOException e) {
            lostByCaller(lostBy(e));
        } catch (RuntimeException | Error e) {
            // Possibly in the middle of a packet: the connection is out of step.
            lostByCaller(failedBy(e));
            if (e instanceof Error error) {
                throw error;
            }
        } finally {
            readingThread.set(null);
            if (handOver || readerNeeded() || state != State.RUNNING || !connection.isConnected() || lostByCaller.get() != null) {
                wakeReaderThread();
            }
        }
        return true;
    }

    /**
     * Makes sure that some thread reads the replies to the requests written: wakes the reader thread if
     * it has lent the connection and nobody reads. For a caller that waits for requests it made as awaited
     * without reading their replies itself.
     */
    void awaitReader() {
        if (readingThread.get() == null) {
            wakeReaderThread();
        }
    }

    private void lostByCaller(ConnectionException cause) {
        lostByCaller.compareAndSet(null, cause);
        connection.close(); // the reader thread, woken, finds it closed and takes the cause
    }

    /** Tells whether the reader thread must read: events may come, or a written request is unanswered. */
    private boolean readerNeeded() {
        return eventsExpected || window.unanswered() > 0;
    }

    /**
     * Tells whether callers may read their own replies: the transport lets a read give up, no event can
     * come, every request written has been answered, and at most one thread is in a synchronous call (the
     * one just answered, when calls come one after another; several are answered at once when threads
     * share the connection, and they would only hand it back). Called by the reader thread, which holds
     * the connection and has read everything received.
     */
    private boolean lendable() {
        return connection.readsWithTimeout() && !eventsExpected && window.unanswered() == 0 && waiters.get() <= 1
                && state == State.RUNNING;
    }

    /**
     * Lends the connection to callers reading their own replies, and makes the reader thread the reading
     * thread again once it is needed: a request is unanswered that no caller reads for, the connection
     * was lost or closed, or no caller read its own reply for {@link #LENT_NANOS} (then it reads, to see
     * the connection's loss at once).
     */
    private void lendConnection() {
        Thread self = Thread.currentThread();
        readerCalled.set(false);
        readingThread.set(null);
        long reads = ownReplyReads.get();
        long lookedAt = System.nanoTime();
        // Checked once after letting go: a request written meanwhile by a thread that saw this one reading
        // woke nobody. Later, whoever needs this thread calls it (wakeReaderThread): an unanswered request
        // alone may be a caller's about to read its own reply.
        boolean wanted = readerNeeded();
        while (true) {
            if ((wanted || state != State.RUNNING || !connection.isConnected() || lostByCaller.get() != null)
                    && readingThread.compareAndSet(null, self)) {
                return;
            }
            LockSupport.parkNanos(this, LENT_NANOS);
            // terminate() interrupts, a callback may have left the flag: the state says the rest, and the caller
            // reading wakes this thread when it leaves.
            Thread.interrupted();
            wanted = readerCalled.getAndSet(false);
            long now = System.nanoTime();
            if (now - lookedAt >= LENT_NANOS) {
                // A park may end early (a permit left by an earlier wake): idle only after a whole period.
                long count = ownReplyReads.get();
                wanted |= count == reads;
                reads = count;
                lookedAt = now;
            }
        }
    }

    /** Reads one packet and dispatches it; then writes what was queued if nothing more is received. */
    private void readAndDispatch(PacketSource source) throws IOException {
        Packet packet = null;
        UnknownTypeException unknown = null;
        try {
            packet = source.next();
        } catch (UnknownTypeException e) {
            unknown = e;
        }
        boolean more = connection.hasBufferedInput();
        if (packet != null) {
            dispatch(packet);
        } else if (unknown != null) {
            refuseUnknownType(unknown);
        }
        if (!more && !queue.isEmpty()) {
            writeQueuedWithinWindow();
        }
    }

    /** Where {@link #readAndDispatch} takes a packet from: a blocking read, or one that may give up (null). */
    @FunctionalInterface
    private interface PacketSource {
        Packet next() throws IOException;
    }

    private synchronized Thread writer() {
        return writer;
    }

    private void wakeWriter() {
        Thread thread = writer();
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Writes queued requests, several per system call, and fails the overdue ones. */
    private void writeLoop() {
        try {
            writeUntilTerminated();
        } catch (RuntimeException | Error e) {
            // Nobody may be left waiting for requests that this thread will never write or sweep.
            end(new ConnectionException("the writer thread for " + connection.describe() + " failed: " + e, e));
            throw e;
        }
    }

    private void writeUntilTerminated() {
        long nextSweep = System.nanoTime() + SWEEP_NANOS;
        while (state != State.TERMINATED) {
            // Pipelined requests are left to the reader, which writes them after the next reply.
            if (!window.isClosed()) {
                if (!queue.isEmpty() && !pipelined()) {
                    writeQueuedWithinWindow();
                }
            } else if (writerWanted || !queue.isEmpty() && !pipelined()) {
                writerWanted = false;
                do {
                    writing.lock();
                    try {
                        writeQueued();
                    } finally {
                        writing.unlock();
                    }
                    // Callers that found this thread writing left what they queued to it: see to it
                    // before parking, as every holder of the lock does.
                } while (!queue.isEmpty());
            }
            long now = System.nanoTime();
            if (now - nextSweep >= 0) {
                sweep(now);
                nextSweep = now + SWEEP_NANOS;
            }
            writerParked = true;
            if (!writerWanted && state != State.TERMINATED) {
                LockSupport.parkNanos(this, pending.isEmpty() ? SWEEP_NANOS * 10 : SWEEP_NANOS);
            }
            writerParked = false;
        }
        Request<?> left;
        while ((left = queue.poll()) != null) {
            left.completeExceptionally(notRunning());
        }
    }

    /** Writes every queued request, then flushes them together. */
    private void writeQueued() {
        boolean wrote = false;
        Request<?> request;
        while ((request = queue.poll()) != null) {
            wrote |= write(request);
        }
        if (wrote) {
            flush();
        }
    }

    /** Writes one request unless it is done or overdue; true when written. */
    private boolean write(Request<?> request) {
        if (request.isDone()) {
            pending.remove(request.rqId(), request);
            return false;
        }
        if (request.isOverdue(System.nanoTime())) {
            abandon(request);
            return false;
        }
        if (!request.belongsTo(epoch)) {
            // A transaction's request made while reconnecting: its transaction died with the old connection.
            pending.remove(request.rqId(), request);
            request.completeExceptionally(new ConnectionException("the transaction of this " + request.op()
                    + " was lost with the connection it was started on"));
            return false;
        }
        try {
            if (request.op() == Op.WATCH) {
                eventsExpected = true;
            }
            request.sent(System.nanoTime());
            window.charge(request);
            connection.write(request.packet());
            if (!request.awaitedByCurrentThread() && readingThread.get() == null) {
                // Checked after the charge: a reader thread lending the connection checks it after letting go.
                wakeReaderThread();
            }
            if (!listeners.isEmpty()) {
                tell("request sent", listener -> listener.requestSent(request.op()));
            }
            return true;
        } catch (RequestRefusedException e) {
            window.refund(request);
            pending.remove(request.rqId(), request);
            request.completeExceptionally(new XenStoreException(e.errorName(), e.getMessage(), e));
        } catch (IOException e) {
            window.refund(request);
            writeFailed(e);
            pending.remove(request.rqId(), request);
            request.completeExceptionally(new ConnectionException("write to " + connection.describe()
                    + " failed: " + e.getMessage(), e));
        }
        return false;
    }

    private void flush() {
        try {
            connection.flush();
        } catch (IOException e) {
            writeFailed(e);
        }
    }

    private void writeFailed(IOException e) {
        // The reader sees the loss too; closing makes it see it at once, waking it if it lent the connection.
        LOG.log(Level.DEBUG, "writing to {0} failed: {1}", connection.describe(), e.getMessage());
        connection.close();
        wakeReaderThread();
    }

    /** Fails the requests in flight whose deadline has passed. */
    private void sweep(long now) {
        for (Request<?> request : pending.values()) {
            if (!request.isDone() && request.isOverdue(now)) {
                abandon(request);
            }
        }
    }

    private synchronized void awaitReconnection(long deadline) {
        try {
            long left;
            while (state == State.RECONNECTING && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Adds a listener for watch events and the state of the connection.
     *
     * @param listener the listener
     */
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        if (state == State.TERMINATED) {
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
     * Returns the number of threads waiting for a reply in a synchronous call, kept by the callers.
     *
     * @return the counter
     */
    AtomicInteger waiters() {
        return waiters;
    }

    /**
     * Returns how many written requests wait for their reply.
     *
     * @return the count, also of requests whose callers gave up
     */
    int unansweredRequests() {
        return window.unanswered();
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
     * Returns the number of the current connection, incremented at each reconnection; a transaction
     * belongs to the connection it was started on.
     *
     * @return the connection's number
     */
    int epoch() {
        return epoch;
    }

    private int nextRqId() {
        int id;
        do {
            id = lastRqId.incrementAndGet();
        } while (id == 0 || pending.containsKey(id));
        return id;
    }

    private ConnectionException notRunning() {
        return switch (state) {
            case NEW -> new ConnectionException("not connected to " + connection.describe());
            case RECONNECTING -> new ConnectionException("reconnecting to " + connection.describe(), failure);
            default -> failure != null ? new ConnectionException(failure.getMessage(), failure)
                    : new ConnectionException("connection to " + connection.describe() + " was closed");
        };
    }

    private void run(boolean connected) {
        Backoff backoff = reconnects()
                ? new Backoff(FIRST_RECONNECT_NANOS, reconnectMaxDelay.toNanos()) : null;
        ConnectionException cause = null;
        try {
            if (!connected && !reconnect(backoff)) {
                return;
            }
            while (true) {
                long connectedAt = System.nanoTime();
                cause = readUntilLost();
                synchronized (this) {
                    if (state != State.RUNNING) {
                        cause = null; // terminated by the user
                        return;
                    }
                    state = backoff != null ? State.RECONNECTING : State.TERMINATED;
                }
                if (backoff == null) {
                    return;
                }
                lost(cause);
                if (System.nanoTime() - connectedAt > STABLE_NANOS) {
                    backoff.reset();
                }
                if (!reconnect(backoff)) {
                    cause = null;
                    return;
                }
            }
        } finally {
            // Also reached when an Error ends the thread: nobody may be left waiting for this reader.
            end(cause != null ? cause
                    : new ConnectionException("connection to " + connection.describe() + " was closed"));
        }
    }

    /**
     * Reads and dispatches packets until the connection fails; returns why. Lends the connection to
     * callers reading their own replies whenever nothing else needs reading ({@link #lendable()}), and
     * returns holding it.
     */
    private ConnectionException readUntilLost() {
        while (true) {
            try {
                if (lostByCaller.get() != null) {
                    return lostByCaller.getAndSet(null);
                }
                readAndDispatch(connection::read);
                if (!connection.hasBufferedInput() && lendable()) {
                    lendConnection();
                }
            } catch (IOException e) {
                connection.close();
                ConnectionException byCaller = lostByCaller.getAndSet(null);
                return byCaller != null ? byCaller
                        : lostBy(e);
            } catch (RuntimeException e) {
                connection.close();
                return failedBy(e);
            }
        }
    }

    /** Why the connection was lost, when reading it failed. */
    private ConnectionException lostBy(IOException e) {
        return new ConnectionException("connection to " + connection.describe() + " lost: " + e.getMessage(), e);
    }

    /** Why the connection ended, when what was read could not be handled. */
    private ConnectionException failedBy(Throwable e) {
        return new ConnectionException("connection to " + connection.describe() + " failed: " + e, e);
    }

    /** Opens the connection again, pausing between attempts; false when terminated meanwhile. */
    private boolean reconnect(Backoff backoff) {
        while (true) {
            synchronized (this) {
                long pause = backoff.nextNanos();
                long until = System.nanoTime() + pause;
                try {
                    long left;
                    while (state == State.RECONNECTING && (left = until - System.nanoTime()) > 0) {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    }
                } catch (InterruptedException e) {
                    return false;
                }
                if (state != State.RECONNECTING) {
                    return false;
                }
            }
            try {
                connection.connect(connectTimeout());
            } catch (IOException | RuntimeException e) {
                connection.close();
                LOG.log(Level.DEBUG, "reconnecting to {0} failed: {1}", connection.describe(), e.getMessage());
                continue;
            }
            synchronized (this) {
                if (state != State.RECONNECTING) {
                    connection.close();
                    return false;
                }
                failure = null;
                lostByCaller.set(null); // of the connection before
                epoch++;
                window.reset(); // a new connection: nothing of ours is unread
                state = State.RUNNING;
                notifyAll();
            }
            LOG.log(Level.INFO, "reconnected to {0}", connection.describe());
            tell("reconnect", Listener::reconnected);
            return true;
        }
    }

    private synchronized Duration connectTimeout() {
        return connectTimeout;
    }

    private void dispatch(Packet packet) {
        if (packet.op() == Op.WATCH_EVENT) {
            List<String> parts = Payloads.split(packet.payload());
            if (parts.size() < 2) {
                LOG.log(Level.WARNING, "ignoring malformed watch event {0}", packet);
                return;
            }
            WatchEvent event = new WatchEvent(parts.get(0), parts.get(1));
            for (Listener listener : listeners) {
                try {
                    listener.watchEvent(event);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "watch listener failed on " + event, e);
                }
            }
            return;
        }
        Request<?> request = pending.remove(packet.rqId());
        window.answered(request); // also a request its caller gave up: the daemon has read it
        if (request != null && !request.isDone()) {
            if (!listeners.isEmpty()) {
                long latency = System.nanoTime() - request.sentAt();
                tell("reply received", listener -> listener.replyReceived(request.op(), packet.op() == Op.ERROR, latency));
            }
            request.answer(packet);
        } else if (packet.op() == Op.TRANSACTION_START) {
            abortLateTransaction(packet);
        } else {
            LOG.log(Level.DEBUG, "ignoring reply to no pending request: {0}", packet);
        }
    }

    /**
     * Ends a transaction whose start was answered after its caller gave up: nobody will ever commit
     * or abort it, and the daemon would keep it for the life of the connection.
     */
    private void abortLateTransaction(Packet reply) {
        String id = Payloads.single(reply.payload());
        try {
            int txId = (int) Long.parseLong(id);
            send(new Packet(Op.TRANSACTION_END, 0, txId, Payloads.strings("F")));
            LOG.log(Level.DEBUG, "aborted transaction {0}, started after its caller gave up", id);
        } catch (NumberFormatException e) {
            LOG.log(Level.DEBUG, "ignoring late TRANSACTION_START reply {0}", reply);
        }
    }

    /** Fails the request that a packet of an unknown type answered; the daemon has read it all the same. */
    private void refuseUnknownType(UnknownTypeException e) {
        if (e.rqId() == 0) {
            return; // not an answer
        }
        Request<?> request = pending.remove(e.rqId());
        window.answered(request);
        if (request != null) {
            request.completeExceptionally(new InvalidOperationException(e.getMessage()));
        }
    }

    /** Fails every request in flight and tells the listeners, once per loss. */
    private void lost(ConnectionException cause) {
        synchronized (this) {
            if (failure != null) {
                return;
            }
            failure = cause;
        }
        failPendingAndTell(cause);
    }

    /** Ends the router for good: every request in flight fails and the listeners are told. */
    private void end(ConnectionException cause) {
        if (ended.getAndSet(true)) {
            return; // by the reader or the writer thread, whichever ended first
        }
        synchronized (this) {
            state = State.TERMINATED;
            failure = cause;
            notifyAll();
        }
        connection.close();
        wakeWriter();
        queue.wakeWaiters();
        failPendingAndTell(cause);
    }

    private void failPendingAndTell(ConnectionException cause) {
        for (Request<?> request : pending.values()) {
            pending.remove(request.rqId(), request);
            request.completeExceptionally(cause);
        }
        tell("disconnect", listener -> listener.disconnected(cause));
    }

    /** Calls every listener; what one throws is logged and does not stop the others. */
    private void tell(String what, java.util.function.Consumer<Listener> call) {
        for (Listener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "router listener failed on " + what, e);
            }
        }
    }

    @Override
    public String toString() {
        return "Router[" + connection.describe() + ", " + (isConnected() ? "connected" : state.name().toLowerCase()) + "]";
    }
}
