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

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way a monitor's events take from the thread that reads the connection to the consumer: the
 * reading thread {@linkplain #offer offers} each event to this bounded queue, and either a callback takes
 * them, run by a task on an executor, or a thread waiting in {@link #take(long)}. No thread of the
 * monitor's own sits between the two.
 *
 * <p>Invariants, all guarded by this queue's lock:
 * <ul>
 * <li>at most {@code capacity} events wait, except right after an overflow, which replaces them all with
 * one event per watch (so the consumer, which re-reads on every event, catches up);
 * <li>{@code draining} is true from the moment a drain task is handed to the executor until that task
 * finds the queue empty and clears it under the lock: so at most one task runs the callback at a time,
 * the callback sees the events in the order they came, and an event offered meanwhile is taken by the
 * running task without another hand-off;
 * <li>once {@code ended} is set nothing more is added; consumers get what was queued before, then the
 * cause.
 * </ul>
 * The lock is held only to add or take an event, never while the callback runs, so the reading thread
 * never waits for a consumer.
 */
final class WatchEventQueue {
    private static final System.Logger LOG = System.getLogger(Monitor.class.getName());

    private final int capacity;
    private final Predicate<WatchEvent> stillWatched;
    private final Supplier<Collection<WatchEvent>> oneEventPerWatch;
    private final Consumer<WatchEvent> callback;
    private final Executor executor;
    private final LongAdder overflows = new LongAdder();
    private final ArrayDeque<WatchEvent> events = new ArrayDeque<>(); // guarded by this
    private boolean draining; // guarded by this
    private ConnectionException ended; // guarded by this

    /**
     * Creates an empty queue.
     *
     * @param capacity how many events may wait before the queue overflows; at least 1
     * @param stillWatched tells whether an event is still wanted when it is taken (its watch may have been
     *     removed since it came)
     * @param oneEventPerWatch the events that replace the waiting ones on an overflow
     * @param callback receives the events, one at a time and in order, on the executor; null when they are
     *     taken with {@link #take(long)}
     * @param executor runs the callback; never the calling thread of {@link #offer}; null without callback
     */
    WatchEventQueue(int capacity, Predicate<WatchEvent> stillWatched, Supplier<Collection<WatchEvent>> oneEventPerWatch,
            Consumer<WatchEvent> callback, Executor executor) {
        this.capacity = capacity;
        this.stillWatched = stillWatched;
        this.oneEventPerWatch = oneEventPerWatch;
        this.callback = callback;
        this.executor = executor;
    }

    /**
     * Adds an event, overflowing when {@code capacity} wait already. Called on the thread that reads the
     * connection: it never waits but for the lock, which is held only to add or take.
     *
     * @param event the event, with the token the monitor's consumer knows
     */
    void offer(WatchEvent event) {
        boolean overflowed = false;
        boolean startDraining;
        synchronized (this) {
            if (ended != null) {
                return;
            }
            if (events.size() >= capacity) {
                events.clear();
                events.addAll(oneEventPerWatch.get());
                overflows.increment();
                overflowed = true;
            } else {
                events.add(event);
            }
            startDraining = callback != null && !draining;
            draining |= startDraining;
            notifyAll(); // a thread in take(), if any
        }
        if (overflowed) {
            LOG.log(Level.WARNING, "jxs: more than {0} watch events waited undelivered; replaced them with one "
                    + "event per watch", capacity);
        }
        if (startDraining) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // The executor was shut down with its client: what waits is dropped with the monitor.
                LOG.log(Level.DEBUG, "jxs: no executor for watch callbacks any more: {0}", e.getMessage());
            }
        }
    }

    /** Hands the waiting events to the callback until none is left; the one task of this queue that runs. */
    private void drain() {
        try {
            while (true) {
                WatchEvent event;
                synchronized (this) {
                    event = events.poll();
                    if (event == null) {
                        draining = false;
                        return;
                    }
                }
                if (stillWatched.test(event)) {
                    try {
                        callback.accept(event);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "jxs: watch callback failed on " + event, e);
                    }
                }
            }
        } catch (Error e) {
            synchronized (this) {
                draining = false; // the next event starts a new task
            }
            throw e;
        }
    }

    /**
     * Waits for the next event that is still watched.
     *
     * @param timeoutNanos how long to wait; negative to wait for ever
     * @return the event, or null when none came in time
     * @throws ConnectionException once the queue has ended and what came before is taken
     * @throws InterruptedException when the waiting thread is interrupted
     */
    synchronized WatchEvent take(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            WatchEvent event = events.poll();
            if (event != null) {
                if (stillWatched.test(event)) {
                    return event;
                }
                continue;
            }
            if (ended != null) {
                throw new ConnectionException(ended.getMessage(), ended);
            }
            if (timeoutNanos < 0) {
                wait();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /**
     * Ends the queue: nothing more is added, and once what waits is taken consumers get the cause. The
     * first cause wins.
     *
     * @param cause why, for the consumers
     */
    synchronized void end(ConnectionException cause) {
        if (ended == null) {
            ended = cause;
            notifyAll();
        }
    }

    /**
     * Returns how many times the queue overflowed.
     *
     * @return the count since the queue was made
     */
    long overflows() {
        return overflows.sum();
    }
}
