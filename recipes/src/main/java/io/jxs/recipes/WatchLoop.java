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

import io.jxs.ConnectionException;
import io.jxs.Monitor;
import io.jxs.WatchEvent;
import io.jxs.XenStore;
import io.jxs.XenStoreException;
import io.jxs.XenStoreTimeoutException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A thread that takes a monitor's events in batches and hands them to a {@link Handler}, retries the
 * handler after a lost connection or a timeout, and answers fences ({@link #sync(Duration)}).
 *
 * <p>Both rest on one property of the protocol: a daemon sends every message of a connection in order,
 * and a watch event is generated while the change is made. So once the reply to any request is in,
 * every event of every change made before that request was handled has reached the monitor. The
 * handler uses that to know it has seen all of a transaction's events ({@link #drain()} after its
 * reads); a fence sends a request and then waits for one handler call that started after the reply.
 */
final class WatchLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WatchLoop.class.getName());
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MAX_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long JOIN_MILLIS = 2_000;

    /** Does the work of a loop, on its thread. */
    interface Handler {
        /**
         * Takes in a batch of events; may take more with {@link WatchLoop#drain()}. Whatever it could not
         * finish because it threw, it keeps and finishes at the next call, which may bring no events.
         *
         * @param events the events taken since the last call, possibly none
         * @throws XenStoreException a lost connection, a timeout or {@code EAGAIN} make the loop call again
         *     after a pause; anything else ends the loop
         */
        void process(List<WatchEvent> events);

        /**
         * The loop ended for good, not by {@link WatchLoop#close()}.
         *
         * @param cause why
         */
        void failed(XenStoreException cause);
    }

    private final XenStore store;
    private final String name;
    private final String probePath;
    private final Handler handler;
    private final Monitor monitor;
    private final Thread thread;
    private final Object lock = new Object();
    private long requested; // guarded by lock: fences asked for
    private long answered; // guarded by lock: fences answered
    private boolean idle; // guarded by lock: the thread waits for events and may be interrupted to run a fence
    private volatile boolean closed;
    private volatile XenStoreException failure;

    /**
     * Creates the loop and its monitor; nothing runs until {@link #start()}.
     *
     * @param store the connection: the monitor's and the fences'
     * @param name the thread's name, also used in messages
     * @param probePath a path to send the fences' request for
     * @param handler the work
     */
    WatchLoop(XenStore store, String name, String probePath, Handler handler) {
        this.store = store;
        this.name = name;
        this.probePath = probePath;
        this.handler = handler;
        this.monitor = store.monitor();
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** Registers a watch on the loop's monitor; call before {@link #start()}. */
    void watch(String path, String token) {
        monitor.watch(path, token);
    }

    /** Starts the thread. */
    void start() {
        thread.start();
    }

    /** The events waiting now, without blocking; for the handler, on the loop's thread. */
    List<WatchEvent> drain() {
        List<WatchEvent> events = new ArrayList<>();
        try {
            for (WatchEvent event = monitor.poll(0, TimeUnit.NANOSECONDS); event != null;
                    event = monitor.poll(0, TimeUnit.NANOSECONDS)) {
                events.add(event);
            }
        } catch (InterruptedException e) {
            // Only close() interrupts a busy loop; the events taken so far are kept.
            Thread.currentThread().interrupt();
        }
        return events;
    }

    /**
     * Waits until the handler has taken in every change the daemon made before this call.
     *
     * @param timeout how long to wait at most
     * @throws XenStoreTimeoutException when the deadline passes first
     * @throws XenStoreException the failure that ended the loop, if it ended
     * @throws ConnectionException when the loop is closed
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void sync(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        checkRunning();
        probe(deadline, timeout);
        synchronized (lock) {
            long ticket = ++requested;
            if (idle) {
                thread.interrupt();
            }
            while (answered < ticket) {
                checkRunning();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new XenStoreTimeoutException(name + ": not caught up with the store within " + timeout.toMillis() + " ms");
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    /** Ends the loop and its monitor's watches; fences waiting get {@link ConnectionException}. Always returns. */
    @Override
    public void close() {
        closed = true;
        monitor.close();
        synchronized (lock) {
            lock.notifyAll();
            if (idle) {
                thread.interrupt();
            }
        }
        if (Thread.currentThread() != thread && thread.isAlive()) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        long pause = 0;
        try {
            while (!closed) {
                List<WatchEvent> events = new ArrayList<>();
                if (pause == 0) {
                    awaitWork(events);
                } else {
                    WatchEvent event = monitor.poll(pause, TimeUnit.NANOSECONDS);
                    if (event != null) {
                        events.add(event);
                    }
                }
                if (closed) {
                    return;
                }
                long ticket;
                synchronized (lock) {
                    ticket = requested;
                }
                events.addAll(drain());
                try {
                    handler.process(events);
                    pause = 0;
                    synchronized (lock) {
                        answered = ticket;
                        lock.notifyAll();
                    }
                } catch (XenStoreException e) {
                    if (!isTransient(e)) {
                        throw e;
                    }
                    pause = pause == 0 ? FIRST_PAUSE_NANOS : Math.min(2 * pause, MAX_PAUSE_NANOS);
                    LOG.log(Level.DEBUG, "{0}: {1}; trying again in {2} ms", name, e.getMessage(),
                            TimeUnit.NANOSECONDS.toMillis(pause));
                }
            }
        } catch (InterruptedException e) {
            // close() interrupted the pause.
        } catch (XenStoreException e) {
            // The handler failed for good, or the monitor ended (connection lost for good, or closed).
            if (!closed) {
                fail(e);
            }
        } catch (RuntimeException e) {
            fail(new XenStoreException("EIO", name + " failed: " + e, e));
        } finally {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /** Waits for an event, or for a fence to run; returns at once when a fence waits already. */
    private void awaitWork(List<WatchEvent> events) {
        synchronized (lock) {
            if (requested != answered) {
                return;
            }
            idle = true;
        }
        try {
            events.add(monitor.take());
        } catch (InterruptedException e) {
            // A fence woke the loop (or close did).
        } finally {
            synchronized (lock) {
                idle = false;
                // An interrupt meant to end this wait must not end a later one.
                Thread.interrupted();
            }
        }
    }

    private void probe(long deadline, Duration timeout) throws InterruptedException {
        try {
            store.async().exists(probePath).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new XenStoreTimeoutException(name + ": the store did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof XenStoreException cause) {
                throw cause;
            }
            throw new XenStoreException("EIO", name + ": " + e.getCause(), e.getCause());
        }
    }

    private void checkRunning() {
        XenStoreException cause = failure;
        if (cause != null) {
            throw cause;
        }
        if (closed) {
            throw new ConnectionException(name + " is closed");
        }
    }

    private void fail(XenStoreException cause) {
        LOG.log(Level.WARNING, "{0} stopped: {1}", name, cause.getMessage());
        try {
            // Listeners hear it before a fence waiting for the loop does.
            handler.failed(cause);
        } finally {
            failure = cause;
            synchronized (lock) {
                lock.notifyAll();
            }
            monitor.close();
        }
    }

    private static boolean isTransient(XenStoreException e) {
        return e instanceof ConnectionException || e instanceof XenStoreTimeoutException
                || "EAGAIN".equals(e.errorName());
    }
}
