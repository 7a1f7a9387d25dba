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
package io.jxs.distribution;

import static io.jxs.distribution.Processes.await;
import static io.jxs.distribution.Processes.kill;
import static io.jxs.distribution.Processes.run;
import static io.jxs.distribution.Processes.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.distribution.Processes.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's session against the built distribution ({@link StartedDistribution}, started with {@code bin/jxs
 * start}): write and read a node with {@code bin/client} exactly as the README shows, see its watch event on
 * EventAdmin (Karaf's {@code event:display}), read {@code Connected} of the jxs MBean over remote JMX with the
 * shipped demo user, the viewer's reads and refusals, {@code bin/jxs client}'s batch mode and the ends of
 * {@code xenstore:watch}. Stopping it, and that no process and no socket are left, is the fixture's close.
 */
@ExtendWith(DistributionExtension.class)
class DistributionIT {
    private static final String USER = StartedDistribution.ADMIN;
    private static final String PASSWORD = StartedDistribution.ADMIN;
    /** The shipped viewer; its password is its name. */
    private static final String VIEWER = StartedDistribution.VIEWER;
    private static final String TOPIC = "io/jxs/xenstore/WATCH";

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void startsServesClientAndJmxAndStops(StartedDistribution distribution) throws Exception {
        Path home = distribution.home();
        Map<String, String> env = distribution.env();
        Path socket = distribution.socket();
        assertTrue(socket.toString().length() <= 107, "Unix socket path too long: " + socket);
        assertFollowsTheFeaturesConfiguration(distribution.shippedConfiguration());
        String jmxUrl = distribution.jmxUrl();
        String started = distribution.startOutput();
        assertContains(started, "ready after");
        assertContains(started, "else the embedded store");
        assertContains(started, socket.toString());
        assertContains(started, jmxUrl);
        assertContains(started, "user karaf, password karaf");
        assertContains(started, TOPIC);

        // Ready once bin/jxs start has returned: the console answers at the first try (bin/client without
        // retries) and jxs is connected to the embedded store (which has /tool).
        Result listing = client(env, home, "xenstore:ls /");
        assertEquals(0, listing.exit(), "xenstore:ls / right after bin/jxs start failed:\n" + listing.output());
        assertContains(listing.output(), "tool");
        // As xenstore-ls: a missing node is an error, and bin/client exits with 1.
        Result missing = client(env, home, "xenstore:ls /nonexistent");
        assertEquals(1, missing.exit(), "xenstore:ls /nonexistent:\n" + missing.output());
        assertContains(missing.output(), "ENOENT: /nonexistent");
        // The boot must not refresh the startup bundles (it did when EventAdmin came only at boot, and that
        // refresh could deadlock the start level thread: a boot that sometimes never finishes).
        String log = Files.readString(home.resolve("data/log/karaf.log"), StandardCharsets.UTF_8);
        assertTrue(!log.contains("Stopping bundles:"), "the boot features refreshed startup bundles:\n"
                + Processes.tail(log, 60));
        // The log says why the embedded store is used: nothing answered at the default socket ($XENSTORED_RUNDIR).
        assertContains(log, "nothing answers at " + Path.of(env.get("XENSTORED_RUNDIR"), "socket")
                + ": using the fallback socket " + home.resolve("data/xenstore/socket"));

        // Watch events on EventAdmin: watch /e2e (its first event comes at once), then the write's event.
        Result watch = client(env, home, "config:property-set -p io.jxs watches /e2e");
        assertEquals(0, watch.exit(), "config:property-set failed:\n" + watch.output());
        await("the initial watch event of /e2e", Duration.ofSeconds(30),
                () -> events(env, home).contains("path: /e2e\n") ? true : null);

        Result write = client(env, home, "xenstore:write /e2e/x hello");
        assertEquals(0, write.exit(), "xenstore:write failed:\n" + write.output());
        Result read = client(env, home, "xenstore:read /e2e/x");
        assertEquals(0, read.exit(), "xenstore:read failed:\n" + read.output());
        assertEquals(List.of("hello"), read.output().lines().map(String::strip).filter(l -> !l.isEmpty()).toList(),
                "xenstore:read /e2e/x printed:\n" + read.output());

        await("the watch event of /e2e/x on " + TOPIC, Duration.ofSeconds(30),
                () -> events(env, home).contains("path: /e2e/x\n") ? true : null);

        // Remote JMX with the shipped user: the MBean says it is connected, to the embedded store's socket.
        JMXServiceURL url = new JMXServiceURL(jmxUrl);
        ObjectName xenstore = new ObjectName("io.jxs:type=XenStore,name=root");
        Object connected = await("io.jxs:type=XenStore,name=root Connected over JMX", Duration.ofSeconds(60), () -> {
            try (JMXConnector connector = JMXConnectorFactory.connect(url, credentials(USER, PASSWORD))) {
                MBeanServerConnection mbeans = connector.getMBeanServerConnection();
                Object value = mbeans.getAttribute(xenstore, "Connected");
                assertEquals(socket.toString(), mbeans.getAttribute(xenstore, "Path"));
                return Boolean.TRUE.equals(value) ? value : null;
            } catch (IOException | javax.management.JMException e) {
                return null;
            }
        });
        assertEquals(Boolean.TRUE, connected);
        assertThrows(SecurityException.class,
                () -> JMXConnectorFactory.connect(url, credentials(USER, "wrong")).close(),
                "a wrong password must be refused");

        // The shipped viewer reads, in the shell and over JMX, and may change nothing.
        Result viewerRead = client(env, home, VIEWER, "xenstore:read /e2e/x");
        assertEquals(0, viewerRead.exit(), "the viewer's xenstore:read failed:\n" + viewerRead.output());
        assertContains(viewerRead.output(), "hello");
        Result viewerWrite = client(env, home, VIEWER, "xenstore:write /e2e/x changed");
        // Refused (the ACL hides the command from the viewer); Karaf's batch mode prints nothing for it.
        assertEquals(1, viewerWrite.exit(), "the viewer's xenstore:write:\n" + viewerWrite.output());
        try (JMXConnector connector = JMXConnectorFactory.connect(url, credentials(VIEWER, VIEWER))) {
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            assertEquals(Boolean.TRUE, mbeans.getAttribute(xenstore, "Connected"));
            assertThrows(SecurityException.class, () -> mbeans.invoke(xenstore, "write",
                    new Object[] {"/e2e/x", "changed"}, new String[] {String.class.getName(), String.class.getName()}),
                    "the viewer may not write over JMX");
        }
        assertEquals("hello", client(env, home, "xenstore:read /e2e/x").output().strip());

        // bin/jxs client: "help CMD" prints the command's help; a script says which command failed and that
        // the rest did not run (bin/client -b alone prints nothing for the first, stops silently for the second).
        Result help = run(env, home, Duration.ofSeconds(60), "bin/jxs", "client", "help xenstore:write");
        assertEquals(0, help.exit(), help.output());
        assertContains(help.output(), "Writes a node's value");
        Result script = run(env, home, Duration.ofSeconds(60), "bash", "-c",
                "printf 'xenstore:read /e2e/missing\\nxenstore:write /e2e/after 1\\n' | bin/jxs client");
        assertEquals(1, script.exit(), script.output());
        assertContains(script.output(), "ENOENT: /e2e/missing");
        assertContains(script.output(), "command 1 of 2 failed: xenstore:read /e2e/missing");
        assertContains(script.output(), "the 1 after it did not run");

        assertWatchEndsAtItsCountInBatchMode(env, home);
        assertWatchEndsWithItsSession(env, home, distribution.pid());
        assertCtrlCStopsWatch(env, home, distribution.pid());
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The distribution ships its own etc/io.jxs.cfg (the feature keeps a file that is there), built from the
     * feature's: the same lines but for the fallback socket that points jxs at the embedded store.
     */
    private static void assertFollowsTheFeaturesConfiguration(List<String> shipped) throws IOException {
        List<String> expected = Files.readAllLines(Path.of(StartedDistribution.requiredProperty("jxs.feature.cfg")))
                .stream()
                .map(line -> line.equals("fallbackSocketPath =")
                        ? "fallbackSocketPath = ${karaf.data}/xenstore/socket" : line)
                .toList();
        assertTrue(expected.contains("fallbackSocketPath = ${karaf.data}/xenstore/socket"),
                "the feature's io.jxs.cfg has no line 'fallbackSocketPath ='");
        assertEquals(expected, shipped, "etc/io.jxs.cfg differs from the feature's io.jxs.cfg");
    }

    /**
     * {@code xenstore:watch --count 2} through {@code bin/client -b}: it prints the initial event and the event of
     * a write, and returns (before, batch mode printed nothing and never returned).
     */
    private static void assertWatchEndsAtItsCountInBatchMode(Map<String, String> env, Path home) throws Exception {
        Path output = Files.createTempFile("jxs-e2e-watch", ".out");
        Process watch = start(env, home, output, "bash", "-c",
                "echo 'xenstore:watch --count 2 /e2e-watch' | bin/client -u " + USER + " -p " + PASSWORD + " -b");
        try {
            // Until the command has seen a write after its initial event: when it has registered is not visible.
            for (int i = 0; i < 60 && watch.isAlive(); i++) {
                assertEquals(0, client(env, home, "xenstore:write /e2e-watch/x " + i).exit());
                watch.waitFor(500, TimeUnit.MILLISECONDS);
            }
            assertTrue(!watch.isAlive(), "xenstore:watch --count 2 did not return:\n" + Files.readString(output));
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, watch.exitValue(), printed);
            assertContains(printed, "/e2e-watch /e2e-watch");
            assertContains(printed, "/e2e-watch/x /e2e-watch");
        } finally {
            kill(watch);
            Files.deleteIfExists(output);
        }
    }

    /**
     * {@code xenstore:watch} in a console session whose client is killed: its thread ends (before, it stayed
     * blocked for the life of the container, since the shell does not interrupt a command whose session ended).
     */
    private static void assertWatchEndsWithItsSession(Map<String, String> env, Path home, long karafPid)
            throws Exception {
        Path output = Files.createTempFile("jxs-e2e-session", ".out");
        Process session = start(env, home, output, "bash", "-c",
                "(echo 'xenstore:watch /e2e-session'; sleep 300) | bin/client -u " + USER + " -p " + PASSWORD);
        try {
            await("a console session running xenstore:watch", Duration.ofSeconds(60),
                    () -> threadDump(karafPid).contains("io.jxs.command.WatchCommand") ? true : null);
        } finally {
            kill(session);
            Files.deleteIfExists(output);
        }
        await("no thread left in xenstore:watch after its session ended", Duration.ofSeconds(20),
                () -> threadDump(karafPid).contains("io.jxs.command.WatchCommand") ? null : true);
    }

    /**
     * Ctrl-C in an interactive console (a terminal, as ssh and bin/client give one; here through script(1)) stops
     * {@code xenstore:watch} after it has printed events, leaves no thread in it, and the console runs the next
     * command (the issue saw it hang there).
     */
    private static void assertCtrlCStopsWatch(Map<String, String> env, Path home, long karafPid) throws Exception {
        Path output = Files.createTempFile("jxs-e2e-ctrlc", ".out");
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec",
                "bin/client -u " + USER + " -p " + PASSWORD, "/dev/null")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process console = builder.start();
        try (OutputStream keys = console.getOutputStream()) {
            await("the console's prompt", Duration.ofSeconds(60),
                    () -> printed(output).contains("@root()>") ? true : null);
            type(keys, "xenstore:watch /e2e-ctrlc\r");
            await("the watch's first event", Duration.ofSeconds(30),
                    () -> printed(output).contains("/e2e-ctrlc /e2e-ctrlc") ? true : null);
            assertEquals(0, client(env, home, "xenstore:write /e2e-ctrlc/x 1").exit());
            await("the event of a write", Duration.ofSeconds(30),
                    () -> printed(output).contains("/e2e-ctrlc/x /e2e-ctrlc") ? true : null);
            type(keys, "\u0003");
            await("no thread left in xenstore:watch after Ctrl-C", Duration.ofSeconds(20),
                    () -> threadDump(karafPid).contains("io.jxs.command.WatchCommand") ? null : true);
            type(keys, "xenstore:write /e2e-ctrlc/after 1\r");
            await("the console running the next command", Duration.ofSeconds(30),
                    () -> client(env, home, "xenstore:exists /e2e-ctrlc/after").output().contains("true") ? true : null);
            type(keys, "logout\r");
        } finally {
            Processes.kill(console);
            Files.deleteIfExists(output);
        }
    }

    private static void type(OutputStream keys, String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private static String printed(Path output) {
        try {
            return Files.readString(output, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stack traces of every thread of the container, by the JDK's jstack. */
    private static String threadDump(long pid) {
        Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
        Result dump = run(Map.of(), Path.of("."), Duration.ofSeconds(30), jstack.toString(), Long.toString(pid));
        assertEquals(0, dump.exit(), "jstack " + pid + " failed:\n" + dump.output());
        return dump.output();
    }

    /** The events Karaf's event:display remembers on the jxs topic, with their properties. */
    private static String events(Map<String, String> env, Path home) {
        return client(env, home, "event:display -v " + TOPIC).output().replace("\r", "");
    }

    /** The README's form: the command on standard input of bin/client in batch mode. */
    private static Result client(Map<String, String> env, Path home, String command) {
        return client(env, home, USER, command);
    }

    /** Runs a console command as a shipped user, whose password is the user's name for the viewer. */
    private static Result client(Map<String, String> env, Path home, String user, String command) {
        String password = user.equals(USER) ? PASSWORD : user;
        return run(env, home, Duration.ofSeconds(60), "bash", "-c",
                "echo '" + command + "' | bin/client -u " + user + " -p " + password + " -b");
    }

    private static Map<String, ?> credentials(String user, String password) {
        return Map.of(JMXConnector.CREDENTIALS, new String[] {user, password});
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), "expected \"" + expected + "\" in:\n" + text);
    }

}
