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

import io.jxs.Monitor;
import io.jxs.PathRules;
import io.jxs.WatchEvent;
import io.jxs.XenStore;
import io.jxs.XenStoreException;
import io.jxs.XenStoreTimeoutException;
import io.jxs.event.WatchEvents;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.framework.ServiceReference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts XenStore watch events to EventAdmin on {@link WatchEvents#TOPIC}.
 *
 * <p>The watched paths come from the configuration ({@code watches}), from JMX
 * ({@link #watch(String)}) and from every {@code EventHandler} service that carries the property
 * {@link WatchEvents#WATCH_PROPERTY}, for as long as it is registered. The watches live on a
 * callback {@link Monitor} of the published {@link XenStore}; when the store is published again
 * after a lost connection, a new monitor registers them all again, and each fires once.
 *
 * <p>Nothing here holds a lock across a call to the daemon: watch and unwatch requests run on a
 * thread of the bridge's own (there only while it has such work), so a hung daemon never holds up DS.
 * The monitor's callback hands each event to {@link EventAdmin#sendEvent} on the client's executor for
 * callbacks: no thread of the bridge's own is on an event's way, and while EventAdmin's handlers are
 * slow the events wait in the monitor's bounded queue (which overflows into one event per watched
 * path) instead of EventAdmin's unbounded one.
 *
 * <p>A plain object owned by {@link XenStoreComponent} while an EventAdmin is there, which hands it
 * the published store and the event handlers.
 */
final class WatchBridge {
    /** How long a JMX watch waits for the daemon's answer. */
    private static final long WATCH_TIMEOUT_SECONDS = 30;
    /** How long after a watch went unanswered it is tried again. */
    static final long RETRY_SECONDS = 1;
    /** How long the thread for watch and unwatch requests waits for more before it ends. */
    private static final long WATCHER_IDLE_SECONDS = 10;

    private static final System.Logger LOG = System.getLogger(WatchBridge.class.getName());
    private static final String CONFIGURATION = "configuration";
    private static final String JMX = "jmx";

    private final EventAdmin eventAdmin;
    private final Object lock = new Object();
    private final WatchRegistry registry = new WatchRegistry(); // guarded by lock
    private final LongAdder delivered = new LongAdder();
    private final ScheduledThreadPoolExecutor watcher = newWatcher();
    /** The paths whose watch went unanswered and will be tried again (the watcher thread only). */
    private final Set<String> unanswered = new HashSet<>();
    /** Set once by {@link #deactivate()}: events still on their way are not posted any more. */
    private volatile boolean deactivated;
    private volatile Monitor monitor; // written on the watcher thread, read by the MBean
    private final LongAdder overflowsOfEndedMonitors = new LongAdder();

    /**
     * Creates the bridge.
     *
     * @param eventAdmin where events go
     * @param config the configuration, for its watched paths
     */
    WatchBridge(EventAdmin eventAdmin, XenStoreConfig config) {
        this.eventAdmin = eventAdmin;
        setPaths(CONFIGURATION, WatchRegistry.pathsOf(config.watches()));
    }

    private static ScheduledThreadPoolExecutor newWatcher() {
        ScheduledThreadPoolExecutor executor =
                new ScheduledThreadPoolExecutor(1, task -> daemon(task, "jxs-eventadmin-watches"));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setKeepAliveTime(WATCHER_IDLE_SECONDS, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Takes the watched paths of a changed configuration.
     *
     * @param config the new configuration
     */
    void modified(XenStoreConfig config) {
        setPaths(CONFIGURATION, WatchRegistry.pathsOf(config.watches()));
    }

    /** Ends the bridge: its watches are removed and nothing more is posted. */
    void deactivate() {
        deactivated = true;
        onWatcher(this::closeMonitor);
        watcher.shutdown();
        try {
            watcher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watcher.shutdownNow();
        Monitor left = monitor;
        if (left != null) {
            // The watcher thread is held up by a daemon that does not answer: close its monitor without
            // waiting here, so that its watches and thread do not outlive the bridge.
            daemon(left::close, "jxs-eventadmin-close").start();
        }
    }

    /**
     * Starts watching on a published store: a new monitor registers every watched path.
     *
     * @param store the store just published
     */
    void bindStore(XenStore store) {
        onWatcher(() -> {
            closeMonitor();
            monitor = store.monitor(this::post);
            Set<String> paths;
            synchronized (lock) {
                paths = registry.watched();
            }
            paths.forEach(this::watchQuietly);
        });
    }

    /** Stops watching: the store is being unpublished. */
    void unbindStore() {
        onWatcher(this::closeMonitor);
    }

    /**
     * Watches the paths of an event handler's {@link WatchEvents#WATCH_PROPERTY}.
     *
     * @param handler the handler's service reference
     */
    void addHandler(ServiceReference<?> handler) {
        setPaths(handler, WatchRegistry.pathsOf(handler.getProperty(WatchEvents.WATCH_PROPERTY)));
    }

    /**
     * Follows a change of an event handler's {@link WatchEvents#WATCH_PROPERTY}.
     *
     * @param handler the handler's service reference
     */
    void updateHandler(ServiceReference<?> handler) {
        setPaths(handler, WatchRegistry.pathsOf(handler.getProperty(WatchEvents.WATCH_PROPERTY)));
    }

    /**
     * Drops the paths of an event handler that went away.
     *
     * @param handler the handler's service reference
     */
    void removeHandler(ServiceReference<?> handler) {
        setPaths(handler, Set.of());
    }

    /**
     * Watches a path on behalf of JMX, and waits for the daemon's answer when connected.
     *
     * @param path the path
     * @throws io.jxs.InvalidPathException when the path is not valid
     * @throws XenStoreException when the daemon refuses the watch; the path is not kept then
     */
    void watch(String path) {
        PathRules.checkWatchPath(path);
        synchronized (lock) {
            Set<String> mine = new LinkedHashSet<>(registry.paths(JMX));
            if (!mine.add(path) || !registry.set(JMX, mine).added().contains(path)) {
                return;
            }
        }
        Future<?> answer = watcher.submit(() -> {
            if (monitor != null) {
                watchNow(path);
            }
        });
        try {
            answer.get(WATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof XenStoreTimeoutException late) {
                throw new XenStoreTimeoutException(late.getMessage() + "; the watch of " + path
                        + " is kept and tried again");
            }
            forgetJmxPath(path);
            if (e.getCause() instanceof RuntimeException refused) {
                throw refused;
            }
            throw new XenStoreException("EIO", "watching " + path + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new XenStoreTimeoutException("ETIMEDOUT: no answer to watching " + path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forgetJmxPath(String path) {
        synchronized (lock) {
            Set<String> mine = new LinkedHashSet<>(registry.paths(JMX));
            mine.remove(path);
            registry.set(JMX, mine);
        }
    }

    /**
     * Stops watching a path on behalf of JMX; other sources' watches of it stay.
     *
     * @param path the path
     */
    void unwatch(String path) {
        Set<String> mine;
        synchronized (lock) {
            mine = new LinkedHashSet<>(registry.paths(JMX));
        }
        mine.remove(path);
        setPaths(JMX, mine);
    }

    /**
     * Returns every watched path.
     *
     * @return the paths, sorted
     */
    Set<String> watched() {
        synchronized (lock) {
            return registry.watched();
        }
    }

    /**
     * Returns how many events were delivered to EventAdmin.
     *
     * @return the count since the bridge started
     */
    long delivered() {
        return delivered.sum();
    }

    /**
     * Returns how many times events were discarded because EventAdmin's handlers fell behind: the
     * monitor's queue overflowed and delivered one event per watched path instead.
     *
     * @return the count since the bridge started
     */
    long overflows() {
        Monitor current = monitor;
        return overflowsOfEndedMonitors.sum() + (current == null ? 0 : current.overflows());
    }

    private void setPaths(Object source, Set<String> paths) {
        WatchRegistry.Change change;
        synchronized (lock) {
            change = registry.set(source, paths);
        }
        onWatcher(() -> {
            if (monitor != null) {
                change.removed().forEach(this::unwatchQuietly);
                change.added().forEach(this::watchQuietly);
            }
        });
    }

    /**
     * Watches a path on the current monitor unless it watches it already (a new monitor watches
     * everything registered when it was made). A watch the daemon leaves unanswered is tried again later.
     *
     * @throws XenStoreException when the daemon refuses the watch or does not answer in time
     */
    private void watchNow(String path) {
        if (monitor.watched().contains(path)) {
            return;
        }
        try {
            monitor.watch(path, path);
            LOG.log(Level.INFO, "jxs: watching {0} for EventAdmin", path);
        } catch (XenStoreTimeoutException e) {
            // The daemon did not answer in time (a stall, a flood): the watch is wanted all the same.
            LOG.log(Level.WARNING, "jxs: watching {0} went unanswered; trying again in {1} s", path, RETRY_SECONDS);
            retryLater(path);
            throw e;
        }
    }

    private void watchQuietly(String path) {
        try {
            watchNow(path);
        } catch (XenStoreTimeoutException e) {
            // tried again later
        } catch (XenStoreException e) {
            LOG.log(Level.WARNING, "jxs: cannot watch {0}: {1}", path, e.getMessage());
        }
    }

    /** Tries an unanswered watch again in a while, once however often it went unanswered meanwhile. */
    private void retryLater(String path) {
        Monitor current = monitor;
        if (current != null && unanswered.add(path)) {
            try {
                watcher.schedule(() -> watchAgain(current, path), RETRY_SECONDS, TimeUnit.SECONDS);
            } catch (RejectedExecutionException deactivated) {
                // nothing more to watch
            }
        }
    }

    /**
     * Registers an unanswered watch anew: unwatched first, since the daemon may have registered it late
     * (then it would refuse the same watch, or the XenBus device would hold two), then watched, which
     * makes it fire once. Nothing is done when it is no longer wanted or the monitor was made anew
     * meanwhile (which watched everything).
     */
    private void watchAgain(Monitor current, String path) {
        unanswered.remove(path);
        boolean wanted;
        synchronized (lock) {
            wanted = registry.watched().contains(path);
        }
        if (!wanted || monitor != current) {
            return;
        }
        try {
            current.unwatch(path, path);
        } catch (XenStoreTimeoutException e) {
            retryLater(path);
            return;
        } catch (XenStoreException e) {
            // ENOENT: the daemon never registered it
        }
        watchQuietly(path);
    }

    private void unwatchQuietly(String path) {
        try {
            monitor.unwatch(path, path);
            LOG.log(Level.INFO, "jxs: no longer watching {0} for EventAdmin", path);
        } catch (XenStoreException e) {
            LOG.log(Level.DEBUG, "jxs: unwatch {0}: {1}", path, e.getMessage());
        }
    }

    private void closeMonitor() {
        if (monitor != null) {
            overflowsOfEndedMonitors.add(monitor.overflows());
            monitor.close();
            monitor = null;
        }
    }

    private void onWatcher(Runnable task) {
        try {
            watcher.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "jxs: EventAdmin bridge: " + e.getMessage(), e);
                }
            });
        } catch (RejectedExecutionException deactivated) {
            // nothing more to watch
        }
    }

    /**
     * Posts an event, on the client's executor for callbacks: synchronously, so that while the handlers
     * are slow the next events wait, bounded, in the monitor.
     */
    private void post(WatchEvent event) {
        if (deactivated) {
            return;
        }
        try {
            eventAdmin.sendEvent(new Event(WatchEvents.TOPIC, Map.of(
                    WatchEvents.PATH, event.path(),
                    WatchEvents.WATCH, event.token())));
            delivered.increment();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "jxs: posting a watch event failed", e);
        }
    }
}
