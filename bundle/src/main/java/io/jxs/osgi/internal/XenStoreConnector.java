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
import io.jxs.WatchEvent;
import io.jxs.XenStore;
import io.jxs.XenStoreException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Hashtable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * Owns the container's one connection to the daemon (the singleton {@link Router}) and publishes the
 * {@link XenStore} service over it while it is connected.
 *
 * <p>While the daemon is unreachable the service is not published and the connector tries again
 * with a doubling delay. A configuration change connects to the new endpoint first and then moves
 * the published service over to it, so consumers holding the service keep a working object.
 * Connecting, reconnecting and publishing all happen on one thread of the connector's own, which
 * also tells a {@link Listener} when the service is registered and unregistered.
 *
 * <p>A plain object owned by {@link XenStoreComponent}: it is not an OSGi service itself.
 */
final class XenStoreConnector {
    /** Told, on the connector's thread, when the {@link XenStore} service comes and goes. */
    interface Listener {
        /**
         * The service was registered; it stays the same object until {@link #unpublished()}, even
         * when the connector moves it to a new connection.
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
    private static final long FIRST_RETRY_MILLIS = 250;

    private final BundleContext context;
    private final Listener listener;
    private final SharedXenStore store = new SharedXenStore();
    private final Statistics statistics = new Statistics();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "jxs-connector");
        thread.setDaemon(true);
        return thread;
    });

    // Confined to the executor thread.
    private XenStoreConfig config;
    private Backoff backoff;
    private ScheduledFuture<?> retry;
    private Client client;
    private ServiceRegistration<XenStore> registration;

    // Read by the management view from any thread.
    private volatile Router router;
    private volatile Endpoint endpoint;
    private volatile String lastError = "not connected yet";

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

    /** Unpublishes the service, closes the connection and ends the connector's thread. */
    void close() {
        try {
            executor.submit(() -> {
                cancelRetry();
                disconnect();
            }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
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
        Router current = router;
        return current != null && current.isConnected();
    }

    /**
     * Returns the endpoint in use, or the one the connector is trying to reach.
     *
     * @return the endpoint, or null before the first attempt
     */
    Endpoint endpoint() {
        return endpoint;
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
     * Returns the traffic counters.
     *
     * @return the statistics over every connection
     */
    Statistics statistics() {
        return statistics;
    }

    /**
     * Returns the shared store, the object published as the service.
     *
     * @return the store; its calls fail with {@link ConnectionException} while disconnected
     */
    XenStore store() {
        return store;
    }

    private void apply(XenStoreConfig newConfig) {
        XenStoreConfig old = config;
        config = newConfig;
        backoff = new Backoff(FIRST_RETRY_MILLIS, newConfig.reconnectMaxDelay());
        if (old != null && isConnected() && sameConnection(old, newConfig)) {
            return;
        }
        cancelRetry();
        connect();
    }

    private static boolean sameConnection(XenStoreConfig a, XenStoreConfig b) {
        return a.transport().equals(b.transport()) && a.socketPath().equals(b.socketPath())
                && a.xenBusPath().equals(b.xenBusPath()) && a.requestTimeout() == b.requestTimeout()
                && a.transactionAttempts() == b.transactionAttempts();
    }

    private void connect() {
        retry = null;
        Router next;
        Client nextClient;
        try {
            Endpoint target = Endpoint.resolve(config, System.getenv());
            endpoint = target;
            next = new Router(new MeteredConnection(target.newConnection(), statistics));
            next.start();
            nextClient = new Client(next, Duration.ofMillis(config.requestTimeout()), config.transactionAttempts());
        } catch (XenStoreException | IllegalArgumentException e) {
            if (lastError.isEmpty() || !lastError.equals(e.getMessage())) {
                LOG.log(Level.INFO, "jxs: cannot connect to XenStore: {0}", e.getMessage());
            }
            lastError = e.getMessage();
            // The old connection, if any, was for a configuration that no longer holds.
            disconnect();
            scheduleRetry();
            return;
        }
        next.addListener(new Router.Listener() {
            @Override
            public void watchEvent(WatchEvent event) {
                // Watch events go to the monitors that asked for them.
            }

            @Override
            public void disconnected(ConnectionException cause) {
                submit(() -> lost(next, cause));
            }
        });
        Router oldRouter = router;
        Client oldClient = client;
        router = next;
        client = nextClient;
        store.switchTo(nextClient);
        lastError = "";
        backoff.reset();
        publish();
        LOG.log(Level.INFO, "jxs: connected to XenStore at {0}", endpoint);
        if (oldRouter != null) {
            oldClient.close();
            oldRouter.terminate();
        }
    }

    private void lost(Router lostRouter, ConnectionException cause) {
        if (lostRouter != router) {
            return; // an old connection, already replaced
        }
        LOG.log(Level.WARNING, "jxs: lost the XenStore connection: {0}", cause.getMessage());
        lastError = cause.getMessage();
        disconnect();
        scheduleRetry();
    }

    private void disconnect() {
        unpublish();
        store.switchTo(null);
        if (client != null) {
            client.close();
            client = null;
        }
        Router old = router;
        router = null;
        if (old != null) {
            old.terminate();
        }
    }

    private void publish() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(TRANSPORT_PROPERTY, endpoint.transport());
        properties.put(PATH_PROPERTY, endpoint.path().toString());
        properties.put(Constants.SERVICE_DESCRIPTION, "The container's shared XenStore connection");
        if (registration == null) {
            registration = context.registerService(XenStore.class, store, properties);
            listener.published(store);
        } else {
            registration.setProperties(properties);
        }
    }

    private void unpublish() {
        if (registration != null) {
            listener.unpublished();
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            registration = null;
        }
    }

    private void scheduleRetry() {
        if (!executor.isShutdown()) {
            retry = executor.schedule(this::connect, backoff.next(), TimeUnit.MILLISECONDS);
        }
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    private void submit(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "jxs: connector task failed", e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            // deactivated: nothing more to do
        }
    }
}
