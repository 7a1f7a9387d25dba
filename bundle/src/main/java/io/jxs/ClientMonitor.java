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

import static io.jxs.PathRules.checkWatchPath;
import static io.jxs.PathRules.isInSubtree;

import io.jxs.connection.Op;
import io.jxs.protocol.Payloads;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The {@link Monitor} of a client: its watches carry a token prefix of their own on the wire, so that
 * monitors sharing a connection never see each other's events. Events go from the reading thread
 * through one {@link WatchEventQueue} to the consumer; after a reconnection the watches are registered
 * again through the client's asynchronous operations, as any other request, each within the request
 * timeout.
 */
final class ClientMonitor implements Monitor {
    private static final System.Logger LOG = System.getLogger(Monitor.class.getName());

    private final BlockingOperations operations;
    private final Router router;
    private final Consumer<Monitor> onClose;
    private final String tokenPrefix;
    /** The watched paths of each token; a watch is added before its request, so its first event is kept. */
    private final Map<String, Set<String>> watches = new ConcurrentHashMap<>();
    private final WatchEventQueue events;
    private final Router.Listener listener = new Router.Listener() {
        @Override
        public void watchEvent(WatchEvent event) {
            deliver(event);
        }

        @Override
        public void disconnected(ConnectionException cause) {
            if (router.isTerminated()) {
                events.end(cause);
            }
        }

        @Override
        public void reconnected() {
            registerAgain();
        }
    };
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates a monitor.
     *
     * @param operations the client's blocking operations, which send the watches
     * @param capacity how many undelivered events it keeps before it overflows
     * @param callback receives the events on {@code executor}; null for a monitor drained with {@link #take()}
     * @param executor runs the callback; null without one
     * @param onClose told when the monitor is closed
     */
    ClientMonitor(BlockingOperations operations, int capacity, Consumer<WatchEvent> callback, Executor executor,
            Consumer<Monitor> onClose) {
        this.operations = operations;
        this.router = operations.router();
        this.onClose = onClose;
        this.events = new WatchEventQueue(capacity, this::isWatched, this::oneEventPerWatch, callback, executor);
        // The token on the wire carries the monitor's number, so that monitors sharing a connection
        // never collide (the daemon refuses a second identical path and token with EEXIST).
        this.tokenPrefix = "jxs" + router.nextMonitorId() + ":";
        router.addListener(listener);
    }

    @Override
    public void watch(String path, String token) {
        checkWatchPath(path);
        checkToken(token);
        // Registered before the request, so that the event the daemon sends at once is not dropped.
        // Duplicates are refused here: the XenBus device would register a second watch, not say EEXIST.
        boolean[] added = new boolean[1];
        watches.compute(token, (t, paths) -> {
            Set<String> all = paths != null ? paths : ConcurrentHashMap.newKeySet();
            added[0] = all.add(path);
            return all;
        });
        if (!added[0]) {
            throw new XenStoreException("EEXIST", "EEXIST: " + path + " is already watched with token '" + token + "'");
        }
        try {
            operations.call(Op.WATCH, Payloads.strings(path, tokenPrefix + token), path);
        } catch (ConnectionException | XenStoreTimeoutException e) {
            // The daemon may or may not have registered it (late): keep it, so that its events arrive and
            // close() removes it.
            throw e;
        } catch (RuntimeException e) {
            forget(path, token);
            throw e;
        }
    }

    @Override
    public void unwatch(String path, String token) {
        checkWatchPath(path);
        checkToken(token);
        try {
            operations.call(Op.UNWATCH, Payloads.strings(path, tokenPrefix + token), path);
            forget(path, token);
        } catch (XenStoreException e) {
            if ("ENOENT".equals(e.errorName())) {
                forget(path, token);
            }
            throw e;
        }
    }

    @Override
    public Set<String> watched() {
        return watches.values().stream().flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public long overflows() {
        return events.overflows();
    }

    @Override
    public WatchEvent take() throws InterruptedException {
        return events.take(-1);
    }

    @Override
    public WatchEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        return events.take(Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (router.isConnected()) {
            watches.forEach((token, paths) -> {
                for (String path : Set.copyOf(paths)) {
                    try {
                        unwatch(path, token);
                    } catch (XenStoreException e) {
                        // Best effort: the watch goes away with the connection anyway.
                    }
                }
            });
        }
        watches.clear();
        router.removeListener(listener);
        events.end(new ConnectionException("monitor is closed"));
        onClose.accept(this);
    }

    /** Called on the thread that reads the connection (see {@link Router}): never blocks. */
    private void deliver(WatchEvent wire) {
        if (!wire.token().startsWith(tokenPrefix)) {
            return;
        }
        WatchEvent event = new WatchEvent(wire.path(), wire.token().substring(tokenPrefix.length()));
        if (isWatched(event)) {
            events.offer(event);
        }
    }

    /** What replaces the waiting events on an overflow: one per watch, with its own path and token. */
    private Collection<WatchEvent> oneEventPerWatch() {
        List<WatchEvent> all = new ArrayList<>();
        watches.forEach((token, paths) -> paths.forEach(path -> all.add(new WatchEvent(path, token))));
        return all;
    }

    /**
     * Registers every watch again on a new connection (called on the thread that tells the router's
     * listeners, which must not wait): sent through the client's asynchronous operations, each with the
     * request timeout as its deadline, and not waited for; a failure is logged.
     */
    private void registerAgain() {
        AsyncOperations async = operations.asyncOperations();
        watches.forEach((token, paths) -> paths.forEach(path -> {
            try {
                async.request(Op.WATCH, Payloads.strings(path, tokenPrefix + token), path, reply -> null)
                        .whenComplete((done, error) -> {
                            if (error != null) {
                                LOG.log(Level.WARNING, "jxs: watching {0} again after reconnecting failed: {1}", path,
                                        AsyncOperations.unwrap(error).getMessage());
                            }
                        });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "jxs: watching {0} again after reconnecting failed: {1}", path, e.getMessage());
            }
        }));
    }

    /** Tells whether a watch of this monitor covers the event; checked again when it is consumed. */
    private boolean isWatched(WatchEvent event) {
        Set<String> paths = watches.get(event.token());
        if (paths != null) {
            for (String path : paths) {
                if (isInSubtree(path, event.path())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void forget(String path, String token) {
        watches.computeIfPresent(token, (t, paths) -> {
            paths.remove(path);
            return paths.isEmpty() ? null : paths;
        });
    }

    private static void checkToken(String token) {
        Objects.requireNonNull(token, "token");
        if (token.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("watch token contains a NUL byte: '" + token.replace('\0', '|') + "'");
        }
    }
}
