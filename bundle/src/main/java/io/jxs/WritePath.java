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
import io.jxs.connection.RequestRefusedException;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The one way a request reaches the connection: the queue of requests to write, the write window, and
 * the lock held by whoever writes. {@code write} is the only place that writes to the connection, and
 * {@link #writeBatch()} the only one that takes requests from the queue.
 *
 * <p>Who writes a request depends on what is in flight, so that no caller blocks on the connection and
 * requests share system calls when they can:
 * <ul>
 * <li>nothing pipelined (no request unanswered but those of threads blocked in a synchronous call):
 * the caller writes it at once. A caller that finds another one writing queues its request: every
 * holder of the lock looks at the queue again after letting go, so the writer writes it too;
 * <li>requests pipelined: it joins the queue, and the thread that reads the replies writes what is
 * queued in one system call once it has dispatched them ({@link #drain()}), so the daemon has work
 * meanwhile;
 * <li>no room in the window: it waits in the queue until replies make room, and the thread that reads
 * them writes it. Nothing is ever written beyond the window, so no write can block;
 * <li>a transport without a window: a writer thread of its own writes the queue, so that a daemon that
 * stops reading blocks only that thread.
 * </ul>
 *
 * <p>Invariants: only the holder of {@link #writing} takes requests from the queue to write them, claims them
 * and writes ({@link #end} also empties the queue, without the lock, to fail what is in it: the holder may find
 * it emptied under its hands); it writes a request only when it claimed it ({@link Request#claimForWrite()})
 * and the request belongs to the current connection generation, which changes only under the same lock ({@link #nextGeneration()}).
 * On a transport with a window, nothing is written while the window has no room for it.
 */
final class WritePath {
    /** What the write path tells the router, on the thread that wrote. */
    interface Events {
        /**
         * A request was written (not flushed yet).
         *
         * @param request the request
         */
        void written(Request<?> request);

        /**
         * Writing failed: the connection is lost. Called with the write lock held.
         *
         * @param e the failure
         */
        void writeFailed(IOException e);

        /**
         * The transport or the writer thread broke its contract (threw what it must not); the connection
         * cannot be used any more, and nobody would write or fail what is queued.
         *
         * @param failure the failure to end everything in flight with
         */
        void transportFailed(ConnectionException failure);
    }

    private final Connection connection;
    private final InFlight inFlight;
    private final Events events;
    /** The number of threads blocked in a synchronous call, waiting for their reply. */
    private final IntSupplier blockedCallers;
    private final WriteQueue queue = new WriteQueue();
    private final WriteWindow window;
    private final ReentrantLock writing = new ReentrantLock();
    /** Writes the queue on a transport without a window; null with one. */
    private final WriterThread writerThread;

    /**
     * Creates the write path of a connection.
     *
     * @param connection the transport
     * @param inFlight the requests in flight, whose generation decides what may be written
     * @param blockedCallers counts the threads blocked in a synchronous call
     * @param events told of writes and failures
     */
    WritePath(Connection connection, InFlight inFlight, IntSupplier blockedCallers, Events events) {
        this.connection = connection;
        this.inFlight = inFlight;
        this.blockedCallers = blockedCallers;
        this.events = events;
        this.window = new WriteWindow(connection.writeWindow());
        this.writerThread = window.exists() ? null : new WriterThread();
    }

    /** Starts the writer thread of a transport without a window. */
    void start() {
        if (writerThread != null) {
            writerThread.start();
        }
    }

    /**
     * Writes a registered request, or queues it to be written (see the class description).
     *
     * @param request a request registered in {@link InFlight}
     */
    void submit(Request<?> request) {
        if (writeAtOnce(request)) {
            return;
        }
        queue.add(request);
        if (!window.exists() || !pipelined()) {
            // Checked after the offer: a reader that missed the request had counted its last reply already.
            drain();
        }
    }

    /**
     * Tells whether requests are pipelined: more are unanswered than threads wait for their replies in
     * synchronous calls. Only then may a request wait for the next reply to go out with others: the daemon
     * still has work meanwhile. Blocked callers add nothing until answered, so without pipelining a request
     * must go out at once or the daemon runs dry.
     */
    private boolean pipelined() {
        return window.unanswered() > blockedCallers.getAsInt();
    }

    /** Writes the request on the caller's thread when nothing is queued or pipelined, nobody writes and it fits. */
    private boolean writeAtOnce(Request<?> request) {
        if (!window.exists() || pipelined() || !queue.isEmpty() || !window.fits(request) || !writing.tryLock()) {
            return false;
        }
        try {
            // Checked again under the lock: only its holder charges the window, so now it is exact.
            if (!queue.isEmpty() || !window.fits(request)) {
                return false;
            }
            if (write(request)) {
                flush();
            }
        } finally {
            writing.unlock();
        }
        // Queued by callers that found this one writing: written now, not left for a round trip.
        drain();
        return true;
    }

    /**
     * Writes what is queued as far as the window has room, on the calling thread; returns at once when
     * another thread writes (it looks at the queue again after letting go). On a transport without a
     * window, wakes the writer thread instead.
     */
    void drain() {
        if (writerThread != null) {
            if (!queue.isEmpty()) {
                writerThread.wake();
            }
            return;
        }
        Request<?> next;
        while ((next = queue.peek()) != null && window.fits(next) && writing.tryLock()) {
            try {
                writeBatch();
            } finally {
                writing.unlock();
            }
        }
    }

    /**
     * Writes queued requests while the window has room (all of them without a window), then flushes
     * them together. The only place requests are taken from the queue to be written; called with the lock
     * held.
     */
    private void writeBatch() {
        boolean wrote = false;
        Request<?> next;
        while ((next = queue.peek()) != null && (!window.exists() || window.fits(next))) {
            Request<?> taken = queue.poll(); // the head: only the lock's holder takes from the queue
            if (taken == null) {
                break;
            }
            wrote |= write(taken);
        }
        if (wrote) {
            flush();
        }
    }

    /** Writes one request if it is still to be written on this connection generation; true when written. */
    private boolean write(Request<?> request) {
        if (request.isOverdue(System.nanoTime())) {
            request.expire();
        }
        if (request.generation() != inFlight.generation()) {
            // Registered for a connection that was lost: it failed with it, or fails now.
            request.fail(new ConnectionException(request.txId() != 0
                    ? "the transaction of this " + request.op() + " was lost with the connection it was started on"
                    : "the connection this " + request.op() + " was meant for was lost before it was written"));
        }
        if (!request.claimForWrite()) {
            inFlight.forgetUnwritten(request);
            return false;
        }
        if (!window.exists()) {
            // A write that may block for as long as the daemon does not read: counted as done from its start,
            // so that a failure meanwhile (a deadline, a loss) reaches the caller at once.
            request.endWrite();
        }
        try {
            request.sent(System.nanoTime());
            window.charge(request);
            connection.write(request.packet());
        } catch (RequestRefusedException e) {
            refused(request, new XenStoreException(e.errorName(), e.getMessage(), e));
            return false;
        } catch (IOException e) {
            events.writeFailed(e);
            refused(request, new ConnectionException("write to " + connection.describe() + " failed: "
                    + e.getMessage(), e));
            return false;
        } catch (RuntimeException | Error e) {
            // A transport that breaks its contract: the connection ends first, and the request must not stay
            // claimed, nobody would end it.
            ConnectionException failure = new ConnectionException("write to " + connection.describe() + " failed: " + e, e);
            try {
                events.transportFailed(failure);
            } finally {
                refused(request, failure);
            }
            throw e;
        }
        request.endWrite();
        events.written(request);
        return true;
    }

    /** Ends a claimed request whose write failed: no reply will come for it. */
    private void refused(Request<?> request, XenStoreException failure) {
        window.refund(request);
        inFlight.forget(request);
        request.endWrite();
        request.fail(failure);
    }

    private void flush() {
        try {
            connection.flush();
        } catch (IOException e) {
            events.writeFailed(e);
        }
    }

    /**
     * Gives back a reply's charge in the window; the caller then {@link #drain()}s what it made room for.
     *
     * @param request the request answered, or null when it was forgotten
     */
    void answered(Request<?> request) {
        window.answered(request);
    }

    /** Returns how many written requests wait for their reply, also those whose callers gave up. */
    int unanswered() {
        return window.unanswered();
    }

    /** Tells whether requests wait in the queue. */
    boolean hasQueued() {
        return !queue.isEmpty();
    }

    /** Tells whether the queue has room for the request without going past its bound. */
    boolean hasRoomFor(Request<?> request) {
        return queue.hasRoomFor(request);
    }

    /**
     * Waits for room in the queue, within the request's deadline (it fails with its timeout otherwise).
     *
     * @param request the request about to be submitted
     * @param running whether the router still runs
     * @return false when the request ended meanwhile
     */
    boolean awaitRoom(Request<?> request, BooleanSupplier running) {
        queue.awaitRoom(request, running);
        return !request.isDone();
    }

    /**
     * Starts the next connection generation: nothing of the old one is unanswered on the new one, and no
     * request registered for the old one is written from now on. Waits for a write in progress.
     */
    void nextGeneration() {
        writing.lock();
        try {
            inFlight.nextGeneration();
            window.reset();
        } finally {
            writing.unlock();
        }
    }

    /**
     * Ends the write path for good: the writer thread stops and callers waiting for room look again. What is
     * queued is registered in {@link InFlight}, which fails it; only the lock's holder takes it from the queue.
     */
    void end() {
        if (writerThread != null) {
            writerThread.end();
        }
        queue.wakeWaiters();
    }

    /**
     * Writes the queue of a transport without a window, where a write may block: only this thread is held
     * up by a daemon that stops reading.
     */
    private final class WriterThread {
        private final Thread thread = new Thread(this::run, "jxs-writer " + connection.describe());
        private volatile boolean ended;
        /** Set by whoever queued a request for this thread; cleared by it before it looks at the queue. */
        private volatile boolean wanted;

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        void wake() {
            wanted = true;
            LockSupport.unpark(thread);
        }

        void end() {
            ended = true;
            LockSupport.unpark(thread);
        }

        private void run() {
            try {
                writeUntilEnded();
            } catch (RuntimeException | Error e) {
                events.transportFailed(new ConnectionException("the writer thread for " + connection.describe()
                        + " failed: " + e, e));
                throw e;
            }
        }

        private void writeUntilEnded() {
            while (!ended) {
                wanted = false;
                while (!queue.isEmpty() && !ended) {
                    writing.lock();
                    try {
                        writeBatch();
                    } finally {
                        writing.unlock();
                    }
                }
                if (!wanted && !ended) {
                    LockSupport.park(this);
                }
            }
        }
    }
}
