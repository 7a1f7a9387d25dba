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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's session against the built distribution: unpack it, start it in the background with {@code bin/jxs
 * start} (no real xenstored: a private, empty {@code XENSTORED_RUNDIR}, so the embedded store is used), write and
 * read a node with {@code bin/client} exactly as the README shows, see its watch event on EventAdmin (Karaf's
 * {@code event:display}), read {@code Connected} of the jxs MBean over
 * remote JMX with the shipped demo user, stop it, and check that no process and no socket are left.
 *
 * <p>The unpacked copy gets free ports for SSH and the RMI registry and server, so it does not clash with other
 * containers on the machine.
 */
class DistributionIT {
    private static final String USER = "karaf";
    private static final String PASSWORD = "karaf";
    /** The shipped viewer; its password is its name. */
    private static final String VIEWER = "viewer";
    private static final String TOPIC = "io/jxs/xenstore/WATCH";
    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration STOPPED = Duration.ofSeconds(60);

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void startsServesClientAndJmxAndStops() throws Exception {
        Path archive = Path.of(requiredProperty("jxs.distribution.archive"));
        assertTrue(Files.isRegularFile(archive), "the distribution was not built: " + archive);
        Path work = Path.of(requiredProperty("jxs.e2e.dir")).toAbsolutePath();
        deleteRecursively(work);
        Path home = Files.createDirectories(work.resolve("jxs"));
        Path rundir = Files.createDirectories(work.resolve("rundir")); // stays empty: no "real" daemon
        Map<String, String> env = environment(rundir);

        run(env, work, Duration.ofSeconds(60), "tar", "xzf", archive.toString(), "-C", home.toString(),
                "--strip-components=1");
        Path socket = home.resolve("data/xenstore/socket");
        assertTrue(socket.toString().length() <= 107, "Unix socket path too long: " + socket);
        assertFollowsTheFeaturesConfiguration(home.resolve("etc/io.jxs.cfg"));

        int[] ports = freePorts(3);
        int registryPort = ports[0];
        int serverPort = ports[1];
        int sshPort = ports[2];
        Path management = home.resolve("etc/org.apache.karaf.management.cfg");
        setProperty(management, "rmiRegistryPort", Integer.toString(registryPort));
        setProperty(management, "rmiServerPort", Integer.toString(serverPort));
        setProperty(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", Integer.toString(sshPort));
        String jmxUrl = "service:jmx:rmi://127.0.0.1:" + serverPort + "/jndi/rmi://127.0.0.1:" + registryPort
                + "/karaf-root";

        Result started = run(env, home, READY.plusSeconds(30), "bin/jxs", "start");
        assertEquals(0, started.exit, "bin/jxs start failed:\n" + started.output);
        assertContains(started.output, "ready after");
        assertContains(started.output, "else the embedded store");
        assertContains(started.output, socket.toString());
        assertContains(started.output, jmxUrl);
        assertContains(started.output, "user karaf, password karaf");
        assertContains(started.output, TOPIC);

        Path pidFile = home.resolve("karaf.pid");
        Throwable failure = null;
        try {
            await("karaf.pid", Duration.ofSeconds(60), () -> readPid(pidFile));

            // Ready once bin/jxs start has returned: the console answers at the first try (bin/client without
            // retries) and jxs is connected to the embedded store (which has /tool).
            Result listing = client(env, home, "xenstore:ls /");
            assertEquals(0, listing.exit, "xenstore:ls / right after bin/jxs start failed:\n" + listing.output);
            assertContains(listing.output, "tool");
            // As xenstore-ls: a missing node is an error, and bin/client exits with 1.
            Result missing = client(env, home, "xenstore:ls /nonexistent");
            assertEquals(1, missing.exit, "xenstore:ls /nonexistent:\n" + missing.output);
            assertContains(missing.output, "ENOENT: /nonexistent");
            // The boot must not refresh the startup bundles (it did when EventAdmin came only at boot, and that
            // refresh could deadlock the start level thread: a boot that sometimes never finishes).
            String log = Files.readString(home.resolve("data/log/karaf.log"), StandardCharsets.UTF_8);
            assertTrue(!log.contains("Stopping bundles:"), "the boot features refreshed startup bundles:\n"
                    + tail(log, 60));

            // Watch events on EventAdmin: watch /e2e (its first event comes at once), then the write's event.
            Result watch = client(env, home, "config:property-set -p io.jxs watches /e2e");
            assertEquals(0, watch.exit, "config:property-set failed:\n" + watch.output);
            await("the initial watch event of /e2e", Duration.ofSeconds(30),
                    () -> events(env, home).contains("path: /e2e\n") ? true : null);

            Result write = client(env, home, "xenstore:write /e2e/x hello");
            assertEquals(0, write.exit, "xenstore:write failed:\n" + write.output);
            Result read = client(env, home, "xenstore:read /e2e/x");
            assertEquals(0, read.exit, "xenstore:read failed:\n" + read.output);
            assertEquals(List.of("hello"), read.output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList(),
                    "xenstore:read /e2e/x printed:\n" + read.output);

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
            assertEquals(0, viewerRead.exit, "the viewer's xenstore:read failed:\n" + viewerRead.output);
            assertContains(viewerRead.output, "hello");
            Result viewerWrite = client(env, home, VIEWER, "xenstore:write /e2e/x changed");
            // Refused (the ACL hides the command from the viewer); Karaf's batch mode prints nothing for it.
            assertEquals(1, viewerWrite.exit, "the viewer's xenstore:write:\n" + viewerWrite.output);
            try (JMXConnector connector = JMXConnectorFactory.connect(url, credentials(VIEWER, VIEWER))) {
                MBeanServerConnection mbeans = connector.getMBeanServerConnection();
                assertEquals(Boolean.TRUE, mbeans.getAttribute(xenstore, "Connected"));
                assertThrows(SecurityException.class, () -> mbeans.invoke(xenstore, "write",
                        new Object[] {"/e2e/x", "changed"}, new String[] {String.class.getName(), String.class.getName()}),
                        "the viewer may not write over JMX");
            }
            assertEquals("hello", client(env, home, "xenstore:read /e2e/x").output.strip());

            // bin/jxs client: "help CMD" prints the command's help; a script says which command failed and that
            // the rest did not run (bin/client -b alone prints nothing for the first, stops silently for the second).
            Result help = run(env, home, Duration.ofSeconds(60), "bin/jxs", "client", "help xenstore:write");
            assertEquals(0, help.exit, help.output);
            assertContains(help.output, "Writes a node's value");
            Result script = run(env, home, Duration.ofSeconds(60), "bash", "-c",
                    "printf 'xenstore:read /e2e/missing\\nxenstore:write /e2e/after 1\\n' | bin/jxs client");
            assertEquals(1, script.exit, script.output);
            assertContains(script.output, "ENOENT: /e2e/missing");
            assertContains(script.output, "command 1 of 2 failed: xenstore:read /e2e/missing");
            assertContains(script.output, "the 1 after it did not run");

            assertWatchEndsAtItsCountInBatchMode(env, home);
            assertWatchEndsWithItsSession(env, home, readPid(pidFile));
        } catch (Throwable t) {
            failure = t;
            Path log = home.resolve("data/log/karaf.log");
            if (Files.isRegularFile(log)) {
                t.addSuppressed(new AssertionError("end of " + log + ":\n"
                        + tail(Files.readString(log, StandardCharsets.UTF_8), 40)));
            }
            throw t;
        } finally {
            String problem = stop(env, home, readPid(pidFile));
            if (problem != null) {
                if (failure != null) {
                    failure.addSuppressed(new AssertionError(problem));
                } else {
                    fail(problem);
                }
            }
        }
        assertTrue(processesUnder(home).isEmpty(), "processes left: " + processesUnder(home));
        assertTrue(Files.notExists(socket), "the embedded store's socket was not removed: " + socket);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Stops the container with bin/jxs stop and waits for its JVM to end; kills whatever is left.
     *
     * @return null when it stopped cleanly, else what went wrong
     */
    /**
     * The distribution ships its own etc/io.jxs.cfg (the feature keeps a file that is there), built from the
     * feature's: the same lines but for the fallback socket that points jxs at the embedded store.
     */
    private static void assertFollowsTheFeaturesConfiguration(Path shipped) throws IOException {
        List<String> expected = Files.readAllLines(Path.of(requiredProperty("jxs.feature.cfg"))).stream()
                .map(line -> line.equals("fallbackSocketPath =")
                        ? "fallbackSocketPath = ${karaf.data}/xenstore/socket" : line)
                .toList();
        assertTrue(expected.contains("fallbackSocketPath = ${karaf.data}/xenstore/socket"),
                "the feature's io.jxs.cfg has no line 'fallbackSocketPath ='");
        assertEquals(expected, Files.readAllLines(shipped), shipped + " differs from the feature's io.jxs.cfg");
    }

    private static String stop(Map<String, String> env, Path home, Long pid) throws InterruptedException {
        Result stopped = run(env, home, Duration.ofSeconds(60), "bin/jxs", "stop");
        boolean exited = pid == null || awaitExit(pid, STOPPED);
        List<ProcessHandle> left = processesUnder(home);
        if (exited && left.isEmpty()) {
            return null;
        }
        left.forEach(ProcessHandle::destroyForcibly);
        if (pid != null) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        return "the container did not stop with bin/jxs stop (pid " + pid + ", left " + left + "):\n"
                + stopped.output;
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
                assertEquals(0, client(env, home, "xenstore:write /e2e-watch/x " + i).exit);
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

    /** Starts a command with its output to a file, without waiting for it. */
    private static Process start(Map<String, String> env, Path dir, Path output, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Kills a process and everything it started. */
    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** The stack traces of every thread of the container, by the JDK's jstack. */
    private static String threadDump(long pid) {
        Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
        Result dump = run(Map.of(), Path.of("."), Duration.ofSeconds(30), jstack.toString(), Long.toString(pid));
        assertEquals(0, dump.exit, "jstack " + pid + " failed:\n" + dump.output);
        return dump.output;
    }

    /** The events Karaf's event:display remembers on the jxs topic, with their properties. */
    private static String events(Map<String, String> env, Path home) {
        return client(env, home, "event:display -v " + TOPIC).output.replace("\r", "");
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

    /** A clean environment: no daemon from the caller's XENSTORED_PATH, no other Karaf's settings. */
    private static Map<String, String> environment(Path rundir) {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.keySet().removeIf(key -> key.startsWith("KARAF_") || key.startsWith("JXS_")
                || key.equals("XENSTORED_PATH") || key.equals("EXTRA_JAVA_OPTS"));
        env.put("XENSTORED_RUNDIR", rundir.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return env;
    }

    private static Map<String, ?> credentials(String user, String password) {
        return Map.of(JMXConnector.CREDENTIALS, new String[] {user, password});
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Map<String, String> env, Path dir, Duration timeout, String... command) {
        try {
            Path out = Files.createTempFile("jxs-e2e", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectErrorStream(true).redirectOutput(out.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                builder.environment().clear();
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                    return new Result(-1, String.join(" ", command) + ": timed out after " + timeout + "\n"
                            + Files.readString(out, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(String what, Duration timeout, Supplier<T> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                fail("not ready after " + timeout + ": " + what);
            }
            Thread.sleep(1000);
        }
    }

    private static Long readPid(Path pidFile) {
        try {
            String text = Files.exists(pidFile) ? Files.readString(pidFile).strip() : "";
            return text.isEmpty() ? null : Long.valueOf(text);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static boolean awaitExit(long pid, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(250);
        }
        return true;
    }

    /** Processes whose command line names the unpacked distribution (the java and bin/karaf wrapper). */
    private static List<ProcessHandle> processesUnder(Path home) {
        String marker = home.toString();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(ProcessHandle::isAlive)
                    .filter(p -> p.pid() != ProcessHandle.current().pid())
                    .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                    .toList();
        }
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void setProperty(Path file, String key, String value) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        Matcher line = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + "\\s*=.*$").matcher(text);
        assertTrue(line.find(), key + " not found in " + file);
        Files.writeString(file, line.replaceAll(Matcher.quoteReplacement(key + " = " + value)),
                StandardCharsets.ISO_8859_1);
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), "expected \"" + expected + "\" in:\n" + text);
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            fail("system property " + name + " is not set (run through Maven: mvn verify -pl distribution)");
        }
        return value;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
