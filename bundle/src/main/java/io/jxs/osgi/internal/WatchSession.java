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

import io.jxs.ConnectionException;
import io.jxs.Monitor;
import io.jxs.WatchEvent;
import io.jxs.XenStore;
import io.jxs.XenStoreException;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The watches of the EventAdmin bridge on one published {@link XenStore}: a thread that holds a
 * {@link Monitor}, watches every path (with the path as its token) and hands each event on. When the
 * monitor ends while the store is still published (the connector moved the store to a new
 * connection), it starts a new monitor and registers every watch again.
 */
final class WatchSession implements Runnable {
    private static final System.Logger LOG = System.getLogger(WatchSession.class.getName());
    private static final long RETRY_MILLIS = 200;

    private final XenStore store;
    private final Object lock;
    private final Supplier<Set<String>> paths;
    private final Consumer<WatchEvent> sink;
    private final Thread thread;
    private volatile boolean closed;
    private Monitor monitor; // guarded by lock

    /**
     * Creates and starts a session.
     *
     * @param store the published store
     * @param lock guards the paths and this session's monitor
     * @param paths the paths to watch, read under {@code lock}
     * @param sink receives every event, on the session's thread
     */
    WatchSession(XenStore store, Object lock, Supplier<Set<String>> paths, Consumer<WatchEvent> sink) {
        this.store = store;
        this.lock = lock;
        this.paths = paths;
        this.sink = sink;
        this.thread = new Thread(this, "jxs-eventadmin-bridge");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        while (!closed) {
            Monitor current = null;
            try {
                current = open();
                while (!closed) {
                    sink.accept(current.take());
                }
            } catch (ConnectionException e) {
                if (!closed) {
                    LOG.log(Level.DEBUG, "jxs: watch monitor ended, starting a new one: {0}", e.getMessage());
                    if (!pause()) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "jxs: EventAdmin bridge failed, restarting it", e);
                if (!pause()) {
                    return;
                }
            } finally {
                if (current != null) {
                    current.close();
                }
            }
        }
    }

    private Monitor open() {
        synchronized (lock) {
            if (closed) {
                throw new ConnectionException("session closed");
            }
            monitor = store.monitor();
            for (String path : paths.get()) {
                try {
                    monitor.watch(path, path);
                } catch (ConnectionException e) {
                    throw e;
                } catch (XenStoreException e) {
                    LOG.log(Level.WARNING, "jxs: cannot watch {0}: {1}", path, e.getMessage());
                }
            }
            return monitor;
        }
    }

    /**
     * Adds a watch to the current monitor; call while holding the lock.
     *
     * @param path the path
     * @throws XenStoreException when the daemon refuses
     */
    void watch(String path) {
        if (monitor != null) {
            monitor.watch(path, path);
        }
    }

    /**
     * Removes a watch from the current monitor; call while holding the lock. Never throws.
     *
     * @param path the path
     */
    void unwatch(String path) {
        if (monitor != null) {
            try {
                monitor.unwatch(path, path);
            } catch (XenStoreException e) {
                LOG.log(Level.DEBUG, "jxs: unwatch {0}: {1}", path, e.getMessage());
            }
        }
    }

    /** Ends the session: its monitor is closed and its thread ends. */
    void close() {
        closed = true;
        Monitor current;
        synchronized (lock) {
            current = monitor;
            monitor = null;
        }
        if (current != null) {
            current.close();
        }
        thread.interrupt();
    }

    private boolean pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
