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

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.jxs.DomainAccess;
import io.jxs.DomainQuota;
import io.jxs.Monitor;
import io.jxs.Permission;
import io.jxs.Quota;
import io.jxs.Transaction;
import io.jxs.WatchEvent;
import io.jxs.XenStore;
import io.jxs.XenStoreException;
import io.jxs.management.XenStoreMBean;
import io.jxs.testing.XenStoreDaemon;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMX;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
/**
 * The ways users meet jxs in a stock Apache Karaf with the jxs feature installed as a user installs
 * it, against one real daemon per subclass: the injected {@link XenStore} service, the shell
 * commands, the MBean over the remote JMX connector (with Karaf's JMX ACLs enforced), watch events
 * through EventAdmin, the installed configuration file, and what happens when the daemon goes away
 * and comes back. Every test leaves the container as it found it, so they run in any order.
 *
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class JxsInKarafTestBase extends JxsInKarafSupport {
    // ------------------------------------------------------------------ the injected service

    @Test
    public void serviceReadsWritesTransactsAndWatches() throws Exception {
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

    // ------------------------------------------------------------------ the shell

    @Test
    public void shellCommandsUseTheService() throws Exception {
        executeCommand("xenstore:write /itest/shell/a hello", ADMIN);
        assertTrue(executeCommand("xenstore:read /itest/shell/a", ADMIN).contains("hello"));
        assertTrue(executeCommand("xenstore:ls /itest/shell", ADMIN).contains("a = \"hello\""));
        assertTrue(executeCommand("xenstore:exists /itest/shell/a", ADMIN).contains("true"));
        executeCommand("xenstore:rm /itest/shell", ADMIN);
        assertFalse(store.exists("/itest/shell"));
    }

    @Test
    public void shellReadEscapesAsXenstoreReadAndFailsWithTheDaemonsWord() throws Exception {
        store.write("/itest/escape", "tab\there \\ caf\u00e9");
        String expected = daemon.xenstoreCli("xenstore-read", "/itest/escape");
        assertEquals(expected, executeCommand("xenstore:read /itest/escape", ADMIN).strip());
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> executeCommand("xenstore:read /itest/escape/missing", ADMIN));
        assertEquals("ENOENT: /itest/escape/missing", e.getMessage());
    }

    @Test
    public void aViewerMayReadButNotChangeInTheShell() throws Exception {
        store.write("/itest/viewer-shell/a", "seen");
        assertTrue(executeCommand("xenstore:read /itest/viewer-shell/a", VIEWER).contains("seen"));
        assertTrue(executeCommand("xenstore:ls /itest/viewer-shell", VIEWER).contains("a = \"seen\""));
        assertTrue(executeCommand("xenstore:perms /itest/viewer-shell/a", VIEWER).contains("n0"));
        for (String change : List.of("xenstore:write /itest/viewer-shell/a changed", "xenstore:rm /itest/viewer-shell",
                "xenstore:mkdir /itest/viewer-shell/b", "xenstore:chmod /itest/viewer-shell/a b0")) {
            // The ACL hides the command from the viewer, as Karaf's own ACLs do.
            RuntimeException refused = assertThrows(change, RuntimeException.class, () -> executeCommand(change, VIEWER));
            assertEquals("Command not found: " + change.substring(0, change.indexOf(' ')), refused.getMessage());
        }
        assertEquals("seen", store.readString("/itest/viewer-shell/a"));
        assertFalse(store.exists("/itest/viewer-shell/b"));
        assertEquals("n0", store.getPerms("/itest/viewer-shell/a").get(0).toString());
    }

    // ------------------------------------------------------------------ jconsole: remote JMX

    @Test
    public void theMBeanIsNamedAfterTheContainerAsKarafNamesItsOwn() throws Exception {
        try (JMXConnector connector = getJMXConnector()) {
            MBeanServerConnection connection = connector.getMBeanServerConnection();
            Set<ObjectName> names = connection.queryNames(new ObjectName("io.jxs:*"), null);
            assertEquals(Set.of(new ObjectName("io.jxs:type=XenStore,name=root")), names);
            assertEquals(Set.of(mbeanName()), names);
            assertTrue(connection.getMBeanInfo(mbeanName()).getDescription().startsWith("The container's XenStore"));
        }
    }

    @Test
    public void mbeanOverTheRemoteConnector() throws Exception {
        try (JMXConnector connector = getJMXConnector()) {
            MBeanServerConnection connection = connector.getMBeanServerConnection();
            ObjectName name = mbeanName();

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

    @Test
    public void lsShowsASubtreeAsATableAsXenstoreLsDoes() throws Exception {
        store.write("/itest/table/a", "x\ty");
        store.write("/itest/table/a/b", "z");
        try (JMXConnector connector = getJMXConnector()) {
            XenStoreMBean mbean = JMX.newMBeanProxy(connector.getMBeanServerConnection(), mbeanName(),
                    XenStoreMBean.class);
            List<CompositeData> rows = rows(mbean.ls("/itest/table"));
            assertEquals(List.of("/itest/table", "/itest/table/a", "/itest/table/a/b"),
                    rows.stream().map(row -> row.get("path")).toList());
            assertEquals(daemon.xenstoreCli("xenstore-read", "/itest/table/a"), rows.get(1).get("value"));
            assertEquals("n0", rows.get(1).get("permissions"));
        }
    }

    @Test
    public void lsStopsAtItsRowLimitAndSaysSo() throws Exception {
        // Twice as many nodes as a table takes: ls reads no more of them than it shows.
        for (int i = 0; i < 2 * XenStoreMBean.LS_MAX_ROWS; i++) {
            store.async().write("/itest/big/" + i, Integer.toString(i));
        }
        store.write("/itest/big/last", "x");
        try (JMXConnector connector = getJMXConnector()) {
            XenStoreMBean mbean = JMX.newMBeanProxy(connector.getMBeanServerConnection(), mbeanName(),
                    XenStoreMBean.class);
            long requestsBefore = mbean.getRequestsSent();
            List<CompositeData> rows = rows(mbean.ls("/itest/big"));
            long requests = mbean.getRequestsSent() - requestsBefore;
            assertEquals(XenStoreMBean.LS_MAX_ROWS + 1, rows.size());
            assertEquals("/itest/big", rows.get(0).get("path"));
            assertEquals(XenStoreMBean.LS_TRUNCATED, rows.get(rows.size() - 1).get("path"));
            assertTrue(((String) rows.get(rows.size() - 1).get("value")).contains("more than " + XenStoreMBean.LS_MAX_ROWS));
            // Three requests (value, children, permissions) per node read; the whole subtree would take 6,000.
            assertTrue(requests + " requests for one ls", requests < 3L * (XenStoreMBean.LS_MAX_ROWS + 1) + 100);
        } finally {
            store.delete("/itest/big");
        }
    }

    private static List<CompositeData> rows(TabularData table) {
        return table.values().stream().map(CompositeData.class::cast).toList();
    }

    @Test
    public void aViewerMayReadButNotChangeOverRemoteJmx() throws Exception {
        store.write("/itest/viewer-jmx/a", "seen");
        try (JMXConnector connector = getJMXConnector("viewer", "viewer")) {
            MBeanServerConnection connection = connector.getMBeanServerConnection();
            XenStoreMBean mbean = JMX.newMBeanProxy(connection, mbeanName(), XenStoreMBean.class);
            // Allowed by jmx.acl.io.jxs.XenStore, which the feature installs.
            assertTrue(mbean.isConnected());
            assertEquals("seen", mbean.read("/itest/viewer-jmx/a"));
            assertArrayEquals(new String[] {"a"}, mbean.list("/itest/viewer-jmx"));
            assertTrue(mbean.exists("/itest/viewer-jmx/a"));
            assertEquals(2, mbean.ls("/itest/viewer-jmx").size());
            // Refused.
            for (ThrowingRunnable change : List.<ThrowingRunnable>of(() -> mbean.write("/itest/viewer-jmx/a", "changed"),
                    () -> mbean.delete("/itest/viewer-jmx"), () -> mbean.introduceDomain(8, 4096, 8))) {
                SecurityException refused = assertThrows(SecurityException.class, change);
                assertEquals("Insufficient roles/credentials for operation", refused.getMessage());
            }
        }
        assertEquals("seen", store.readString("/itest/viewer-jmx/a"));
    }

    // ------------------------------------------------------------------ quotas, permissions and CONTROL

    @Test
    public void shellQuotaPrintsWhatTheLibraryReturns() throws Exception {
        DomainQuota used = store.quota(0);
        Map<String, Integer> expected = new LinkedHashMap<>(used.usage());
        used.nodeLimit().ifPresent(limit -> expected.put("node-limit", limit));
        assertEquals(expected, quotaLines(executeCommand("xenstore:quota 0", ADMIN)));
        if (daemon.kind() == XenStoreDaemon.Kind.XENSTORED) {
            assertEquals(store.quota().limits(), quotaLines(executeCommand("xenstore:quota", ADMIN)));
            assertEquals(Integer.valueOf(Quota.WATCHES.defaultLimit()), store.quota().limits().get("watches"));
        } else {
            // oxenstored answers OK to CONTROL quota: no limits to list.
            XenStoreException refused = assertThrows(XenStoreException.class, () -> store.quota());
            RuntimeException printed = assertThrows(RuntimeException.class,
                    () -> executeCommand("xenstore:quota", ADMIN));
            assertEquals(refused.describe(), printed.getMessage());
        }
    }

    @Test
    public void shellAccessPrintsWhatTheLibraryReturns() throws Exception {
        store.write("/itest/access/node", "x");
        store.setPerms("/itest/access/node", List.of(Permission.parse("n0"), Permission.parse("r5")));
        for (String[] args : List.of(new String[] {"0", "/itest/access/node"}, new String[] {"5", "/itest/access/node"},
                new String[] {"5", "/itest/access/node/missing"}, new String[] {"6", "/itest/access/node"})) {
            int domid = Integer.parseInt(args[0]);
            String expected = store.access(domid, args[1]).toString().strip();
            assertEquals(expected, executeCommand("xenstore:access " + args[0] + " " + args[1], ADMIN).strip());
        }
        // A stub domain 6 acting for domain 5 reads what domain 5 reads.
        assertEquals(store.access(6, 5, "/itest/access/node").toString().strip(),
                executeCommand("xenstore:access -t 5 6 /itest/access/node", ADMIN).strip());
        assertTrue(store.access(6, 5, "/itest/access/node").allowed().contains(DomainAccess.Operation.READ));
        assertFalse(store.access(6, "/itest/access/node").allowed().contains(DomainAccess.Operation.READ));
    }

    @Test
    public void shellControlPrintsTheDaemonsReply() throws Exception {
        String help = executeCommand("xenstore:control help", ADMIN).strip();
        assertEquals(store.control("help").strip(), help);
        if (daemon.kind() == XenStoreDaemon.Kind.XENSTORED) {
            assertTrue(help, help.contains("quota-soft"));
        } else {
            assertEquals("OK", help); // oxenstored acknowledges what it does not know
        }
        assertEquals(store.control("quota", "0").strip(), executeCommand("xenstore:control quota 0", ADMIN).strip());
        if (daemon.kind() == XenStoreDaemon.Kind.XENSTORED) {
            int watches = store.quota().limit(Quota.WATCHES).orElseThrow();
            try {
                assertEquals("OK", executeCommand("xenstore:control quota set watches " + (watches + 1), ADMIN).strip());
                assertEquals(watches + 1, store.quota().limit(Quota.WATCHES).orElseThrow());
            } finally {
                store.control("quota", "set", "watches", Integer.toString(watches));
            }
            RuntimeException unknown = assertThrows(RuntimeException.class,
                    () -> executeCommand("xenstore:control no-such-command", ADMIN));
            assertEquals("EINVAL: no-such-command", unknown.getMessage());
        }
    }

    @Test
    public void aViewerMayAskQuotaAndAccessButNotControlInTheShell() throws Exception {
        store.write("/itest/viewer-access/node", "x");
        assertEquals(store.access(5, "/itest/viewer-access/node").toString().strip(),
                executeCommand("xenstore:access 5 /itest/viewer-access/node", VIEWER).strip());
        assertEquals(store.quota(0).nodes(), quotaLines(executeCommand("xenstore:quota 0", VIEWER)).get("nodes").intValue());
        if (daemon.kind() == XenStoreDaemon.Kind.XENSTORED) {
            assertEquals(store.quota().limits(), quotaLines(executeCommand("xenstore:quota", VIEWER)));
        }
        for (String control : List.of("xenstore:control help", "xenstore:control quota set watches 1")) {
            RuntimeException refused = assertThrows(control, RuntimeException.class, () -> executeCommand(control, VIEWER));
            assertEquals("Command not found: xenstore:control", refused.getMessage());
        }
        if (daemon.kind() == XenStoreDaemon.Kind.XENSTORED) {
            assertEquals(Quota.WATCHES.defaultLimit(), store.quota().limit(Quota.WATCHES).orElseThrow());
        }
    }

    @Test
    public void aViewerMayShowTheTraceButNotSwitchOrExportIt() throws Exception {
        try (JMXConnector adminConnector = getJMXConnector();
                JMXConnector viewerConnector = getJMXConnector("viewer", "viewer")) {
            XenStoreMBean admin = JMX.newMBeanProxy(adminConnector.getMBeanServerConnection(), mbeanName(),
                    XenStoreMBean.class);
            XenStoreMBean viewer = JMX.newMBeanProxy(viewerConnector.getMBeanServerConnection(), mbeanName(),
                    XenStoreMBean.class);
            for (String change : List.of("xenstore:trace on", "xenstore:trace off",
                    "xenstore:trace export " + System.getProperty("java.io.tmpdir") + "/jxs-itest-trace.jsonl")) {
                assertThrows(change, RuntimeException.class, () -> executeCommand(change, VIEWER));
            }
            assertFalse(admin.isTracing());
            assertThrows(SecurityException.class, () -> viewer.traceStart(100));
            executeCommand("xenstore:trace on", ADMIN);
            assertTrue(admin.isTracing());
            store.write("/itest/trace/x", "1");
            String shown = executeCommand("xenstore:trace show", VIEWER);
            assertTrue(shown, shown.contains("WRITE /itest/trace/x tx=0"));
            assertTrue(String.join("\n", viewer.traceLines(100)).contains("WRITE /itest/trace/x tx=0"));
            assertThrows(SecurityException.class, viewer::traceStop);
            assertTrue(admin.isTracing());
        } finally {
            executeCommand("xenstore:trace off", ADMIN);
        }
    }

    @Test
    public void aViewerMayAskQuotaAndAccessButNotControlOverRemoteJmx() throws Exception {
        store.write("/itest/viewer-quota/node", "x");
        store.setPerms("/itest/viewer-quota/node", List.of(Permission.parse("n0"), Permission.parse("r5")));
        try (JMXConnector connector = getJMXConnector("viewer", "viewer")) {
            XenStoreMBean mbean = JMX.newMBeanProxy(connector.getMBeanServerConnection(), mbeanName(), XenStoreMBean.class);
            assertEquals(List.of(store.access(5, "/itest/viewer-quota/node").toString().split("\n")),
                    List.of(mbean.access(5, "/itest/viewer-quota/node")));
            assertEquals(List.of(store.access(6, 5, "/itest/viewer-quota/node").toString().split("\n")),
                    List.of(mbean.accessAsTarget(6, 5, "/itest/viewer-quota/node")));
            Map<String, Integer> used = quotaLines(String.join("\n", mbean.domainQuota(0)));
            assertEquals(store.quota(0).nodes(), used.get("nodes").intValue());
            if (daemon.kind() == XenStoreDaemon.Kind.XENSTORED) {
                assertEquals(store.quota().limits(), quotaLines(String.join("\n", mbean.quota())));
            } else {
                // Let through by the ACL, refused by the daemon.
                XenStoreException refused = assertThrows(XenStoreException.class, () -> store.quota());
                IllegalStateException failed = assertThrows(IllegalStateException.class, mbean::quota);
                assertEquals(refused.describe(), failed.getMessage());
            }
            for (String[] control : List.of(new String[] {"help"}, new String[] {"quota", "set", "watches", "1"})) {
                SecurityException refused = assertThrows(SecurityException.class, () -> mbean.control(control));
                assertEquals("Insufficient roles/credentials for operation", refused.getMessage());
            }
        }
        if (daemon.kind() == XenStoreDaemon.Kind.XENSTORED) {
            assertEquals(Quota.WATCHES.defaultLimit(), store.quota().limit(Quota.WATCHES).orElseThrow());
        }
    }

    @Test
    public void mbeanImpactsAreInfoForReadingAndActionForChanging() throws Exception {
        Map<String, Integer> expected = new HashMap<>();
        for (String reading : List.of("read", "ls", "list", "exists", "getPerms", "getDomainPath", "isDomainIntroduced",
                "quota", "domainQuota", "access", "accessAsTarget", "traceLines", "traceJsonLines")) {
            expected.put(reading, MBeanOperationInfo.INFO);
        }
        for (String changing : List.of("write", "delete", "mkdir", "setPerms", "introduceDomain", "releaseDomain",
                "resumeDomain", "setTarget", "watch", "unwatch", "traceStart", "traceStop")) {
            expected.put(changing, MBeanOperationInfo.ACTION);
        }
        // CONTROL both reads (help, quota N) and changes (quota set, log) the daemon.
        expected.put("control", MBeanOperationInfo.ACTION_INFO);
        try (JMXConnector connector = getJMXConnector()) {
            Map<String, Integer> impacts = new HashMap<>();
            for (MBeanOperationInfo operation : connector.getMBeanServerConnection().getMBeanInfo(mbeanName())
                    .getOperations()) {
                assertNull(operation.getName() + " is overloaded", impacts.put(operation.getName(), operation.getImpact()));
            }
            assertEquals(expected, impacts);
        }
    }

    /** The {@code name : value} lines that {@code xenstore:quota} prints, in order. */
    private static Map<String, Integer> quotaLines(String printed) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (String line : printed.strip().split("\n")) {
            Matcher matcher = QUOTA_LINE.matcher(line.strip());
            assertTrue("not a quota line: '" + line + "' in " + printed, matcher.matches());
            assertNull("twice: " + line, lines.put(matcher.group(1), Integer.valueOf(matcher.group(2))));
        }
        return lines;
    }

    private static final Pattern QUOTA_LINE = Pattern.compile("(\\S+)\\s*[:=]\\s*(\\d+)");

    // ------------------------------------------------------------------ xenstore:watch

    @Test
    public void shellWatchReturnsAfterItsCountOfEvents() throws Exception {
        store.write("/itest/watch-count", "");
        CompletableFuture<String> watching = CompletableFuture.supplyAsync(
                () -> executeCommand("xenstore:watch --count 2 /itest/watch-count", 20_000L, false, ADMIN));
        // The first event is the registration's own; the write makes the second (written until the watch is
        // registered: a write before it makes no event).
        int written = 0;
        while (!watching.isDone() && written < 100) {
            daemon.xenstoreCli("xenstore-write", "/itest/watch-count/node", Integer.toString(written++));
            Thread.sleep(200);
        }
        assertEquals(List.of("/itest/watch-count /itest/watch-count", "/itest/watch-count/node /itest/watch-count"),
                watching.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).strip().lines().toList());
    }

    @Test
    public void shellWatchReturnsAtItsTimeout() throws Exception {
        store.write("/itest/watch-timeout", "");
        long start = System.nanoTime();
        String printed = executeCommand("xenstore:watch --timeout 1 /itest/watch-timeout", 20_000L, false, ADMIN);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals("/itest/watch-timeout /itest/watch-timeout", printed.strip());
        assertTrue(millis + " ms", millis >= 1000 && millis < 5000);
    }

    // ------------------------------------------------------------------ the installed configuration

    @Test
    public void theFeatureInstallsTheCommentedConfigurationFile() throws Exception {
        Path cfg = Path.of(System.getProperty("karaf.etc"), "io.jxs.cfg");
        assertTrue(cfg + " exists", Files.isRegularFile(cfg));
        List<String> lines = Files.readAllLines(cfg, StandardCharsets.ISO_8859_1);
        assertTrue("the shipped comments", lines.contains("# How to reach the daemon:"));
        assertTrue("transactionAttempts, which the inline config lacked",
                lines.stream().anyMatch(line -> line.matches("transactionAttempts\\s*=\\s*16")));
        Dictionary<String, Object> properties = configurationAdmin.getConfiguration("io.jxs", null).getProperties();
        assertEquals("16", String.valueOf(properties.get("transactionAttempts")));
        Path loadedFrom = Path.of(URI.create(String.valueOf(properties.get("felix.fileinstall.filename"))));
        assertTrue("the configuration comes from " + cfg, Files.isSameFile(cfg, loadedFrom));
        Configuration acl = configurationAdmin.getConfiguration("org.apache.karaf.command.acl.xenstore", null);
        assertEquals("admin", acl.getProperties().get("write"));
    }

    // ------------------------------------------------------------------ EventAdmin

    @Test
    public void whiteboardHandlerGetsOutsideChanges() throws Exception {
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
    public void configuredWatchReachesHandlers() throws Exception {
        // What config:property-set watches /itest/cfg (or etc/io.jxs.cfg) does.
        setConfig("watches", "/itest/cfg");
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> registration = registerHandler(events, "/itest/cfg", null);
        try {
            awaitEvent(events, "/itest/cfg", () -> daemon.xenstoreCli("xenstore-write", "/itest/cfg/node", "1"),
                    "/itest/cfg/node");
        } finally {
            registration.unregister();
            setConfig("watches", "");
        }
    }

    // ------------------------------------------------------------------ configuration changes

    @Test
    public void aRefusedConfigurationIsShownByStatusAndKeepsTheConnection() throws Exception {
        Object before = configurationAdmin.getConfiguration("io.jxs", null).getProperties().get("requestTimeout");
        try {
            // What config:property-set -p io.jxs requestTimeout 0 does: refused, which only karaf.log said before.
            setConfig("requestTimeout", "0");
            awaitTrue("xenstore:status shows the refused configuration", () -> executeCommand("xenstore:status", VIEWER)
                    .contains("refused configuration: io.jxs: request timeout must be positive: PT0S; "
                            + "kept the previous configuration"));
            String status = executeCommand("xenstore:status", VIEWER);
            assertTrue(status, status.contains("connected: true"));
            assertTrue(status, status.lines().anyMatch(line -> line.strip().equals("last connection error:")));
            store.write("/itest/refused-config", "still served");
            assertEquals("still served", store.readString("/itest/refused-config"));
        } finally {
            setConfig("requestTimeout", before == null ? "30000" : before.toString());
        }
        awaitTrue("a good configuration clears the refusal", () -> executeCommand("xenstore:status", VIEWER)
                .lines().anyMatch(line -> line.strip().equals("refused configuration:")));
    }

    @Test
    public void configChangeHandsTheServiceOverToTheNewDaemon() throws Exception {
        XenStore before = store;
        io.jxs.AsyncXenStore asyncBefore = store.async();
        try (XenStoreDaemon second = XenStoreDaemon.start(daemon.kind())) {
            second.xenstoreCli("xenstore-write", "/itest/second", "yes");
            setConfig("socketPath", second.socketPath().toString());
            awaitTrue("the service moves to the second daemon", () -> publishedFor(second));
            // The object a consumer already holds now talks to the new daemon.
            assertEquals("yes", before.readString("/itest/second"));
            assertEquals("yes", asyncBefore.readString("/itest/second").get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
            // A DS consumer was rebound and watches the new daemon: the recipes bundle's domain events.
            BlockingQueue<Event> domainEvents = new LinkedBlockingQueue<>();
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(EventConstants.EVENT_TOPIC, io.jxs.event.DomainEvents.INTRODUCED);
            properties.put(EventConstants.EVENT_FILTER, "(" + io.jxs.event.DomainEvents.DOMID + "=9)");
            ServiceRegistration<EventHandler> registration = bundleContext.registerService(EventHandler.class,
                    domainEvents::add, properties);
            try {
                before.write("/local/domain/9/name", "moved");
                before.introduceDomain(9, 4096, 9);
                assertNotNull("no domain event from the new daemon",
                        domainEvents.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
                before.releaseDomain(9);
            } finally {
                registration.unregister();
            }
        } finally {
            setConfig("socketPath", daemon.socketPath().toString());
            awaitTrue("the service moves back", () -> publishedFor(daemon));
        }
        assertFalse(store.exists("/itest/second"));
    }

    // ------------------------------------------------------------------ losing the daemon

    @Test
    public void daemonStopAndRestart() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> registration = registerHandler(events, "/itest/rc", "/itest/rc");
        try (JMXConnector connector = getJMXConnector()) {
            awaitEvent(events, "/itest/rc", () -> daemon.xenstoreCli("xenstore-write", "/itest/rc/before", "1"),
                    "/itest/rc/before", () -> bridgeState(connector));
            MBeanServerConnection connection = connector.getMBeanServerConnection();
            ObjectName name = mbeanName();

            daemon.stop();
            awaitTrue("the service is unpublished", () -> bundleContext.getServiceReference(XenStore.class) == null);
            assertEquals(Boolean.FALSE, connection.getAttribute(name, "Connected"));
            assertFalse(((String) connection.getAttribute(name, "LastConnectionError")).isEmpty());

            daemon.restart();
            awaitTrue("the service is published again", () -> bundleContext.getServiceReference(XenStore.class) != null);
            assertEquals(Boolean.TRUE, connection.getAttribute(name, "Connected"));

            // The injected object works again, and the bridge's watch was registered again on the new
            // connection (that each watch fires once then is ReconnectIT's, against both daemons).
            store.write("/itest/rc/mine", "back");
            assertEquals("back", daemon.xenstoreCli("xenstore-read", "/itest/rc/mine"));
            awaitEvent(events, "/itest/rc", () -> daemon.xenstoreCli("xenstore-write", "/itest/rc/node", "1"),
                    "/itest/rc/node", () -> bridgeState(connector));
        } finally {
            registration.unregister();
        }
    }


    // ------------------------------------------------------------------ recipes

    @Test
    public void theRecipesBundleMirrorsASubtreeOfTheService() throws Exception {
        store.write("/itest/mirror/a", "1");
        try (io.jxs.recipes.TreeCache mirror = new io.jxs.recipes.TreeCache(store, "/itest/mirror")) {
            mirror.start(java.time.Duration.ofSeconds(10));
            assertArrayEquals("1".getBytes(StandardCharsets.UTF_8), mirror.read("/itest/mirror/a").orElseThrow());
            daemon.xenstoreCli("xenstore-write", "/itest/mirror/b", "2");
            store.write("/itest/mirror/fence", "x");
            mirror.sync(java.time.Duration.ofSeconds(10));
            assertArrayEquals("2".getBytes(StandardCharsets.UTF_8), mirror.read("/itest/mirror/b").orElseThrow());
        }
    }

    @Test
    public void theShellWaitsForADeviceStateAndNamesStates() throws Exception {
        store.write("/itest/dev/fe/backend", "/itest/dev/be");
        store.write("/itest/dev/fe/state", "3");
        store.write("/itest/dev/be/frontend", "/itest/dev/fe");
        store.write("/itest/dev/be/state", "2");
        assertEquals("2 (InitWait)", executeCommand("xenstore:read /itest/dev/be/state", VIEWER).strip());
        assertTrue(executeCommand("xenstore:ls /itest/dev", VIEWER).contains("state = \"3\" (Initialised)"));
        java.util.concurrent.CompletableFuture<String> waiting = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> executeCommand("xenstore:wait --timeout 20 /itest/dev/be Connected", VIEWER));
        Thread.sleep(500);
        daemon.xenstoreCli("xenstore-write", "/itest/dev/be/state", "4");
        assertEquals("/itest/dev/be/state = 4 (Connected)", waiting.get(30, TimeUnit.SECONDS).strip());
        RuntimeException timedOut = assertThrows(RuntimeException.class,
                () -> executeCommand("xenstore:wait -t 1 /itest/dev/fe Connected", VIEWER));
        assertTrue(timedOut.getMessage(), timedOut.getMessage().contains("Initialised (3)")
                && timedOut.getMessage().contains("Connected (4)"));
    }

    @Test
    public void domainsIntroducedAndReleasedArePostedToEventAdmin() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, io.jxs.event.DomainEvents.TOPIC_ALL);
        properties.put(EventConstants.EVENT_FILTER, "(" + io.jxs.event.DomainEvents.DOMID + "=7)");
        ServiceRegistration<EventHandler> registration = bundleContext.registerService(EventHandler.class, events::add,
                properties);
        try {
            store.write("/local/domain/7/name", "itest"); // a toolstack writes the home first
            store.introduceDomain(7, 4096, 7);
            Event introduced = events.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            assertNotNull("no event for the introduced domain", introduced);
            assertEquals(io.jxs.event.DomainEvents.INTRODUCED, introduced.getTopic());
            assertEquals(7, introduced.getProperty(io.jxs.event.DomainEvents.DOMID));
            store.releaseDomain(7);
            Event released = events.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            assertNotNull("no event for the released domain", released);
            assertEquals(io.jxs.event.DomainEvents.RELEASED, released.getTopic());
        } finally {
            registration.unregister();
            store.delete("/local/domain/7");
        }
    }
}
