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

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import io.jxs.XenStore;
import io.jxs.event.WatchEvents;
import io.jxs.management.XenStoreMBean;
import io.jxs.testing.XenStoreDaemon;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.apache.karaf.itests.KarafTestSupport;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.junit.Before;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.container.remote.RBCRemoteTargetOptions;
import org.ops4j.pax.exam.container.remote.options.RBCLookupTimeoutOption;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.options.TimeoutOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * A stock Apache Karaf with the jxs feature installed as a user installs it, against one real daemon
 * per concrete test class (started in the container by {@link DaemonFixture}), and what its tests
 * share: the injected {@link XenStore}, the MBean's name, EventAdmin handlers and waits.
 *
 * <p>Karaf's own test support boots the container ({@code org.apache.karaf.itests:common}, as
 * Apache Karaf Decanter's itests use it), with the users of {@code etc/users.properties} in the test
 * resources: {@code karaf} (admin) and {@code viewer}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class JxsInKarafSupport extends KarafTestSupport {
    /** How long a test waits for what it expects. */
    protected static final long TIMEOUT_MILLIS = 30_000;
    private static final int CONTAINER_START_MILLIS = 180_000;
    protected static final RolePrincipal ADMIN = new RolePrincipal("admin");
    protected static final RolePrincipal VIEWER = new RolePrincipal("viewer");

    static {
        // The driver resolves the distribution from the local repository only.
        System.setProperty("org.ops4j.pax.url.mvn.repositories", "");
        System.setProperty("org.ops4j.pax.url.mvn.useFallbackRepositories", "false");
        String localRepository = System.getProperty("maven.repo.local");
        if (localRepository != null && !localRepository.isEmpty()) {
            System.setProperty("org.ops4j.pax.url.mvn.localRepository", localRepository);
        }
    }

    /** The service, as any consumer bundle gets it; the same object across reconnects. */
    protected XenStore store;

    protected XenStoreDaemon daemon;

    /**
     * Karaf's configuration, offline, with bounded waits for the container, and the jxs feature of this
     * build installed as a user does. (Karaf 4.4 applies the JMX ACLs to remote connections in its
     * connector server, whatever the MBeanServerBuilder.)
     *
     * @return the options
     */
    @Override
    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        String version = property("jxs.version");
        File artifacts = new File(property("itest.artifacts"));
        String system = "system/io/jxs/";
        List<Option> options = new ArrayList<>(List.of(
                systemTimeout(CONTAINER_START_MILLIS),
                RBCRemoteTargetOptions.waitForRBCFor(CONTAINER_START_MILLIS),
                // Offline: everything comes from the build's local repository or the system folder.
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
                // The tests change io.jxs through ConfigurationAdmin many times. Written back to etc/io.jxs.cfg,
                // each change races file install's poll, which may read the file half written (or one
                // change behind) and apply that, which moves the service to a default or closed socket
                // for the rest of the run.
                editConfigurationFilePut("etc/config.properties", "felix.fileinstall.enableConfigSave", "false"),
                // This build's artifacts, where a Maven URL finds them.
                replaceConfigurationFile(system + "jxs/" + version + "/jxs-" + version + ".jar",
                        new File(artifacts, "jxs.jar")),
                replaceConfigurationFile(system + "jxs-recipes/" + version + "/jxs-recipes-" + version + ".jar",
                        new File(artifacts, "jxs-recipes.jar")),
                replaceConfigurationFile(system + "jxs/" + version + "/jxs-" + version + ".cfg",
                        new File(artifacts, "jxs.cfg")),
                replaceConfigurationFile(system + "jxs-features/" + version + "/jxs-features-" + version
                        + "-features.xml", new File(artifacts, "jxs-features.xml")),
                // The feature as a user installs it.
                features(maven("io.jxs", "jxs-features").version(version).classifier("features").type("xml"), "jxs"),
                systemProperty("jxs.testing.ci").value(String.valueOf(System.getenv("CI")))));
        // Karaf's options, less those replaced above.
        Stream.of(super.config())
                .filter(option -> !(option instanceof TimeoutOption || option instanceof RBCLookupTimeoutOption))
                .forEach(options::add);
        return options.toArray(Option[]::new);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set: run the itests with Maven");
        }
        return value;
    }

    /**
     * Takes the service once it is published. Looked up here rather than injected, so that a service
     * that never comes fails at once with what the container says of it, not after an injection timeout.
     */
    @Before
    public void connected() throws Exception {
        daemon = DaemonFixture.daemon();
        long deadline = System.currentTimeMillis() + 2 * TIMEOUT_MILLIS;
        ServiceReference<XenStore> reference;
        while ((reference = bundleContext.getServiceReference(XenStore.class)) == null
                || (store = bundleContext.getService(reference)) == null) {
            if (System.currentTimeMillis() > deadline) {
                fail("the XenStore service is not published; " + daemon + " running: " + daemon.isRunning()
                        + "; " + containerState());
            }
            Thread.sleep(50);
        }
    }


    /** The MBean's name in this container. */
    protected ObjectName mbeanName() throws Exception {
        return new ObjectName(XenStoreMBean.OBJECT_NAME_PREFIX + System.getProperty("karaf.name"));
    }


    /** As {@link #bridgeState(JMXConnector)}, on a connector of its own. */
    protected String containerState() {
        try (JMXConnector connector = getJMXConnector()) {
            return bridgeState(connector);
        } catch (Exception e) {
            return "(JMX: " + e + ")";
        }
    }

    /** What the EventAdmin bridge says of itself, and the container's warnings, for a failure's message. */
    protected String bridgeState(JMXConnector connector) {
        StringBuilder state = new StringBuilder();
        try {
            MBeanServerConnection connection = connector.getMBeanServerConnection();
            for (String attribute : List.of("Connected", "Watches", "WatchEventsDelivered", "WatchEventOverflows",
                    "WatchEventsCoalesced", "LastConnectionError")) {
                Object value = connection.getAttribute(mbeanName(), attribute);
                state.append(attribute).append('=')
                        .append(value instanceof Object[] array ? Arrays.toString(array) : value).append(' ');
            }
        } catch (Exception e) {
            state.append("(MBean: ").append(e).append(") ");
        }
        // Where jxs's own threads are: a stalled reader, writer, watcher or poster shows here.
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("jxs")) {
                state.append("| ").append(thread.getName()).append(' ').append(thread.getState());
                for (int i = 0; i < Math.min(14, stack.length); i++) {
                    state.append(" < ").append(stack[i]);
                }
                state.append(' ');
            }
        });
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            List<String> logged = lines.filter(line -> line.contains("jxs:")
                    || line.contains("io.jxs") && (line.contains("ERROR") || line.contains("WARN"))).toList();
            state.append("| last jxs log lines: ")
                    .append(String.join(" / ", logged.subList(Math.max(0, logged.size() - 12), logged.size())));
        } catch (IOException | UncheckedIOException e) {
            state.append("(log: ").append(e).append(')');
        }
        return state.toString();
    }

    protected void setConfig(String key, String value) throws Exception {
        Configuration configuration = configurationAdmin.getConfiguration("io.jxs", null);
        Dictionary<String, Object> properties = configuration.getProperties();
        properties.put(key, value);
        configuration.update(properties);
    }

    protected boolean publishedFor(XenStoreDaemon target) {
        ServiceReference<XenStore> reference = bundleContext.getServiceReference(XenStore.class);
        return reference != null
                && target.socketPath().toString().equals(reference.getProperty("xenstore.path"));
    }

    protected ServiceRegistration<EventHandler> registerHandler(BlockingQueue<Event> events, String watch,
            String watchProperty) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, WatchEvents.TOPIC);
        properties.put(EventConstants.EVENT_FILTER, "(" + WatchEvents.WATCH + "=" + watch + ")");
        if (watchProperty != null) {
            properties.put(WatchEvents.WATCH_PROPERTY, new String[] {watchProperty});
        }
        return bundleContext.registerService(EventHandler.class, events::add, properties);
    }

    /** Repeats the change until the event of {@code path} arrives: the watch may not be registered yet. */
    protected static void awaitEvent(BlockingQueue<Event> events, String watch, Runnable change, String path)
            throws InterruptedException {
        awaitEvent(events, watch, change, path, () -> "");
    }

    /** As {@link #awaitEvent(BlockingQueue, String, Runnable, String)}, saying more when it fails. */
    protected static void awaitEvent(BlockingQueue<Event> events, String watch, Runnable change, String path,
            Supplier<String> diagnosis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            change.run();
            Event event;
            while ((event = events.poll(1, TimeUnit.SECONDS)) != null) {
                if (path.equals(event.getProperty(WatchEvents.PATH))) {
                    assertEquals(WatchEvents.TOPIC, event.getTopic());
                    assertEquals(watch, event.getProperty(WatchEvents.WATCH));
                    return;
                }
            }
        }
        fail("no event on " + WatchEvents.TOPIC + " for " + path + " within " + TIMEOUT_MILLIS + " ms; "
                + diagnosis.get());
    }


    protected static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
