package io.jxs;

import io.jxs.connection.UnixSocketConnection;
import io.jxs.connection.XenBusConnection;
import io.jxs.internal.Payloads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * A thread-safe XenStore client over one {@link Router}: share one instance between threads; each
 * {@link #transaction()} and {@link #monitor()} is an object of its own over the same connection.
 *
 * <pre>{@code
 * try (Client client = new Client()) {
 *     client.connect();
 *     client.write("/local/domain/0/name", "Domain-0");
 * }
 * }</pre>
 *
 * <p>The client connects on {@link #connect()} or at its first request; once closed it stays closed.
 */
public final class Client extends AbstractXenStore implements AutoCloseable {
    /** How long a request waits for its reply unless configured otherwise. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** How many times {@link #inTransaction} runs its body unless configured otherwise. */
    public static final int DEFAULT_TRANSACTION_ATTEMPTS = 16;

    private final boolean ownsRouter;
    private final int transactionAttempts;
    private final Set<Monitor> monitors = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Creates a client of the daemon's Unix socket at the default path: {@code XENSTORED_PATH},
     * else {@code $XENSTORED_RUNDIR/socket}, else {@code /var/run/xenstored/socket}.
     */
    public Client() {
        this(new Router(new UnixSocketConnection(UnixSocketConnection.defaultPath(System.getenv()))), true,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_TRANSACTION_ATTEMPTS);
    }

    /**
     * Creates a client over a router that may be shared with other clients; closing this client
     * leaves the router running.
     *
     * @param router the router
     */
    public Client(Router router) {
        this(router, DEFAULT_REQUEST_TIMEOUT, DEFAULT_TRANSACTION_ATTEMPTS);
    }

    /**
     * Creates a client over a router that may be shared, with its own limits.
     *
     * @param router the router; closing this client leaves it running
     * @param requestTimeout how long a request waits for its reply before failing with
     *     {@link ConnectionException}
     * @param transactionAttempts how many times {@link #inTransaction} runs its body, at least 1;
     *     between attempts it waits a random while that grows with the attempts
     * @throws IllegalArgumentException when a limit is not positive
     */
    public Client(Router router, Duration requestTimeout, int transactionAttempts) {
        this(router, false, requestTimeout, transactionAttempts);
    }

    private Client(Router router, boolean ownsRouter, Duration requestTimeout, int transactionAttempts) {
        super(Objects.requireNonNull(router, "router"), 0, Objects.requireNonNull(requestTimeout, "requestTimeout"));
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
        }
        if (transactionAttempts < 1) {
            throw new IllegalArgumentException("transaction attempts must be at least 1: " + transactionAttempts);
        }
        this.ownsRouter = ownsRouter;
        this.transactionAttempts = transactionAttempts;
    }

    /**
     * Creates a client of a Unix socket.
     *
     * @param path the socket path
     * @return the client, not yet connected
     */
    public static Client unixSocket(String path) {
        return new Client(new Router(new UnixSocketConnection(Path.of(path))), true,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_TRANSACTION_ATTEMPTS);
    }

    /**
     * Creates a client of a XenBus character device.
     *
     * @param path the device; null or empty for {@code /dev/xen/xenbus}, falling back to
     *     {@code /proc/xen/xenbus}
     * @return the client, not yet connected
     */
    public static Client xenBus(String path) {
        Path device = path == null || path.isEmpty() ? XenBusConnection.defaultPath() : Path.of(path);
        return new Client(new Router(new XenBusConnection(device)), true,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_TRANSACTION_ATTEMPTS);
    }

    /**
     * Connects to the daemon (starts the router). Does nothing if already connected.
     *
     * @throws ConnectionException when the daemon cannot be reached, or the client is closed
     */
    public void connect() {
        if (closed) {
            throw new ConnectionException("client is closed");
        }
        router().start();
    }

    /**
     * Tells whether the client can send requests.
     *
     * @return true while connected
     */
    public boolean isConnected() {
        return !closed && router().isConnected();
    }

    /**
     * Closes the client: its monitors end (their consumers get {@link ConnectionException}) and, if
     * the client created its router, the connection is closed. Always returns.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (ownsRouter) {
            closed = true;
            router().terminate();
        }
        // On a shared router the monitors unwatch while the client can still send; on its own
        // router they just end.
        for (Monitor monitor : monitors) {
            monitor.close();
        }
        closed = true;
    }

    @Override
    void beforeRequest() {
        if (closed) {
            throw new ConnectionException("client is closed");
        }
        router().start();
    }

    @Override
    public Transaction transaction() {
        long id = Payloads.number(call(Op.TRANSACTION_START, new byte[] {0}, "transaction start").payload());
        if (id <= 0 || id > 0xffff_ffffL) {
            throw new UnexpectedPacketException("TRANSACTION_START answered the invalid id " + id);
        }
        return new ClientTransaction(this, (int) id);
    }

    @Override
    public <T> T inTransaction(Function<XenStore, T> body) {
        Objects.requireNonNull(body, "body");
        XenStoreException conflict = null;
        for (int attempt = 1; attempt <= transactionAttempts; attempt++) {
            try (Transaction transaction = transaction()) {
                T result = body.apply(transaction);
                if (transaction.commit()) {
                    return result;
                }
                conflict = new XenStoreException("EAGAIN", "EAGAIN: transaction " + transaction.id()
                        + " conflicted in attempt " + attempt + " of " + transactionAttempts);
            } catch (XenStoreException e) {
                if (!"EAGAIN".equals(e.errorName())) {
                    throw e;
                }
                conflict = e;
            }
            backOff(attempt);
        }
        throw conflict;
    }

    /** Waits a random while, growing with the attempts, so that conflicting writers spread out. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1 << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("interrupted while retrying a transaction");
        }
    }

    @Override
    public Monitor monitor() {
        Monitor monitor = new Monitor(this, monitors::remove);
        monitors.add(monitor);
        if (closed) {
            monitor.close();
        }
        return monitor;
    }

    @Override
    public String toString() {
        return "Client[" + router() + "]";
    }
}
