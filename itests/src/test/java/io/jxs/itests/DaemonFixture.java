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
package io.jxs.itests;

import io.jxs.testing.XenStoreDaemon;
import java.util.Dictionary;
import org.junit.Assume;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The real daemon of a test class, started inside the container when the class is loaded there
 * (before pax-exam injects services into the first test), and the {@code io.jxs} configuration
 * pointed at its socket once the container has loaded it from the feature's {@code etc/io.jxs.cfg}
 * (an earlier change would be overwritten by that file). The daemon's own shutdown hook ends it with
 * the container.
 */
final class DaemonFixture {
    private static final String FILEINSTALL_FILENAME = "felix.fileinstall.filename";
    private static final long WAIT_MILLIS = 60_000;

    private static XenStoreDaemon daemon;
    private static String unavailable;

    private DaemonFixture() {
    }

    /**
     * Starts the daemon, when running inside the container; does nothing in the test driver.
     *
     * @param kind which daemon
     */
    static synchronized void startInContainer(XenStoreDaemon.Kind kind) {
        Bundle bundle = FrameworkUtil.getBundle(DaemonFixture.class);
        if (bundle == null || daemon != null) {
            return;
        }
        if (!XenStoreDaemon.isAvailable(kind) && !"true".equals(System.getProperty("jxs.testing.ci"))) {
            unavailable = XenStoreDaemon.unavailableReason(kind).orElse("");
            return; // the tests skip; in CI they fail in start() below instead
        }
        daemon = XenStoreDaemon.start(kind);
        configure(bundle.getBundleContext(), "socket", daemon.socketPath().toString());
    }

    /**
     * Returns the daemon, or skips the test when it is not installed on this (non-CI) machine.
     *
     * @return the running daemon
     */
    static synchronized XenStoreDaemon daemon() {
        Assume.assumeTrue("XenStore daemon not available: " + unavailable, unavailable == null);
        if (daemon == null) {
            throw new IllegalStateException("the daemon was not started in the container");
        }
        return daemon;
    }

    private static void configure(BundleContext context, String transport, String socketPath) {
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> tracker =
                new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        tracker.open();
        try {
            ConfigurationAdmin configAdmin = tracker.waitForService(WAIT_MILLIS);
            Configuration configuration = loadedFromFile(configAdmin);
            Dictionary<String, Object> properties = configuration.getProperties();
            properties.put("transport", transport);
            properties.put("socketPath", socketPath);
            properties.put("reconnectMaxDelay", "1000");
            configuration.update(properties);
        } catch (Exception e) {
            throw new IllegalStateException("cannot configure io.jxs", e);
        } finally {
            tracker.close();
        }
    }

    /** Waits until the container's file install has loaded etc/io.jxs.cfg into the configuration. */
    private static Configuration loadedFromFile(ConfigurationAdmin configAdmin) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=io.jxs)");
            if (found != null && found[0].getProperties().get(FILEINSTALL_FILENAME) != null) {
                return found[0];
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("etc/io.jxs.cfg was not loaded within " + WAIT_MILLIS + " ms");
    }
}
