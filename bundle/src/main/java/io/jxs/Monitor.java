package io.jxs;

import static io.jxs.internal.PathRules.checkWatchPath;
import static io.jxs.internal.PathRules.isInSubtree;

import io.jxs.internal.Payloads;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Registers watches and receives their events. Events reach only the monitor that registered the
 * watch, even when several monitors share a connection and use the same tokens; events for paths
 * this monitor no longer watches are dropped. As the protocol says, every watch fires once when it
 * is registered, and may fire spuriously: re-read the state on every event.
 *
 * <p>Consumers block in {@link #take()} or {@link #poll(long, TimeUnit)}; both throw
 * {@link ConnectionException} once the connection is lost or the client or monitor is closed, so
 * no consumer waits for ever.
 */
public final class Monitor implements AutoCloseable {
    private record Watch(String path, String token) {
    }

    private final Client client;
    private final Consumer<Monitor> onClose;
    private final String tokenPrefix;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    private final Router.Listener listener = new Router.Listener() {
        @Override
        public void watchEvent(WatchEvent event) {
            deliver(event);
        }

        @Override
        public void disconnected(ConnectionException cause) {
            end(cause);
        }
    };
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ConnectionException ended;

    Monitor(Client client, Consumer<Monitor> onClose) {
        this.client = client;
        this.onClose = onClose;
        // The token on the wire carries the monitor's number, so that monitors sharing a connection
        // never collide (the daemon refuses a second identical path and token with EEXIST).
        this.tokenPrefix = "jxs" + client.router().nextMonitorId() + ":";
        client.router().addListener(listener);
    }

    /**
     * Registers a watch. The daemon sends one event for it at once.
     *
     * @param path a node path, or {@code @introduceDomain} / {@code @releaseDomain}
     * @param token any text without NUL bytes, given back in every event of this watch
     * @throws InvalidPathException when the path is not valid; nothing is sent then
     * @throws IllegalArgumentException when the token contains a NUL byte; nothing is sent then
     * @throws XenStoreException {@code EEXIST} when this monitor already watches path and token;
     *     nothing is sent then
     */
    public void watch(String path, String token) {
        checkWatchPath(path);
        checkToken(token);
        Watch watch = new Watch(path, token);
        // Registered before the request, so that the event the daemon sends at once is not dropped.
        // Duplicates are refused here: the XenBus device would register a second watch, not say EEXIST.
        if (!watches.add(watch)) {
            throw new XenStoreException("EEXIST", "EEXIST: " + path + " is already watched with token '" + token + "'");
        }
        try {
            client.call(Op.WATCH, Payloads.strings(path, tokenPrefix + token), path);
        } catch (ConnectionException e) {
            // The daemon may or may not have registered it: keep it, so that close() removes it.
            throw e;
        } catch (RuntimeException e) {
            watches.remove(watch);
            throw e;
        }
    }

    /**
     * Removes a watch; events of it still on their way are dropped.
     *
     * @param path the path it was registered with
     * @param token its token
     * @throws XenStoreException {@code ENOENT} when there is no such watch
     */
    public void unwatch(String path, String token) {
        checkWatchPath(path);
        checkToken(token);
        Watch watch = new Watch(path, token);
        try {
            client.call(Op.UNWATCH, Payloads.strings(path, tokenPrefix + token), path);
            watches.remove(watch);
        } catch (XenStoreException e) {
            if ("ENOENT".equals(e.errorName())) {
                watches.remove(watch);
            }
            throw e;
        }
    }

    /**
     * Returns the paths this monitor watches.
     *
     * @return a snapshot of the watched paths
     */
    public Set<String> watched() {
        return watches.stream().map(Watch::path).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Waits for the next event.
     *
     * @return the event
     * @throws ConnectionException when the connection is lost or the client or monitor is closed
     * @throws InterruptedException when the waiting thread is interrupted
     */
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

    /**
     * Waits for the next event, at most for the given time.
     *
     * @param timeout how long to wait
     * @param unit the unit of {@code timeout}
     * @return the event, or null when none came in time
     * @throws ConnectionException when the connection is lost or the client or monitor is closed
     * @throws InterruptedException when the waiting thread is interrupted
     */
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

    /**
     * Removes every watch of this monitor (when still connected) and ends it: consumers waiting in
     * {@link #take()} get {@link ConnectionException}. Always returns.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (client.isConnected()) {
            for (Watch watch : Set.copyOf(watches)) {
                try {
                    unwatch(watch.path(), watch.token());
                } catch (XenStoreException e) {
                    // Best effort: the watch goes away with the connection anyway.
                }
            }
        }
        watches.clear();
        client.router().removeListener(listener);
        end(new ConnectionException("monitor is closed"));
        onClose.accept(this);
    }

    private void deliver(WatchEvent wire) {
        if (wire.token().startsWith(tokenPrefix)) {
            WatchEvent event = new WatchEvent(wire.path(), wire.token().substring(tokenPrefix.length()));
            if (isWatched(event)) {
                events.offer(event);
            }
        }
    }

    /** Tells whether a watch of this monitor covers the event; checked again when it is consumed. */
    private boolean isWatched(WatchEvent event) {
        for (Watch watch : watches) {
            if (watch.token().equals(event.token()) && isInSubtree(watch.path(), event.path())) {
                return true;
            }
        }
        return false;
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
