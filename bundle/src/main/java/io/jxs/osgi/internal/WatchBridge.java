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

import io.jxs.WatchEvent;
import io.jxs.XenStore;
import io.jxs.XenStoreException;
import io.jxs.event.WatchEvents;
import io.jxs.internal.PathRules;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.framework.ServiceReference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts XenStore watch events to EventAdmin on {@link WatchEvents#TOPIC}.
 *
 * <p>The watched paths come from the configuration ({@code watches}), from JMX
 * ({@link #watch(String)}) and from every {@code EventHandler} service that carries the property
 * {@link WatchEvents#WATCH_PROPERTY}, for as long as it is registered. The watches live on the
 * published {@link XenStore}: when it comes back after a lost connection, all are registered again.
 *
 * <p>A plain object owned by {@link XenStoreComponent} while an EventAdmin is there, which hands it
 * the published store and the event handlers.
 */
final class WatchBridge {
    private static final System.Logger LOG = System.getLogger(WatchBridge.class.getName());
    private static final String CONFIGURATION = "configuration";
    private static final String JMX = "jmx";

    private final EventAdmin eventAdmin;
    private final Object lock = new Object();
    private final WatchRegistry registry = new WatchRegistry(); // guarded by lock
    private final LongAdder delivered = new LongAdder();
    private WatchSession session; // guarded by lock
    private boolean active = true; // guarded by lock

    /**
     * Creates the bridge.
     *
     * @param eventAdmin where events go
     * @param config the configuration, for its watched paths
     */
    WatchBridge(EventAdmin eventAdmin, XenStoreConfig config) {
        this.eventAdmin = eventAdmin;
        setPaths(CONFIGURATION, paths(config.watches()));
    }

    /**
     * Takes the watched paths of a changed configuration.
     *
     * @param config the new configuration
     */
    void modified(XenStoreConfig config) {
        setPaths(CONFIGURATION, paths(config.watches()));
    }

    /** Ends the bridge: its watches are removed and nothing more is posted. */
    void deactivate() {
        WatchSession ended;
        synchronized (lock) {
            active = false;
            ended = session;
            session = null;
        }
        if (ended != null) {
            ended.close();
        }
    }

    /**
     * Starts watching on a published store.
     *
     * @param store the store just published
     */
    void bindStore(XenStore store) {
        WatchSession ended;
        synchronized (lock) {
            ended = session;
            session = active ? new WatchSession(store, lock, registry::watched, this::post) : null;
        }
        if (ended != null) {
            ended.close();
        }
    }

    /**
     * Stops watching on the store, which is being unpublished.
     *
     * @param store the store
     */
    void unbindStore(XenStore store) {
        WatchSession ended;
        synchronized (lock) {
            ended = session;
            session = null;
        }
        if (ended != null) {
            ended.close();
        }
    }

    /**
     * Watches the paths of an event handler's {@link WatchEvents#WATCH_PROPERTY}.
     *
     * @param handler the handler's service reference
     */
    void addHandler(ServiceReference<?> handler) {
        setPaths(handler, paths(handler.getProperty(WatchEvents.WATCH_PROPERTY)));
    }

    /**
     * Follows a change of an event handler's {@link WatchEvents#WATCH_PROPERTY}.
     *
     * @param handler the handler's service reference
     */
    void updateHandler(ServiceReference<?> handler) {
        setPaths(handler, paths(handler.getProperty(WatchEvents.WATCH_PROPERTY)));
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
     * Watches a path on behalf of JMX.
     *
     * @param path the path
     * @throws io.jxs.InvalidPathException when the path is not valid
     * @throws XenStoreException when the daemon refuses the watch; the path is not kept then
     */
    void watch(String path) {
        PathRules.checkWatchPath(path);
        synchronized (lock) {
            Set<String> mine = new LinkedHashSet<>(registry.paths(JMX));
            if (!mine.add(path)) {
                return;
            }
            boolean added = registry.set(JMX, mine).added().contains(path);
            if (added && session != null) {
                try {
                    session.watch(path);
                } catch (XenStoreException e) {
                    mine.remove(path);
                    registry.set(JMX, mine);
                    throw e;
                }
            }
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
     * Returns how many events were posted.
     *
     * @return the count since the bundle started
     */
    long delivered() {
        return delivered.sum();
    }

    private void setPaths(Object source, Set<String> paths) {
        synchronized (lock) {
            WatchRegistry.Change change = registry.set(source, paths);
            if (session != null) {
                change.removed().forEach(session::unwatch);
                for (String path : change.added()) {
                    try {
                        session.watch(path);
                    } catch (XenStoreException e) {
                        LOG.log(Level.WARNING, "jxs: cannot watch {0}: {1}", path, e.getMessage());
                    }
                }
            }
        }
    }

    private void post(WatchEvent event) {
        eventAdmin.postEvent(new Event(WatchEvents.TOPIC, Map.of(
                WatchEvents.PATH, event.path(),
                WatchEvents.WATCH, event.token(),
                WatchEvents.TOKEN, event.token())));
        delivered.increment();
    }

    /**
     * Reads paths from a configuration or service property: a string, an array or a collection, each
     * string possibly holding several paths separated by commas. Invalid paths are logged and left out.
     */
    static Set<String> paths(Object value) {
        Set<String> result = new LinkedHashSet<>();
        if (value instanceof String text) {
            for (String part : text.split(",")) {
                add(result, part.trim());
            }
        } else if (value instanceof Object[] array) {
            Arrays.stream(array).forEach(item -> result.addAll(paths(item)));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(item -> result.addAll(paths(item)));
        }
        return result;
    }

    private static void add(Set<String> result, String path) {
        if (path.isEmpty()) {
            return;
        }
        try {
            result.add(PathRules.checkWatchPath(path));
        } catch (XenStoreException e) {
            LOG.log(Level.WARNING, "jxs: not watching {0}", e.getMessage());
        }
    }
}
