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

import io.jxs.XenStore;
import io.jxs.management.XenStoreMBean;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The container's management view for tests outside this package (the shell commands): a real connector
 * connected to a daemon's socket, publishing its store nowhere, and its real MBean.
 */
public final class ConnectedManagement implements AutoCloseable {
    private final XenStoreConnector connector;
    private final XenStoreMBeanImpl mbean;

    private ConnectedManagement(XenStoreConnector connector, XenStoreMBeanImpl mbean) {
        this.connector = connector;
        this.mbean = mbean;
    }

    /**
     * Connects to a daemon's socket, waiting up to 10 s for the store to be published.
     *
     * @param socket the daemon's Unix socket
     * @return the connected view; close it
     * @throws Exception when it does not connect in time
     */
    public static ConnectedManagement connect(Path socket) throws Exception {
        CountDownLatch published = new CountDownLatch(1);
        XenStoreConnector connector = new XenStoreConnector(bundleContext(), new XenStoreConnector.Listener() {
            @Override
            public void published(XenStore store) {
                published.countDown();
            }

            @Override
            public void unpublished() {
            }
        });
        ConnectedManagement management = new ConnectedManagement(connector, new XenStoreMBeanImpl(connector, () -> null));
        connector.start(EndpointTest.config(Map.of("transport", "socket", "socketPath", socket.toString())));
        if (!published.await(10, TimeUnit.SECONDS)) {
            management.close();
            throw new IllegalStateException("not connected to " + socket + " within 10 s");
        }
        return management;
    }

    /**
     * Returns the MBean.
     *
     * @return the MBean of the connector
     */
    public XenStoreMBean mbean() {
        return mbean;
    }

    /**
     * Returns the store the connector would publish.
     *
     * @return the shared store
     */
    public XenStore store() {
        return connector.store();
    }

    /**
     * Returns the connector, for tests in its package that reconfigure it.
     *
     * @return the connector
     */
    XenStoreConnector connector() {
        return connector;
    }

    @Override
    public void close() {
        connector.close();
    }

    /** A bundle context that registers services nowhere: the connector publishes its store through it. */
    private static BundleContext bundleContext() {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
                ConnectedManagement.class.getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                (proxy, method, args) -> null);
        return (BundleContext) Proxy.newProxyInstance(ConnectedManagement.class.getClassLoader(),
                new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> method.getName().equals("registerService") ? registration : null);
    }
}
