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
import io.jxs.connection.TimedReads;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The reading role of a transport whose reads can give up ({@link TimedReads}): a thread that makes one
 * synchronous call after another reads its own replies, as libxenstore's caller does, instead of waiting
 * each time for the reader thread to wake up.
 *
 * <p>Once no watch was ever set, every written request is answered and at most one thread is in a
 * synchronous call, the reader thread lends the connection and parks. A lone caller then reads until its
 * reply comes, looking for it without blocking for {@link #SPIN_NANOS} first (about what a daemon takes,
 * which spares its thread a wake-up), then in slices of {@link #READ_SLICE_NANOS} so that its deadline and
 * interrupts hold; what else it reads goes where the reader thread would send it. The reader thread takes
 * the connection back as soon as it is needed: a request unanswered that no caller reads for, the
 * connection lost or closed, or no caller read for {@link #LENT_NANOS} (so that a loss is seen at once).
 *
 * <p>Invariants: {@link #reading} names the one thread that may read, or is null while the connection is
 * lent and nobody reads; a thread reads only after setting it to itself from null. Whoever makes the
 * reader thread needed while nobody reads calls it ({@link #needReader()}); the reader thread, after
 * letting go, looks once whether it is needed, so a request written before that is not missed.
 */
final class LoneCallerReads implements ReadingRole {
    /**
     * How long a lone synchronous caller looks for its reply without blocking, on the socket when it
     * reads it itself, else on its future: a daemon answers a lone request in about that time, and a
     * thread that blocks must be woken when the reply comes, which costs more than the spin.
     */
    static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** How long the reader thread leaves the connection lent when no caller reads meanwhile. */
    private static final long LENT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How long a caller blocks in one read before it looks whether it was interrupted. */
    private static final long READ_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Connection connection;
    private final TimedReads timedReads;
    private final Dispatcher dispatcher;
    private final WritePath writePath;
    private final IntSupplier blockedCallers;
    private final BooleanSupplier running;
    /** The thread that reads the connection; null while the reader thread lent it and nobody reads. */
    private final AtomicReference<Thread> reading = new AtomicReference<>();
    /** Counts the calls whose caller read its own reply, so the reader thread sees when they stop. */
    private final AtomicLong ownReplyReads = new AtomicLong();
    /** Why the connection was lost, when a caller reading its own reply found out; the reader takes it. */
    private final AtomicReference<ConnectionException> lostByCaller = new AtomicReference<>();
    /** Set when the reader thread is asked to read; it clears it when it lends the connection. */
    private final AtomicBoolean readerCalled = new AtomicBoolean();
    /** Set once a WATCH was written: events may come at any time, so the reader thread always reads. */
    private volatile boolean eventsExpected;
    private volatile Thread reader;

    /**
     * Creates the reading role of a transport whose reads can give up.
     *
     * @param connection the connection
     * @param timedReads the same connection's reads that give up
     * @param dispatcher sends what a caller reads where the reader thread would
     * @param writePath tells how many written requests are unanswered
     * @param blockedCallers counts the threads blocked in a synchronous call
     * @param running whether the router runs
     */
    LoneCallerReads(Connection connection, TimedReads timedReads, Dispatcher dispatcher, WritePath writePath,
            IntSupplier blockedCallers, BooleanSupplier running) {
        this.connection = connection;
        this.timedReads = timedReads;
        this.dispatcher = dispatcher;
        this.writePath = writePath;
        this.blockedCallers = blockedCallers;
        this.running = running;
    }

    @Override
    public void readerThread(Thread thread) {
        reader = thread;
        reading.set(thread); // before anyone could send: no caller reads ahead of it
    }

    @Override
    public boolean readOwnReply(Request<?> request) {
        Thread caller = Thread.currentThread();
        if (writePath.unanswered() > 1 || blockedCallers.getAsInt() > 1 || !running.getAsBoolean()
                || !connection.isConnected() || caller.isInterrupted() || !reading.compareAndSet(null, caller)) {
            needReader();
            return false;
        }
        ownReplyReads.incrementAndGet();
        boolean handOver = false;
        try {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (!timedReads.hasInput() && System.nanoTime() - spinUntil < 0) {
                Thread.onSpinWait();
            }
            while (!request.isDone() && !caller.isInterrupted()) {
                long left = request.deadline() - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                dispatcher.readAndDispatch(() -> timedReads.read(Math.min(left, READ_SLICE_NANOS)));
            }
            handOver = connection.hasBufferedInput();
        } catch (IOException e) {
            lostByCaller(ConnectionException.lost(connection.describe(), e));
        } catch (RuntimeException | Error e) {
            // Possibly in the middle of a packet: the connection is out of step.
            lostByCaller(ConnectionException.failed(connection.describe(), e));
            if (e instanceof Error error) {
                throw error;
            }
        } finally {
            reading.set(null);
            if (handOver || readerNeeded() || !running.getAsBoolean() || !connection.isConnected()
                    || lostByCaller.get() != null) {
                wakeReader();
            }
        }
        return true;
    }

    @Override
    public void needReader() {
        if (reading.get() == null) {
            wakeReader();
        }
    }

    @Override
    public void written(Request<?> request) {
        if (request.op() == Op.WATCH) {
            eventsExpected = true;
        }
        if (!request.awaitedByCurrentThread() && reading.get() == null) {
            // After the charge in the window: a reader thread lending the connection looks after letting go.
            wakeReader();
        }
    }

    @Override
    public ConnectionException takeLossFoundByCaller() {
        return lostByCaller.getAndSet(null);
    }

    @Override
    public void reconnected() {
        lostByCaller.set(null); // of the connection before
    }

    @Override
    public boolean callerReadsOnCurrentThread() {
        Thread current = Thread.currentThread();
        return current != reader && reading.get() == current;
    }

    private void lostByCaller(ConnectionException cause) {
        lostByCaller.compareAndSet(null, cause);
        connection.close(); // the reader thread, woken, finds it closed and takes the cause
    }

    private void wakeReader() {
        readerCalled.set(true);
        Thread thread = reader;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Tells whether the reader thread must read: events may come, or a written request is unanswered. */
    private boolean readerNeeded() {
        return eventsExpected || writePath.unanswered() > 0;
    }

    /**
     * Lends the connection when callers may read their own replies: no event can come, every request
     * written has been answered, and at most one thread is in a synchronous call (several are answered at
     * once when threads share the connection, and they would only hand it back).
     */
    @Override
    public void lendWhileIdle() {
        if (!eventsExpected && writePath.unanswered() == 0 && blockedCallers.getAsInt() <= 1 && running.getAsBoolean()) {
            lendConnection();
        }
    }

    private void lendConnection() {
        Thread self = Thread.currentThread();
        readerCalled.set(false);
        reading.set(null);
        long reads = ownReplyReads.get();
        long lookedAt = System.nanoTime();
        // Looked at once after letting go: a request written meanwhile by a thread that saw this one reading
        // woke nobody. Later, whoever needs this thread calls it.
        boolean wanted = readerNeeded();
        while (true) {
            if ((wanted || !running.getAsBoolean() || !connection.isConnected() || lostByCaller.get() != null)
                    && reading.compareAndSet(null, self)) {
                return;
            }
            LockSupport.parkNanos(this, LENT_NANOS);
            // terminate() interrupts, a callback may have left the flag: the state says the rest.
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
}
