package io.jxs;

import io.jxs.connection.Connection;
import io.jxs.internal.PacketCodec.UnknownOpException;
import io.jxs.internal.Payloads;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Multiplexes requests and watch events over one {@link Connection}.
 *
 * <p>Callers on any thread {@link #send(Packet)} requests; each gets a fresh request id and is
 * written at once, so many requests are in flight together (pipelined). One background thread
 * reads every packet: replies complete the future of their request id, watch events go to the
 * {@link Listener}s. When the connection ends, every pending and later request fails promptly with
 * {@link ConnectionException}. Several {@link Client}s may share one router.
 */
public final class Router {
    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    /** Receives what the reader thread sees besides replies; called on that thread, so keep it short. */
    public interface Listener {
        /**
         * A watch event arrived, with the token exactly as it came over the wire.
         *
         * @param event the event
         */
        void watchEvent(WatchEvent event);

        /**
         * The connection ended; no more events will come.
         *
         * @param cause why
         */
        void disconnected(ConnectionException cause);
    }

    private enum State { NEW, RUNNING, TERMINATED }

    private record Pending(Op op, CompletableFuture<Packet> reply) {
    }

    private final Connection connection;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger lastRqId = new AtomicInteger();
    private final AtomicInteger lastMonitorId = new AtomicInteger();
    private volatile State state = State.NEW;
    private volatile ConnectionException failure;
    private Thread reader;

    /**
     * Creates a router over a connection; nothing is opened until {@link #start()}.
     *
     * @param connection the transport
     */
    public Router(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * Connects (if the connection is not open yet) and starts the reader thread. Does nothing when
     * already started.
     *
     * @throws ConnectionException when the daemon cannot be reached, or the router was terminated
     */
    public void start() {
        if (state == State.RUNNING) {
            return; // the common case, on every request: no lock
        }
        startReader();
    }

    private synchronized void startReader() {
        if (state == State.RUNNING) {
            return;
        }
        if (state == State.TERMINATED) {
            throw new ConnectionException("router for " + connection.describe() + " is terminated",
                    failure);
        }
        connection.connect();
        state = State.RUNNING;
        reader = new Thread(this::readLoop, "jxs-router " + connection.describe());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Closes the connection and stops the reader thread; pending requests fail with
     * {@link ConnectionException}. Safe to call more than once and from any thread.
     */
    public void terminate() {
        Thread thread;
        synchronized (this) {
            if (state == State.TERMINATED) {
                return;
            }
            state = State.TERMINATED;
            thread = reader;
        }
        connection.close();
        shutDown(new ConnectionException("connection to " + connection.describe() + " was closed"));
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Tells whether the router is running over an open connection.
     *
     * @return true while requests can be sent
     */
    public boolean isConnected() {
        return state == State.RUNNING && failure == null && connection.isConnected();
    }

    /**
     * Returns the connection this router reads and writes.
     *
     * @return the connection
     */
    public Connection connection() {
        return connection;
    }

    /**
     * Sends a request. The router replaces the packet's request id with a fresh one of its own.
     *
     * <p>The future is completed on the reader thread: actions chained to it with the non-async
     * methods run there and hold up every other reply and event until they return, so they must not
     * block (in particular, must not wait for another reply).
     *
     * @param packet the request
     * @return completes with the reply (possibly an {@link Op#ERROR} packet); fails with
     *     {@link ConnectionException} when the connection ends first, or with
     *     {@link UnexpectedPacketException} when the reply has the wrong type
     * @throws InvalidPayloadException when the payload is larger than the transport allows; nothing
     *     is written then
     */
    public CompletableFuture<Packet> send(Packet packet) {
        checkPayload(packet.op(), packet.payload());
        if (state != State.RUNNING || failure != null) {
            return CompletableFuture.failedFuture(notRunning());
        }
        int rqId = nextRqId();
        Pending request = new Pending(packet.op(), new CompletableFuture<>());
        pending.put(rqId, request);
        request.reply().whenComplete((reply, error) -> pending.remove(rqId, request));
        if (failure != null) {
            // The reader ended between the check above and registration: do not wait for it.
            request.reply().completeExceptionally(failure);
            return request.reply();
        }
        try {
            connection.write(packet.withRqId(rqId));
        } catch (XenStoreException e) {
            request.reply().completeExceptionally(e);
        }
        return request.reply();
    }

    /**
     * Adds a listener for watch events and the end of the connection.
     *
     * @param listener the listener
     */
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        ConnectionException ended = failure;
        if (ended != null) {
            listener.disconnected(ended);
        }
    }

    /**
     * Removes a listener.
     *
     * @param listener the listener
     */
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /**
     * Checks that a payload fits the transport.
     *
     * @param op the request's type, for the message
     * @param payload the payload
     * @throws InvalidPayloadException when it is larger than the transport allows
     */
    void checkPayload(Op op, byte[] payload) {
        int max = connection.maxPayload();
        if (payload.length > max) {
            throw new InvalidPayloadException(op + " payload of " + payload.length
                    + " bytes exceeds the maximum of " + max + " bytes");
        }
    }

    /**
     * Returns a number unique among this router's monitors, to keep their watch tokens apart.
     *
     * @return a positive number
     */
    int nextMonitorId() {
        return lastMonitorId.incrementAndGet();
    }

    private int nextRqId() {
        int id;
        do {
            id = lastRqId.incrementAndGet();
        } while (id == 0 || pending.containsKey(id));
        return id;
    }

    private ConnectionException notRunning() {
        if (failure != null) {
            return new ConnectionException(failure.getMessage(), failure);
        }
        return new ConnectionException(state == State.NEW
                ? "not connected to " + connection.describe() : "connection to " + connection.describe() + " was closed");
    }

    private void readLoop() {
        ConnectionException cause = null;
        try {
            while (cause == null) {
                try {
                    dispatch(connection.read());
                } catch (UnknownOpException e) {
                    fail(e.rqId(), e);
                } catch (ConnectionException e) {
                    cause = e;
                } catch (RuntimeException e) {
                    // A packet that cannot be framed leaves the stream out of step: the connection is lost.
                    cause = new ConnectionException("connection to " + connection.describe() + " failed: "
                            + e.getMessage(), e);
                }
            }
        } finally {
            // Also reached when an Error ends the thread: nobody may be left waiting for this reader.
            connection.close();
            shutDown(state == State.TERMINATED || cause == null
                    ? new ConnectionException("connection to " + connection.describe() + " was closed") : cause);
        }
    }

    private void dispatch(Packet packet) {
        if (packet.op() == Op.WATCH_EVENT) {
            List<String> parts = Payloads.split(packet.payload());
            if (parts.size() < 2) {
                LOG.log(Level.WARNING, "ignoring malformed watch event {0}", packet);
                return;
            }
            WatchEvent event = new WatchEvent(parts.get(0), parts.get(1));
            for (Listener listener : listeners) {
                try {
                    listener.watchEvent(event);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "watch listener failed on " + event, e);
                }
            }
            return;
        }
        Pending request = pending.get(packet.rqId());
        if (request == null) {
            LOG.log(Level.DEBUG, "ignoring reply to no pending request: {0}", packet);
            return;
        }
        if (packet.op() == request.op() || packet.op() == Op.ERROR) {
            request.reply().complete(packet);
        } else {
            request.reply().completeExceptionally(new UnexpectedPacketException(
                    "expected a " + request.op() + " reply, got " + packet));
        }
    }

    private void fail(int rqId, XenStoreException e) {
        Pending request = pending.get(rqId);
        if (request != null) {
            request.reply().completeExceptionally(e);
        }
    }

    private void shutDown(ConnectionException cause) {
        synchronized (this) {
            if (failure != null) {
                return;
            }
            failure = cause;
        }
        for (Pending request : pending.values()) {
            request.reply().completeExceptionally(cause);
        }
        for (Listener listener : listeners) {
            try {
                listener.disconnected(cause);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "listener failed on disconnect", e);
            }
        }
    }

    @Override
    public String toString() {
        return "Router[" + connection.describe() + ", " + (isConnected() ? "connected" : state.name().toLowerCase()) + "]";
    }
}
