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

import io.jxs.Client;
import io.jxs.ConnectionException;
import io.jxs.Router;
import io.jxs.Trace;
import io.jxs.XenStore;
import io.jxs.connection.Op;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Hashtable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * Owns the container's one connection to the daemon (the singleton {@link Router}) and publishes the
 * {@link XenStore} service over it while it is connected.
 *
 * <p>The router reconnects by itself (the library's reconnect, with the configured maximum delay),
 * also when the daemon is not there at the start: the connector only follows it, publishing the
 * service when the router is connected and withdrawing it when the connection is lost. A
 * configuration change connects to the new endpoint first and then moves the published service over
 * to it, so consumers holding the service keep a working object; the move registers the service anew,
 * so that consumers make again the monitors and transactions that ended with the old connection. Publishing and configuration
 * changes happen on one thread of the connector's own, which also tells a {@link Listener} when the
 * service is registered and unregistered; no lock is held across a call to the daemon.
 *
 * <p>A plain object owned by {@link XenStoreComponent}: it is not an OSGi service itself.
 */
final class XenStoreConnector {
    /** Told, on the connector's thread, when the {@link XenStore} service comes and goes. */
    interface Listener {
        /**
         * The service was registered: at the first connection, after a reconnection, or after a move to
         * a new connection (which {@link #unpublished()} precedes). Monitors and transactions made on it
         * before ended with the old connection: make them again.
         *
         * @param store the published store
         */
        void published(XenStore store);

        /** The service was unregistered: the connection was lost or the connector is closing. */
        void unpublished();
    }

    /** Service property of the published {@link XenStore}: {@code socket} or {@code xenbus}. */
    public static final String TRANSPORT_PROPERTY = "xenstore.transport";
    /** Service property of the published {@link XenStore}: the socket or device path. */
    public static final String PATH_PROPERTY = "xenstore.path";

    private static final System.Logger LOG = System.getLogger(XenStoreConnector.class.getName());

    private final BundleContext context;
    private final Listener listener;
    private final SharedXenStore shared = new SharedXenStore();
    private final Statistics statistics = new Statistics();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "jxs-connector");
        thread.setDaemon(true);
        return thread;
    });

    // Confined to the executor thread.
    private XenStoreConfig config;
    private Connection current;
    private ServiceRegistration<XenStore> registration;

    // Read by the management view from any thread.
    private volatile Connection shown;
    private volatile String lastError = "not connected yet";
    private volatile String refusedConfiguration = "";

    // The traffic trace, carried over to each new connection's router: a Dekker pair with newest. A connection
    // publishes itself in newest, then reads traceCapacity; traceStart writes traceCapacity, then reads newest.
    // So either the new connection sees the capacity, or traceStart sees the new connection (or both).
    private volatile int traceCapacity;
    private volatile Connection newest;

    /** One configuration's router and client, with the endpoint they reach. */
    private final class Connection implements Router.Listener {
        final Endpoint endpoint;
        final Router router;
        final Client client;

        Connection(Endpoint endpoint, XenStoreConfig config) {
            this.endpoint = endpoint;
            this.router = new Router(endpoint.newConnection(), Duration.ofMillis(config.reconnectMaxDelay()));
            this.client = Client.builder().router(router).requestTimeout(Duration.ofMillis(config.requestTimeout()))
                    .transactionAttempts(config.transactionAttempts()).build();
            router.addListener(this);
            newest = this;
            int capacity = traceCapacity;
            if (capacity > 0) {
                router.trace().start(capacity);
            }
        }

        @Override
        public void disconnected(ConnectionException cause) {
            submit(() -> lost(this, cause));
        }

        @Override
        public void reconnected() {
            submit(() -> connected(this));
        }

        @Override
        public void requestSent(Op op) {
            statistics.requestSent();
        }

        @Override
        public void replyReceived(Op op, boolean refused, long latencyNanos) {
            statistics.replyReceived(latencyNanos, refused);
        }

        void close() {
            client.close();
            router.terminate();
        }
    }

    /**
     * Creates a connector that does nothing until {@link #start(XenStoreConfig)}.
     *
     * @param context the bundle's context, to publish the service
     * @param listener told when the service is registered and unregistered
     */
    XenStoreConnector(BundleContext context, Listener listener) {
        this.context = context;
        this.listener = listener;
    }

    /**
     * Starts connecting in the background.
     *
     * @param config the configuration
     */
    void start(XenStoreConfig config) {
        submit(() -> apply(config));
    }

    /**
     * Applies a changed configuration without dropping the service when the endpoint and limits are
     * unchanged, and with a hand-over to the new connection otherwise.
     *
     * @param config the new configuration
     */
    void modified(XenStoreConfig config) {
        submit(() -> apply(config));
    }

    /** Unpublishes the service and closes the connection; returns within a few seconds whatever the daemon does. */
    void close() {
        try {
            executor.submit(() -> {
                unpublish();
                shared.switchTo(null);
                if (current != null) {
                    current.close();
                    current = null;
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "jxs: closing the XenStore connection failed", e);
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Tells whether the connection is up (and the service published).
     *
     * @return true while connected
     */
    boolean isConnected() {
        Connection connection = shown;
        return connection != null && connection.router.isConnected();
    }

    /**
     * Returns the endpoint in use, or the one the connector is trying to reach.
     *
     * @return the endpoint, or null before the first attempt
     */
    Endpoint endpoint() {
        Connection connection = shown;
        return connection == null ? null : connection.endpoint;
    }

    /**
     * Returns why the last attempt failed or the connection was lost.
     *
     * @return the reason, or empty while connected
     */
    String lastError() {
        return lastError;
    }

    /**
     * Returns why the last configuration was refused (the one before it being kept).
     *
     * @return the reason, or empty when the current configuration was applied
     */
    String refusedConfiguration() {
        return refusedConfiguration;
    }

    /**
     * Returns the traffic counters.
     *
     * @return the statistics over every connection
     */
    Statistics statistics() {
        return statistics;
    }

    /**
     * Switches the traffic trace of the connection on, with an empty buffer; a connection that replaces it
     * (after a configuration change) starts with an empty trace of the same capacity.
     *
     * @param capacity how many records to keep, 1 to {@link Trace#MAX_CAPACITY}
     * @throws IllegalArgumentException when the capacity is out of range
     */
    void traceStart(int capacity) {
        if (capacity < 1 || capacity > Trace.MAX_CAPACITY) {
            throw new IllegalArgumentException("trace capacity must be between 1 and " + Trace.MAX_CAPACITY + ": " + capacity);
        }
        traceCapacity = capacity;
        forEachConnection(connection -> connection.router.trace().start(capacity));
    }

    /** Switches the traffic trace off; what it recorded stays readable. */
    void traceStop() {
        traceCapacity = 0;
        forEachConnection(connection -> connection.router.trace().stop());
    }

    private void forEachConnection(Consumer<Connection> action) {
        Connection latest = newest;
        Connection published = shown;
        if (latest != null) {
            action.accept(latest);
        }
        if (published != null && published != latest) {
            action.accept(published);
        }
    }

    /**
     * Returns the traffic trace of the connection in use (or being tried).
     *
     * @return the trace, or null before the first connection attempt
     */
    Trace trace() {
        Connection connection = shown;
        return connection == null ? null : connection.router.trace();
    }

    /**
     * Returns the shared store, the object published as the service.
     *
     * @return the store; its calls fail with {@link ConnectionException} while disconnected
     */
    XenStore store() {
        return shared.service();
    }

    private void apply(XenStoreConfig newConfig) {
        XenStoreConfig old = config;
        if (old != null && current != null && sameConnection(old, newConfig)) {
            config = newConfig;
            refusedConfiguration = "";
            return;
        }
        Connection next;
        try {
            next = new Connection(Endpoint.resolve(newConfig, System.getenv()), newConfig);
        } catch (RuntimeException e) {
            // The connection (if any) and the configuration it was made from stay.
            refusedConfiguration = "io.jxs: " + e.getMessage() + (current != null ? "; kept the previous configuration" : "");
            LOG.log(Level.ERROR, "jxs: refused the XenStore configuration: {0}", refusedConfiguration);
            return;
        }
        config = newConfig;
        refusedConfiguration = "";
        if (next.endpoint.fallbackFor() != null) {
            LOG.log(Level.INFO, "jxs: nothing answers at {0}: using the fallback socket {1} (fallbackSocketPath)",
                    next.endpoint.fallbackFor(), next.endpoint.path());
        }
        Connection previous = current;
        current = next;
        if (previous == null) {
            shown = next;
        }
        try {
            next.client.connect();
            connected(next);
        } catch (ConnectionException e) {
            // The router goes on trying in the background and says when it is connected.
            lastError = e.getMessage();
            LOG.log(Level.INFO, "jxs: cannot connect to XenStore yet: {0}", e.getMessage());
            if (previous != null) {
                // The old endpoint no longer holds: do not keep serving it.
                retire(previous);
            }
        }
    }

    private static boolean sameConnection(XenStoreConfig a, XenStoreConfig b) {
        return a.transport().equals(b.transport()) && a.socketPath().equals(b.socketPath())
                && a.fallbackSocketPath().equals(b.fallbackSocketPath())
                && a.xenBusPath().equals(b.xenBusPath()) && a.requestTimeout() == b.requestTimeout()
                && a.transactionAttempts() == b.transactionAttempts() && a.reconnectMaxDelay() == b.reconnectMaxDelay();
    }

    /** A connection came up: it becomes the published one, and the one it replaces is closed. */
    private void connected(Connection connection) {
        if (connection != current || !connection.router.isConnected()) {
            return; // replaced meanwhile, or lost again already
        }
        Connection previous = shown;
        shown = connection;
        // A service that moves to a new connection is registered anew, though it is the same object:
        // the monitors and transactions consumers made on the old client end with it, and the service
        // events tell them to make new ones (DS rebinds or reactivates them). Unregistered first, while
        // it still points at the old connection, so that what consumers undo goes there.
        unpublish();
        shared.switchTo(connection.client);
        lastError = "";
        publish(connection.endpoint);
        LOG.log(Level.INFO, "jxs: connected to XenStore at {0}", connection.endpoint);
        if (previous != null && previous != connection) {
            previous.close();
        }
    }

    private void lost(Connection connection, ConnectionException cause) {
        if (connection != current) {
            return; // an old connection, already replaced
        }
        LOG.log(Level.WARNING, "jxs: lost the XenStore connection: {0}", cause.getMessage());
        lastError = cause.getMessage();
        unpublish();
    }

    private void retire(Connection previous) {
        unpublish();
        shared.switchTo(null);
        shown = current;
        previous.close();
    }

    private void publish(Endpoint endpoint) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(TRANSPORT_PROPERTY, endpoint.transport());
        properties.put(PATH_PROPERTY, endpoint.path().toString());
        properties.put(Constants.SERVICE_DESCRIPTION, "The container's shared XenStore connection");
        registration = context.registerService(XenStore.class, shared.service(), properties);
        listener.published(shared.service());
    }

    private void unpublish() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            registration = null;
            listener.unpublished();
        }
    }

    private void submit(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.ERROR, "jxs: connector task failed", e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            // closed: nothing more to do
        }
    }
}
