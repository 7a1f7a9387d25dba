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

import io.jxs.connection.Connection;
import io.jxs.connection.Op;
import io.jxs.connection.Packet;
import io.jxs.connection.UnixSocketConnection;
import io.jxs.connection.XenBusConnection;
import io.jxs.protocol.Payloads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A thread-safe XenStore client over one {@link Router}: share one instance between threads; each
 * {@link #transaction()} and {@link #monitor()} is an object of its own over the same connection.
 *
 * <pre>{@code
 * try (Client client = new Client()) {
 *     client.write("/local/domain/0/name", "Domain-0");
 * }
 * try (Client client = Client.builder().unixSocket(Path.of("/run/xenstored/socket"))
 *         .requestTimeout(Duration.ofSeconds(5)).reconnect(Duration.ofSeconds(10)).build()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>The client connects on {@link #connect()} or at its first request; once closed it stays closed.
 */
public final class Client extends BlockingOperations implements XenStore, AutoCloseable {
    /** How long a request waits for its reply unless configured otherwise. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** How many times {@link #inTransaction} runs its body unless configured otherwise. */
    public static final int DEFAULT_TRANSACTION_ATTEMPTS = 16;
    /** How many undelivered events a monitor keeps before it overflows, unless configured otherwise. */
    public static final int DEFAULT_MAX_QUEUED_EVENTS = 10_000;
    /** The first pause between two attempts of a conflicting transaction. */
    private static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** The longest pause between two attempts of a conflicting transaction. */
    private static final long MAX_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(64);
    /** How long a thread of the client's own executor for watch callbacks waits for work before it ends. */
    private static final long CALLBACK_THREAD_IDLE_SECONDS = 30;
    /** Numbers the threads that run watch callbacks, for their names. */
    private static final AtomicInteger CALLBACK_THREADS = new AtomicInteger();

    private final boolean ownsRouter;
    private final int transactionAttempts;
    private final int maxQueuedEvents;
    /** Runs the callbacks of this client's monitors; never the thread that reads the connection. */
    private final Executor callbackExecutor;
    /** The executor this client made for itself and shuts down on close, or null when it was given one. */
    private final ExecutorService ownCallbackExecutor;
    private final Set<Monitor> monitors = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Creates a client of the daemon's Unix socket at the default path: {@code XENSTORED_PATH},
     * else {@code $XENSTORED_RUNDIR/socket}, else {@code /var/run/xenstored/socket}.
     */
    public Client() {
        this(builder());
    }

    /**
     * Creates a client over a router that may be shared with other clients; closing this client
     * leaves the router running.
     *
     * @param router the router
     */
    public Client(Router router) {
        this(builder().router(router));
    }

    private Client(Builder builder) {
        super(builder.router(), 0, Request.ANY_CONNECTION, builder.requestTimeout);
        this.ownsRouter = builder.router == null;
        this.transactionAttempts = builder.transactionAttempts;
        this.maxQueuedEvents = builder.maxQueuedEvents;
        this.ownCallbackExecutor = builder.callbackExecutor == null ? newCallbackExecutor() : null;
        this.callbackExecutor = builder.callbackExecutor != null ? builder.callbackExecutor : ownCallbackExecutor;
    }

    /**
     * Makes the client's own executor for watch callbacks: a thread per monitor that has events to deliver
     * at that moment, kept for a while when idle, none while no callback monitor has events.
     */
    private static ExecutorService newCallbackExecutor() {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, CALLBACK_THREAD_IDLE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "jxs-monitor-" + CALLBACK_THREADS.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Creates a client of a Unix socket.
     *
     * @param path the socket path
     * @return the client, not yet connected
     */
    public static Client unixSocket(String path) {
        return builder().unixSocket(Path.of(Objects.requireNonNull(path, "path"))).build();
    }

    /**
     * Creates a client of a XenBus character device.
     *
     * @param path the device; null or empty for {@code /dev/xen/xenbus}, falling back to
     *     {@code /proc/xen/xenbus}
     * @return the client, not yet connected
     */
    public static Client xenBus(String path) {
        return builder().xenBus(path == null || path.isEmpty() ? XenBusConnection.defaultPath() : Path.of(path)).build();
    }

    /**
     * Starts building a client; without an endpoint it uses the daemon's Unix socket at the default
     * path, as {@link #Client()} does.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The options of a {@link Client}; each setter checks its value at once. */
    public static final class Builder {
        private Connection connection;
        private Router router;
        private Duration reconnect;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int transactionAttempts = DEFAULT_TRANSACTION_ATTEMPTS;
        private int maxQueuedEvents = DEFAULT_MAX_QUEUED_EVENTS;
        private Executor callbackExecutor;

        private Builder() {
        }

        /**
         * Connects to the daemon's Unix socket.
         *
         * @param path the socket
         * @return this builder
         * @throws IllegalArgumentException when the path is null or another endpoint was given
         */
        public Builder unixSocket(Path path) {
            return endpoint(new UnixSocketConnection(checkNotNull(path, "unixSocket path")));
        }

        /**
         * Connects through a XenBus character device.
         *
         * @param path the device, for example {@link XenBusConnection#defaultPath()}
         * @return this builder
         * @throws IllegalArgumentException when the path is null or another endpoint was given
         */
        public Builder xenBus(Path path) {
            return endpoint(new XenBusConnection(checkNotNull(path, "xenBus path")));
        }

        /**
         * Uses a router shared with other clients; closing the client leaves it running. Its
         * reconnect behaviour is the router's own.
         *
         * @param shared the router
         * @return this builder
         * @throws IllegalArgumentException when the router is null or another endpoint was given
         */
        public Builder router(Router shared) {
            checkNotNull(shared, "router");
            checkNoEndpoint("router");
            this.router = shared;
            return this;
        }

        /**
         * Opens the connection again after a loss, pausing between attempts up to a maximum.
         * Requests in flight at the loss fail with {@link ConnectionException}; later ones wait for
         * the new connection within their timeout; monitors register their watches again.
         *
         * @param maxDelay the longest pause between two attempts
         * @return this builder
         * @throws IllegalArgumentException when the delay is not positive, or a shared router was given
         */
        public Builder reconnect(Duration maxDelay) {
            checkPositive(maxDelay, "reconnect delay");
            if (router != null) {
                throw new IllegalArgumentException("reconnect is set on the shared router, not on a client of it");
            }
            this.reconnect = maxDelay;
            return this;
        }

        /**
         * Sets how long a request waits for its reply, and connecting for the daemon.
         *
         * @param timeout a positive duration; {@link #DEFAULT_REQUEST_TIMEOUT} otherwise
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = checkPositive(timeout, "request timeout");
            return this;
        }

        /**
         * Sets how many times {@link Client#inTransaction} runs its body when the commit conflicts.
         *
         * @param attempts at least 1; {@link #DEFAULT_TRANSACTION_ATTEMPTS} otherwise
         * @return this builder
         * @throws IllegalArgumentException when it is less than 1
         */
        public Builder transactionAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("transaction attempts must be at least 1: " + attempts);
            }
            this.transactionAttempts = attempts;
            return this;
        }

        /**
         * Sets how many undelivered events each monitor keeps before it overflows (see
         * {@link Monitor}).
         *
         * @param events at least 1; {@link #DEFAULT_MAX_QUEUED_EVENTS} otherwise
         * @return this builder
         * @throws IllegalArgumentException when it is less than 1
         */
        public Builder maxQueuedEvents(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("max queued events must be at least 1: " + events);
            }
            this.maxQueuedEvents = events;
            return this;
        }

        /**
         * Runs the callbacks of the client's monitors ({@link XenStore#monitor(Consumer)}) on the given
         * executor instead of threads of the client's own. Each monitor hands it one task at a time, which
         * delivers the monitor's waiting events in order; monitors run side by side as far as the executor
         * lets them. It is called on the thread that reads the connection, so it must hand the task to
         * another thread and not wait (no caller-runs policy, no bounded queue that blocks). The client
         * does not shut it down.
         *
         * @param executor the executor
         * @return this builder
         * @throws IllegalArgumentException when it is null
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = checkNotNull(executor, "callback executor");
            return this;
        }

        /**
         * Creates the client, not yet connected.
         *
         * @return the client
         */
        public Client build() {
            return new Client(this);
        }

        private Builder endpoint(Connection endpoint) {
            checkNoEndpoint(endpoint.describe());
            this.connection = endpoint;
            return this;
        }

        private void checkNoEndpoint(String another) {
            if (connection != null || router != null) {
                throw new IllegalArgumentException("a client has one endpoint: "
                        + (router != null ? "a shared router" : connection.describe()) + " was given before " + another);
            }
        }

        private Router router() {
            if (router != null) {
                return router;
            }
            Connection endpoint = connection != null ? connection
                    : new UnixSocketConnection(UnixSocketConnection.defaultPath(System.getenv()));
            return new Router(endpoint, reconnect);
        }

        private static <T> T checkNotNull(T value, String what) {
            if (value == null) {
                throw new IllegalArgumentException(what + " must not be null");
            }
            return value;
        }

        private static Duration checkPositive(Duration value, String what) {
            checkNotNull(value, what);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + value);
            }
            return value;
        }
    }

    /**
     * Connects to the daemon (starts the router). Does nothing if already connected.
     *
     * @throws ConnectionException when the daemon cannot be reached within the request timeout, or
     *     the client is closed
     */
    public void connect() {
        if (closed) {
            throw new ConnectionException("client is closed");
        }
        router().start(requestTimeout());
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
     * Closes the client: its monitors end (their consumers get {@link ConnectionException}, callbacks
     * the events that waited) and, if the client created its router, the connection is closed. Always
     * returns.
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
        if (ownCallbackExecutor != null) {
            ownCallbackExecutor.shutdown(); // idle threads end at once, busy ones after what waited
        }
    }

    @Override
    void beforeRequest() {
        connect();
    }

    @Override
    public AsyncXenStore async() {
        return asyncOperations();
    }

    @Override
    public Transaction transaction() {
        // The transaction belongs to the connection its start went out on, whatever happened before.
        Request<Packet> start = callAnswered(Op.TRANSACTION_START, new byte[] {0}, "transaction start");
        byte[] reply = start.join().payload();
        long id;
        try {
            id = Payloads.number(reply);
        } catch (NumberFormatException e) {
            throw new UnexpectedPacketException("TRANSACTION_START answered '" + Payloads.single(reply) + "'");
        }
        if (id <= 0 || id > 0xffff_ffffL) {
            throw new UnexpectedPacketException("TRANSACTION_START answered the invalid id " + id);
        }
        return new ClientTransaction(router(), (int) id, start.generation(), requestTimeout());
    }

    @Override
    public <T> T inTransaction(Function<XenStoreOperations, T> body) {
        Objects.requireNonNull(body, "body");
        Backoff backoff = new Backoff(FIRST_RETRY_NANOS, MAX_RETRY_NANOS);
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
            pause(backoff.nextNanos());
        }
        throw conflict;
    }

    private static void pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("interrupted while retrying a transaction");
        }
    }

    @Override
    public Monitor monitor() {
        return register(new ClientMonitor(this, maxQueuedEvents, null, null, monitors::remove));
    }

    @Override
    public Monitor monitor(Consumer<WatchEvent> callback) {
        return register(new ClientMonitor(this, maxQueuedEvents, Objects.requireNonNull(callback, "callback"),
                callbackExecutor, monitors::remove));
    }

    private Monitor register(Monitor monitor) {
        monitors.add(monitor);
        if (closed) {
            monitor.close();
        }
        return monitor;
    }

    @Override
    public String control(String... args) {
        return await(awaitedOperations().control(args));
    }

    @Override
    public QuotaSettings quota() {
        return await(awaitedOperations().quota());
    }

    @Override
    public DomainQuota quota(int domid) {
        return await(awaitedOperations().quota(domid));
    }

    @Override
    public DomainAccess access(int domid, String path) {
        return await(awaitedOperations().access(domid, path));
    }

    @Override
    public DomainAccess access(int domid, int target, String path) {
        return await(awaitedOperations().access(domid, target, path));
    }

    /**
     * Returns the traffic trace of the client's router, shared with every client of that router: off
     * until started.
     *
     * @return the trace
     */
    public Trace trace() {
        return router().trace();
    }

    @Override
    public String toString() {
        return "Client[" + router() + "]";
    }
}
