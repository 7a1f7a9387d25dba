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
import io.jxs.connection.Packet;
import io.jxs.protocol.Payloads;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The {@link Monitor} of a client: its watches carry a token prefix of their own on the wire, so that
 * monitors sharing a connection never see each other's events.
 */
final class ClientMonitor implements Monitor {
    private static final System.Logger LOG = System.getLogger(Monitor.class.getName());

    private final BlockingOperations operations;
    private final Router router;
    private final Consumer<Monitor> onClose;
    private final String tokenPrefix;
    private final int capacity;
    /** The watched paths of each token. */
    private final Map<String, Set<String>> watches = new ConcurrentHashMap<>();
    private final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    private final LongAdder overflows = new LongAdder();
    private final Router.Listener listener = new Router.Listener() {
        @Override
        public void watchEvent(WatchEvent event) {
            deliver(event);
        }

        @Override
        public void disconnected(ConnectionException cause) {
            if (router.isTerminated()) {
                end(cause);
            }
        }

        @Override
        public void reconnected() {
            registerAgain();
        }
    };
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ConnectionException ended;

    /**
     * Creates a monitor.
     *
     * @param operations the client's blocking operations, which send the watches
     * @param capacity how many undelivered events it keeps before it overflows
     * @param callback receives the events on a thread of the monitor's own; null for a monitor drained
     *     with {@link #take()}
     * @param onClose told when the monitor is closed
     */
    ClientMonitor(BlockingOperations operations, int capacity, Consumer<WatchEvent> callback, Consumer<Monitor> onClose) {
        this.operations = operations;
        this.router = operations.router();
        this.onClose = onClose;
        this.capacity = capacity;
        // The token on the wire carries the monitor's number, so that monitors sharing a connection
        // never collide (the daemon refuses a second identical path and token with EEXIST).
        int number = router.nextMonitorId();
        this.tokenPrefix = "jxs" + number + ":";
        router.addListener(listener);
        if (callback != null) {
            Thread thread = new Thread(() -> runCallback(callback), "jxs-monitor-" + number);
            thread.setDaemon(true);
            thread.start();
        }
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
        return overflows.sum();
    }

    @Override
    public WatchEvent take() throws InterruptedException {
        while (true) {
            WatchEvent event = events.poll();
            if (event == null) {
                checkNotEnded();
                event = events.take();
            }
            if (event == END) {
                events.offer(END);
                checkNotEnded();
            } else if (isWatched(event)) {
                return event;
            }
        }
    }

    @Override
    public WatchEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            WatchEvent event = events.poll();
            if (event == null) {
                checkNotEnded();
                event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            if (event == null) {
                return null;
            }
            if (event == END) {
                events.offer(END);
                checkNotEnded();
            } else if (isWatched(event)) {
                return event;
            }
        }
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
        end(new ConnectionException("monitor is closed"));
        onClose.accept(this);
    }

    /** Called on the thread that reads the connection (see {@link Router}): never blocks. */
    private void deliver(WatchEvent wire) {
        if (!wire.token().startsWith(tokenPrefix)) {
            return;
        }
        WatchEvent event = new WatchEvent(wire.path(), wire.token().substring(tokenPrefix.length()));
        if (!isWatched(event)) {
            return;
        }
        if (events.size() >= capacity) {
            overflow();
        } else {
            events.offer(event);
        }
    }

    private void overflow() {
        events.clear();
        overflows.increment();
        watches.forEach((token, paths) -> paths.forEach(path -> events.offer(new WatchEvent(path, token))));
        if (ended != null) {
            events.offer(END);
        }
        LOG.log(Level.WARNING, "jxs: more than {0} watch events waited undelivered; replaced them with one event per watch",
                capacity);
    }

    /** Registers every watch again on a new connection, without waiting for the replies (reader thread). */
    private void registerAgain() {
        watches.forEach((token, paths) -> paths.forEach(path ->
                router.send(new Packet(Op.WATCH, 0, 0, Payloads.strings(path, tokenPrefix + token)))
                        .whenComplete((reply, error) -> {
                            if (error != null || reply.op() == Op.ERROR) {
                                LOG.log(Level.WARNING, "jxs: watching {0} again after reconnecting failed: {1}", path,
                                        error != null ? error.getMessage() : Payloads.single(reply.payload()));
                            }
                        })));
    }

    private void runCallback(Consumer<WatchEvent> callback) {
        while (true) {
            WatchEvent event;
            try {
                event = take();
            } catch (ConnectionException | InterruptedException e) {
                return;
            }
            try {
                callback.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "jxs: watch callback failed on " + event, e);
            }
        }
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

    private void end(ConnectionException cause) {
        if (ended == null) {
            ended = cause;
            events.offer(END);
        }
    }

    private void checkNotEnded() {
        ConnectionException cause = ended;
        if (cause != null) {
            throw new ConnectionException(cause.getMessage(), cause);
        }
    }

    /** Marks the end of the event stream in the queue, to wake a blocked consumer. */
    private static final WatchEvent END = new WatchEvent("", "");
}
