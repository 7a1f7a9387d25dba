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

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The built distribution, unpacked and started once with {@code bin/jxs start} for every end-to-end test of the
 * build (see {@link DistributionExtension}): no real xenstored (a private, empty {@code XENSTORED_RUNDIR}, so the
 * embedded store is used), free ports for SSH, the RMI registry and server and the HTTP service, so that it does not
 * clash with other containers on the machine. Closing it stops it with {@code bin/jxs stop} and fails when a process
 * or the embedded store's socket is left.
 */
final class StartedDistribution implements ExtensionContext.Store.CloseableResource {
    /** The shipped administrator; the password is its name. */
    static final String ADMIN = "karaf";
    /** The shipped viewer; the password is its name. */
    static final String VIEWER = "viewer";
    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration STOPPED = Duration.ofSeconds(60);

    private final Path home;
    private final Map<String, String> env;
    private final List<String> shippedConfiguration;
    private final int registryPort;
    private final int serverPort;
    private final int sshPort;
    private final int httpPort;
    private final Processes.Result started;
    private final long pid;

    private StartedDistribution(Path home, Map<String, String> env, List<String> shippedConfiguration, int[] ports,
            Processes.Result started, long pid) {
        this.home = home;
        this.env = env;
        this.shippedConfiguration = shippedConfiguration;
        this.registryPort = ports[0];
        this.serverPort = ports[1];
        this.sshPort = ports[2];
        this.httpPort = ports[3];
        this.started = started;
        this.pid = pid;
    }

    /**
     * Unpacks the archive named by the system property {@code jxs.distribution.archive} below
     * {@code jxs.e2e.dir}, gives it free ports, starts it and waits until its console and its web page answer.
     *
     * @return the running container
     * @throws AssertionError when it is not built or does not start (with the end of its log)
     * @throws Exception when a command cannot run
     */
    static StartedDistribution start() throws Exception {
        Path archive = Path.of(requiredProperty("jxs.distribution.archive"));
        assertTrue(Files.isRegularFile(archive), "the distribution was not built: " + archive);
        Path work = Path.of(requiredProperty("jxs.e2e.dir")).toAbsolutePath();
        deleteRecursively(work);
        Path home = Files.createDirectories(work.resolve("jxs"));
        Path rundir = Files.createDirectories(work.resolve("rundir")); // stays empty: no "real" daemon
        Map<String, String> env = environment(rundir);

        Processes.Result unpacked = Processes.run(env, work, Duration.ofSeconds(60), "tar", "xzf",
                archive.toString(), "-C", home.toString(), "--strip-components=1");
        assertTrue(unpacked.exit() == 0, "tar failed:\n" + unpacked.output());
        List<String> shipped = Files.readAllLines(home.resolve("etc/io.jxs.cfg"));

        int[] ports = freePorts(4);
        Path management = home.resolve("etc/org.apache.karaf.management.cfg");
        setProperty(management, "rmiRegistryPort", Integer.toString(ports[0]));
        setProperty(management, "rmiServerPort", Integer.toString(ports[1]));
        setProperty(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", Integer.toString(ports[2]));
        setProperty(home.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port",
                Integer.toString(ports[3]));

        Processes.Result started = Processes.run(env, home, READY.plusSeconds(30), "bin/jxs", "start");
        Path pidFile = home.resolve("karaf.pid");
        Long pid = started.exit() == 0 ? Processes.await("karaf.pid", Duration.ofSeconds(60), () -> readPid(pidFile))
                : readPid(pidFile);
        StartedDistribution distribution = new StartedDistribution(home, env, shipped, ports, started,
                pid == null ? -1 : pid);
        try {
            assertTrue(started.exit() == 0, "bin/jxs start failed:\n" + started.output());
            distribution.awaitPage();
        } catch (Throwable t) {
            t.addSuppressed(new AssertionError(distribution.logTail()));
            String problem = distribution.stop();
            if (problem != null) {
                t.addSuppressed(new AssertionError(problem));
            }
            throw t;
        }
        return distribution;
    }

    /** Waits until the page is registered on the HTTP service: it asks for credentials. */
    private void awaitPage() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(url("/jxs/index.html")).timeout(Duration.ofSeconds(10)).build();
        Processes.await("the page at " + request.uri() + " asking for credentials", READY, () -> {
            try {
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 401 ? true : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** The unpacked distribution, its {@code KARAF_HOME}. */
    Path home() {
        return home;
    }

    /** The environment its commands run in. */
    Map<String, String> env() {
        return env;
    }

    /** The lines of {@code etc/io.jxs.cfg} as unpacked, before the container started. */
    List<String> shippedConfiguration() {
        return shippedConfiguration;
    }

    /** What {@code bin/jxs start} printed. */
    String startOutput() {
        return started.output();
    }

    /** The container's process id. */
    long pid() {
        return pid;
    }

    /** The embedded store's Unix socket. */
    Path socket() {
        return home.resolve("data/xenstore/socket");
    }

    /** The remote JMX address, with the container's free ports. */
    String jmxUrl() {
        return "service:jmx:rmi://127.0.0.1:" + serverPort + "/jndi/rmi://127.0.0.1:" + registryPort + "/karaf-root";
    }

    /** The SSH port of the console. */
    int sshPort() {
        return sshPort;
    }

    /** The HTTP service's port (pax-web's {@code org.osgi.service.http.port}). */
    int httpPort() {
        return httpPort;
    }

    /**
     * An address on the container's HTTP service.
     *
     * @param path from the root, such as {@code /jxs/index.html}
     */
    URI url(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /**
     * The README's form: one console command on standard input of {@code bin/client} in batch mode, as the
     * shipped administrator.
     */
    Processes.Result client(String command) {
        return client(ADMIN, command);
    }

    /** One console command as a shipped user, whose password is the user's name. */
    Processes.Result client(String user, String command) {
        return Processes.run(env, home, Duration.ofSeconds(60), "bash", "-c",
                "echo '" + command + "' | bin/client -u " + user + " -p " + user + " -b");
    }

    /**
     * One console command that must succeed.
     *
     * @return what it printed
     * @throws AssertionError when it fails
     */
    String clientOk(String command) {
        Processes.Result result = client(command);
        assertTrue(result.exit() == 0, command + " failed:\n" + result.output());
        return result.output();
    }

    /** The end of the container's log, to explain a failure. */
    String logTail() {
        Path log = home.resolve("data/log/karaf.log");
        try {
            return "end of " + log + ":\n" + (Files.isRegularFile(log)
                    ? Processes.tail(Files.readString(log, StandardCharsets.UTF_8), 40) : "(none)");
        } catch (IOException e) {
            return "cannot read " + log + ": " + e;
        }
    }

    /**
     * Stops the container and checks that nothing is left of it.
     *
     * @throws AssertionError when it did not stop cleanly, a process is left or the store's socket was not removed
     */
    @Override
    public void close() throws InterruptedException {
        String problem = stop();
        if (problem != null) {
            fail(problem);
        }
        assertTrue(processesUnder(home).isEmpty(), "processes left: " + processesUnder(home));
        assertTrue(Files.notExists(socket()), "the embedded store's socket was not removed: " + socket());
    }

    /**
     * Stops the container with bin/jxs stop and waits for its JVM to end; kills whatever is left.
     *
     * @return null when it stopped cleanly, else what went wrong
     */
    private String stop() throws InterruptedException {
        Processes.Result stopped = Processes.run(env, home, Duration.ofSeconds(60), "bin/jxs", "stop");
        boolean exited = pid < 0 || awaitExit(pid, STOPPED);
        List<ProcessHandle> left = processesUnder(home);
        if (exited && left.isEmpty()) {
            return null;
        }
        left.forEach(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        return "the container did not stop with bin/jxs stop (pid " + pid + ", left " + left + "):\n"
                + stopped.output();
    }

    /** A clean environment: no daemon from the caller's XENSTORED_PATH, no other Karaf's settings. */
    private static Map<String, String> environment(Path rundir) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(key -> key.startsWith("KARAF_") || key.startsWith("JXS_")
                || key.equals("XENSTORED_PATH") || key.equals("EXTRA_JAVA_OPTS"));
        env.put("XENSTORED_RUNDIR", rundir.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return env;
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

    static String requiredProperty(String name) {
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
