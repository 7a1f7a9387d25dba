package io.jxs.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.jxs.Monitor;
import io.jxs.Transaction;
import io.jxs.WatchEvent;
import io.jxs.XenStore;
import io.jxs.management.WatchEvents;
import io.jxs.management.XenStoreMBean;
import io.jxs.testing.XenStoreDaemon;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * The three ways users meet jxs in Karaf, against one real daemon per subclass: the injected
 * {@link XenStore} service, the MBean over the remote JMX connector, and watch events through
 * EventAdmin; and what happens when the daemon goes away and comes back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public abstract class JxsInKarafTestBase extends KarafTestSupport {
    private static final long TIMEOUT_MILLIS = 30_000;

    /** The service, injected as into any consumer bundle; the same object across reconnects. */
    @Inject
    @Filter(timeout = 120_000)
    protected XenStore store;

    @Inject
    protected BundleContext context;

    @Inject
    protected ConfigurationAdmin configAdmin;

    @Inject
    protected SessionFactory sessionFactory;

    protected XenStoreDaemon daemon;

    @Before
    public void connected() throws Exception {
        daemon = DaemonFixture.daemon();
        awaitTrue("the XenStore service is published", () -> context.getServiceReference(XenStore.class) != null);
    }

    // ------------------------------------------------------------------ 1. the injected service

    @Test
    public void a_injectedServiceReadsWritesTransactsAndMonitors() throws Exception {
        store.write("/itest/service/a", "one");
        assertEquals("one", store.readString("/itest/service/a"));
        assertEquals("one", daemon.xenstoreCli("xenstore-read", "/itest/service/a"));

        try (Transaction tx = store.transaction()) {
            tx.write("/itest/service/b", "two");
            assertFalse(store.exists("/itest/service/b"));
            assertTrue(tx.commit());
        }
        assertEquals("two", store.readString("/itest/service/b"));
        assertEquals("three", store.inTransaction(tx -> {
            tx.write("/itest/service/c", "three");
            return tx.readString("/itest/service/c");
        }));

        try (Monitor monitor = store.monitor()) {
            monitor.watch("/itest/service", "t");
            assertNotNull(monitor.poll(10, TimeUnit.SECONDS)); // the event of the registration itself
            daemon.xenstoreCli("xenstore-write", "/itest/service/outside", "x");
            WatchEvent event;
            do {
                event = monitor.poll(10, TimeUnit.SECONDS);
                assertNotNull("no watch event for the outside write", event);
            } while (!event.path().equals("/itest/service/outside"));
            assertEquals("t", event.token());
        }
    }

    @Test
    public void b_shellCommandsUseTheService() throws Exception {
        execute("xenstore:write /itest/shell/a hello");
        assertTrue(execute("xenstore:read /itest/shell/a").contains("hello"));
        assertTrue(execute("xenstore:ls /itest/shell").contains("a = \"hello\""));
        assertTrue(execute("xenstore:exists /itest/shell/a").contains("true"));
        execute("xenstore:rm /itest/shell");
        assertFalse(store.exists("/itest/shell"));
    }

    // ------------------------------------------------------------------ 2. jconsole: remote JMX

    @Test
    public void c_mbeanOverTheRemoteConnector() throws Exception {
        try (JMXConnector connector = connectJmx()) {
            MBeanServerConnection connection = connector.getMBeanServerConnection();
            ObjectName name = new ObjectName(XenStoreMBean.OBJECT_NAME);
            assertTrue(connection.isRegistered(name));

            // Plain invocations with open types, as jconsole makes them.
            connection.invoke(name, "write", new Object[] {"/itest/jmx/a", "value"},
                    new String[] {String.class.getName(), String.class.getName()});
            assertEquals("value", connection.invoke(name, "read", new Object[] {"/itest/jmx/a"},
                    new String[] {String.class.getName()}));
            assertEquals("value", daemon.xenstoreCli("xenstore-read", "/itest/jmx/a"));

            // A typed proxy from the exported management interface.
            XenStoreMBean mbean = JMX.newMBeanProxy(connection, name, XenStoreMBean.class);
            assertArrayEquals(new String[] {"a"}, mbean.list("/itest/jmx"));
            int domid = 7;
            assertFalse(mbean.isDomainIntroduced(domid));
            mbean.introduceDomain(domid, 4096, 7);
            assertTrue(mbean.isDomainIntroduced(domid));
            assertEquals("/local/domain/" + domid, mbean.getDomainPath(domid));
            mbean.releaseDomain(domid);
            assertFalse(mbean.isDomainIntroduced(domid));

            // A failure names the daemon's error and carries no jxs class.
            try {
                connection.invoke(name, "read", new Object[] {"/itest/jmx/missing"},
                        new String[] {String.class.getName()});
                fail("read of a missing node succeeded");
            } catch (RuntimeMBeanException e) {
                assertEquals(IllegalStateException.class, e.getTargetException().getClass());
                assertEquals("ENOENT: /itest/jmx/missing", e.getTargetException().getMessage());
                assertNull(e.getTargetException().getCause());
            }

            assertEquals(Boolean.TRUE, connection.getAttribute(name, "Connected"));
            assertEquals("socket", connection.getAttribute(name, "Transport"));
            assertEquals(daemon.socketPath().toString(), connection.getAttribute(name, "Path"));
            assertTrue((Long) connection.getAttribute(name, "RequestsSent") > 5);
            assertTrue((Long) connection.getAttribute(name, "Errors") >= 1);
            assertTrue((Double) connection.getAttribute(name, "AverageRequestLatencyMillis") > 0);
            assertTrue((Double) connection.getAttribute(name, "MaxRequestLatencyMillis")
                    >= (Double) connection.getAttribute(name, "AverageRequestLatencyMillis"));
            assertNotNull(connection.getAttribute(name, "WatchEventsDelivered"));
        }
    }

    // ------------------------------------------------------------------ 3. EventAdmin

    @Test
    public void d_whiteboardHandlerGetsOutsideChanges() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> registration = registerHandler(events, "/itest/wb", "/itest/wb");
        try {
            awaitEvent(events, "/itest/wb", () -> daemon.xenstoreCli("xenstore-write", "/itest/wb/node", "1"),
                    "/itest/wb/node");
        } finally {
            registration.unregister();
        }
        events.clear();
        daemon.xenstoreCli("xenstore-write", "/itest/wb/node", "2");
        assertNull("an event after the handler unregistered", events.poll(2, TimeUnit.SECONDS));
    }

    @Test
    public void e_configuredWatchReachesHandlers() throws Exception {
        // What config:property-set watches /itest/cfg (or etc/io.jxs.cfg) does.
        setWatchesConfig("/itest/cfg");
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> registration = registerHandler(events, "/itest/cfg", null);
        try {
            awaitEvent(events, "/itest/cfg", () -> daemon.xenstoreCli("xenstore-write", "/itest/cfg/node", "1"),
                    "/itest/cfg/node");
        } finally {
            registration.unregister();
            setWatchesConfig("");
        }
    }

    // ------------------------------------------------------------------ configuration changes

    @Test
    public void f_configChangeHandsTheServiceOverToTheNewDaemon() throws Exception {
        XenStore before = store;
        try (XenStoreDaemon second = XenStoreDaemon.start(daemon.kind())) {
            second.xenstoreCli("xenstore-write", "/itest/second", "yes");
            setConfig("socketPath", second.socketPath().toString());
            awaitTrue("the service moves to the second daemon", () -> publishedFor(second));
            // The object a consumer already holds now talks to the new daemon.
            assertEquals("yes", before.readString("/itest/second"));
        } finally {
            setConfig("socketPath", daemon.socketPath().toString());
            awaitTrue("the service moves back", () -> publishedFor(daemon));
        }
        assertFalse(store.exists("/itest/second"));
    }

    // ------------------------------------------------------------------ losing the daemon

    @Test
    public void z_daemonStopAndRestart() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> registration = registerHandler(events, "/itest/rc", "/itest/rc");
        try (JMXConnector connector = connectJmx()) {
            MBeanServerConnection connection = connector.getMBeanServerConnection();
            ObjectName name = new ObjectName(XenStoreMBean.OBJECT_NAME);

            daemon.stop();
            awaitTrue("the service is unpublished", () -> context.getServiceReference(XenStore.class) == null);
            assertEquals(Boolean.FALSE, connection.getAttribute(name, "Connected"));
            assertFalse(((String) connection.getAttribute(name, "LastConnectionError")).isEmpty());

            daemon.restart();
            awaitTrue("the service is published again", () -> context.getServiceReference(XenStore.class) != null);
            assertEquals(Boolean.TRUE, connection.getAttribute(name, "Connected"));

            // The injected object works again, and the bridge's watches were registered again.
            store.write("/itest/rc/mine", "back");
            assertEquals("back", daemon.xenstoreCli("xenstore-read", "/itest/rc/mine"));
            awaitEvent(events, "/itest/rc", () -> daemon.xenstoreCli("xenstore-write", "/itest/rc/node", "1"),
                    "/itest/rc/node");
        } finally {
            registration.unregister();
        }
    }

    // ------------------------------------------------------------------ helpers

    private void setWatchesConfig(String watches) throws Exception {
        setConfig("watches", watches);
    }

    private void setConfig(String key, String value) throws Exception {
        Configuration configuration = configAdmin.getConfiguration("io.jxs", null);
        Dictionary<String, Object> properties = configuration.getProperties();
        properties.put(key, value);
        configuration.update(properties);
    }

    private boolean publishedFor(XenStoreDaemon target) {
        ServiceReference<XenStore> reference = context.getServiceReference(XenStore.class);
        return reference != null
                && target.socketPath().toString().equals(reference.getProperty("xenstore.path"));
    }

    private ServiceRegistration<EventHandler> registerHandler(BlockingQueue<Event> events, String watch,
            String watchProperty) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, WatchEvents.TOPIC);
        properties.put(EventConstants.EVENT_FILTER, "(" + WatchEvents.WATCH + "=" + watch + ")");
        if (watchProperty != null) {
            properties.put(WatchEvents.WATCH_PROPERTY, new String[] {watchProperty});
        }
        return context.registerService(EventHandler.class, events::add, properties);
    }

    /** Repeats the change until the event of {@code path} arrives: the watch may not be registered yet. */
    private static void awaitEvent(BlockingQueue<Event> events, String watch, Runnable change, String path)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            change.run();
            Event event;
            while ((event = events.poll(1, TimeUnit.SECONDS)) != null) {
                if (path.equals(event.getProperty(WatchEvents.PATH))) {
                    assertEquals(WatchEvents.TOPIC, event.getTopic());
                    assertEquals(watch, event.getProperty(WatchEvents.WATCH));
                    assertNotNull(event.getProperty(WatchEvents.TOKEN));
                    return;
                }
            }
        }
        fail("no event on " + WatchEvents.TOPIC + " for " + path + " within " + TIMEOUT_MILLIS + " ms");
    }

    private JMXConnector connectJmx() throws Exception {
        Dictionary<String, Object> management = configAdmin.getConfiguration("org.apache.karaf.management", null)
                .getProperties();
        String url = "service:jmx:rmi://127.0.0.1:" + management.get("rmiServerPort")
                + "/jndi/rmi://127.0.0.1:" + management.get("rmiRegistryPort") + "/karaf-root";
        Map<String, Object> environment = new HashMap<>();
        environment.put(JMXConnector.CREDENTIALS, new String[] {JMX_USER, JMX_PASSWORD});
        return JMXConnectorFactory.connect(new JMXServiceURL(url), environment);
    }

    /** Runs shell commands (of the unguarded xenstore scope), returning what they printed. */
    private String execute(String commands) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (Session session = sessionFactory.create(System.in, print, print)) {
            for (String command : commands.split("\n")) {
                Object result = session.execute(command);
                if (result != null) {
                    print.println(result);
                }
            }
        }
        print.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
