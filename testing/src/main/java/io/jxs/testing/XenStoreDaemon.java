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
package io.jxs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A real XenStore daemon (Xen 4.17's C {@code xenstored} or OCaml {@code oxenstored}) running on a plain
 * Linux machine, for integration tests.
 *
 * <p>Neither daemon starts without a hypervisor, so each runs with {@code xenstub.c} preloaded: a small
 * library of this module, built with gcc on first use, that stands in for the hypervisor calls. Each
 * instance has a private folder holding its socket, logs and configuration, so several daemons, of both
 * kinds, run at once in one JVM. Connect to {@link #socketPath()} (it is always a privileged, "dom0",
 * connection). {@link #close()} ends every process the instance started and deletes the folder (set the
 * system property {@code jxs.testing.keep=true} to keep it for a post-mortem); a shutdown hook closes
 * instances that a test forgot.
 *
 * <p>Failures are reported as unchecked exceptions: {@link UncheckedIOException} with the daemon's log in
 * the message, so a test can use the fixture without declaring checked exceptions. Thread-safe.
 *
 * <pre>{@code
 * try (XenStoreDaemon daemon = XenStoreDaemon.start(XenStoreDaemon.Kind.OXENSTORED)) {
 *     daemon.xenstoreCli("xenstore-write", "/a", "b");
 *     // connect a client to daemon.socketPath() ...
 * }
 * }</pre>
 */
public final class XenStoreDaemon implements AutoCloseable {

    /** The two XenStore daemons shipped by Xen. */
    public enum Kind {
        /** The C daemon, {@code xenstored}. */
        XENSTORED("xenstored"),
        /** The OCaml daemon, {@code oxenstored}, Debian's default. */
        OXENSTORED("oxenstored");

        private final String binary;

        Kind(String binary) {
            this.binary = binary;
        }

        /** The daemon's executable name. */
        public String binary() {
            return binary;
        }
    }

    /** The packages that provide everything this fixture uses, on Debian 12. */
    public static final String INSTALL_HINT =
            "apt-get install xen-utils-4.17 xenstore-utils socat gcc python3-pyxs";

    private static final long START_TIMEOUT_MILLIS = 15_000;
    private static final long STOP_GRACE_MILLIS = 5_000;
    /** Port number of dom0's event channel in the fake /proc/xen/xsd_port; never signalled. */
    private static final String DOM0_PORT = "7";
    private static final Set<XenStoreDaemon> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> List.copyOf(OPEN).forEach(XenStoreDaemon::close), "jxs-xenstore-daemon-cleanup"));
    }

    private final Kind kind;
    private final Path binary;
    private final Path dir;
    private final Path socket;
    private final Map<String, String> oxenstoredConfig;
    private final List<String> extraArgs;
    private Process daemon;
    private Process relay;
    private boolean closed;
    private boolean frozen;

    private XenStoreDaemon(Kind kind, Path binary, Path dir, Map<String, String> oxenstoredConfig,
            List<String> extraArgs) {
        this.kind = kind;
        this.binary = binary;
        this.dir = dir;
        this.socket = dir.resolve("socket");
        this.oxenstoredConfig = Map.copyOf(oxenstoredConfig);
        this.extraArgs = List.copyOf(extraArgs);
    }

    // ---------------------------------------------------------------- availability

    /** Whether {@link #start(Kind)} can work here: the daemon's binary and gcc are installed. */
    public static boolean isAvailable(Kind kind) {
        return unavailableReason(kind).isEmpty();
    }

    /** Why {@code kind} cannot be started here (with the command that fixes it), or empty when it can. */
    public static Optional<String> unavailableReason(Kind kind) {
        List<String> missing = new ArrayList<>();
        if (binary(kind).isEmpty()) {
            missing.add(kind.binary + " (looked in /usr/lib/xen-*/bin, /usr/sbin, /usr/local/sbin)");
        }
        if (Processes.onPath("gcc").isEmpty()) {
            missing.add("gcc (on PATH)");
        }
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("not installed: " + String.join(", ", missing) + "; to enable: " + INSTALL_HINT);
    }

    /**
     * The daemon's real executable. Debian's {@code /usr/sbin/xenstored} is a wrapper script that refuses to
     * run without a hypervisor, so the versioned folder comes first and scripts are skipped.
     */
    private static Optional<Path> binary(Kind kind) {
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> xens = Files.list(Path.of("/usr/lib"))) {
            xens.filter(p -> p.getFileName().toString().startsWith("xen-"))
                    .sorted(Comparator.reverseOrder())
                    .forEach(p -> candidates.add(p.resolve("bin").resolve(kind.binary)));
        } catch (IOException e) {
            // no /usr/lib: fall through to the sbin folders
        }
        candidates.add(Path.of("/usr/sbin", kind.binary));
        candidates.add(Path.of("/usr/local/sbin", kind.binary));
        return candidates.stream().filter(Files::isExecutable).filter(p -> !isScript(p)).findFirst();
    }

    private static boolean isScript(Path file) {
        try (var in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(2), new byte[] {'#', '!'});
        } catch (IOException e) {
            return true;
        }
    }

    // ---------------------------------------------------------------- starting

    /** Starts a daemon of the given kind with its default configuration; see {@link #start(Kind, Map, List)}. */
    public static XenStoreDaemon start(Kind kind) {
        return start(kind, Map.of(), List.of());
    }

    /**
     * Starts a daemon with extra {@code oxenstored.conf} entries, for instance {@code test-eagain = true}
     * (commits fail with EAGAIN at random) or {@code quota-maxwatch = 5}; see {@link #start(Kind, Map, List)}.
     */
    public static XenStoreDaemon start(Kind kind, Map<String, String> oxenstoredConfig) {
        return start(kind, oxenstoredConfig, List.of());
    }

    /**
     * Starts a daemon in a new private folder and returns once its socket accepts connections.
     *
     * @param kind             which daemon
     * @param oxenstoredConfig extra {@code key = value} lines for oxenstored's configuration file (they
     *                         override the fixture's own keys); must be empty for {@link Kind#XENSTORED}
     * @param extraArgs        extra command-line arguments, e.g. {@code -W 5} or {@code -T trace} for
     *                         xenstored (a relative path is relative to {@link #directory()})
     * @throws IllegalStateException if the daemon is not installed ({@link #unavailableReason(Kind)})
     * @throws UncheckedIOException  if it does not start; the message holds its log
     */
    public static XenStoreDaemon start(Kind kind, Map<String, String> oxenstoredConfig, List<String> extraArgs) {
        if (kind == Kind.XENSTORED && !oxenstoredConfig.isEmpty()) {
            throw new IllegalArgumentException("oxenstored configuration given for xenstored: " + oxenstoredConfig);
        }
        unavailableReason(kind).ifPresent(reason -> {
            throw new IllegalStateException("cannot start " + kind.binary + ": " + reason);
        });
        try {
            XenStoreDaemon instance = new XenStoreDaemon(kind, binary(kind).orElseThrow(),
                    newFolder(kind), oxenstoredConfig, extraArgs);
            OPEN.add(instance);
            try {
                instance.launch();
            } catch (RuntimeException | IOException e) {
                instance.close();
                throw e;
            }
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A private folder, in java.io.tmpdir unless that makes the socket path too long for a Unix socket. */
    private static Path newFolder(Kind kind) throws IOException {
        Path base = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        if (base.toString().length() > 60) {
            base = Path.of("/tmp");
        }
        return Files.createTempDirectory(base, "jxs-" + kind.binary + "-");
    }

    private void launch() throws IOException {
        Files.deleteIfExists(socket);
        Path portFile = Files.writeString(dir.resolve("xsd_port"), DOM0_PORT); // no newline: oxenstored wants none
        Path kvaFile = Files.write(dir.resolve("xsd_kva"), new byte[4096]); // dom0's ring page: one zeroed page
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        if (kind == Kind.XENSTORED) {
            command.add("-N"); // no fork; never -D, which is broken in 4.17
        } else {
            command.addAll(List.of("--no-fork", "--config-file", writeOxenstoredConfig(portFile, kvaFile).toString()));
        }
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        Map<String, String> env = builder.environment();
        env.putAll(clientEnvironment());
        env.put("LD_PRELOAD", XenStub.library().toString());
        env.put("XENSTUB_PORT_FILE", portFile.toString());
        env.put("XENSTUB_KVA_FILE", kvaFile.toString());
        env.put("XENSTUB_SOCKET", socket.toString()); // oxenstored's socket path is compiled in
        env.put("XENSTUB_WATCH_PARENT", "1"); // the daemon ends with this JVM, even a killed one
        env.put("XENSTUB_DIR", dir.toString()); // guests' rings and event channels (testing/README.md)
        daemon = builder.start();
        awaitSocket();
    }

    private Path writeOxenstoredConfig(Path portFile, Path kvaFile) throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("pid-file", dir.resolve("oxenstored.pid").toString());
        config.put("persistent", "false"); // a fresh store at every start
        config.put("xenstored-log-file", dir.resolve("xenstored.log").toString());
        config.put("access-log-file", dir.resolve("access.log").toString());
        // oxenstored 4.17 rotates its access log on every request once it holds this many lines,
        // which slows it to under a thousand writes a second: keep rotation out of reach.
        config.put("access-log-nb-lines", "1000000000");
        config.put("xenstored-kva", kvaFile.toString());
        config.put("xenstored-port", portFile.toString());
        config.putAll(oxenstoredConfig);
        StringBuilder text = new StringBuilder();
        config.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        return Files.writeString(dir.resolve("oxenstored.conf"), text);
    }

    private void awaitSocket() throws IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (true) {
            if (!daemon.isAlive()) {
                throw new IOException(kind.binary + " exited with code " + daemon.exitValue()
                        + " before serving " + socket + "\n" + logs());
            }
            if (Files.exists(socket)) {
                try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    probe.connect(UnixDomainSocketAddress.of(socket));
                    return;
                } catch (IOException notYet) {
                    // bound but not listening yet
                }
            }
            if (System.currentTimeMillis() > deadline) {
                Processes.end(daemon, 0);
                throw new IOException(kind.binary + " did not serve " + socket + " within "
                        + START_TIMEOUT_MILLIS + " ms\n" + logs());
            }
            sleep(20);
        }
    }

    private Path log() {
        return dir.resolve(kind.binary + ".out");
    }

    /** The daemon's output and, for oxenstored, its own log file: for failure messages. */
    private String logs() {
        String text = "--- " + log() + ":\n" + Processes.readQuietly(log());
        if (kind == Kind.OXENSTORED) {
            Path own = dir.resolve("xenstored.log");
            text += "\n--- " + own + ":\n" + Processes.readQuietly(own);
        }
        return text;
    }

    // ---------------------------------------------------------------- accessors

    /** Which daemon this is. */
    public Kind kind() {
        return kind;
    }

    /** The daemon's Unix socket; the same path across {@link #restart()}. */
    public Path socketPath() {
        return socket;
    }

    /** This instance's private folder (socket, configuration, logs). */
    public Path directory() {
        return dir;
    }

    /**
     * The folder where the stand-in serves guest domains (its {@code XENSTUB_DIR}; this instance's
     * {@link #directory()}): a guest creates {@code domain-D.ring} and binds {@code domain-D.guest} there, and
     * kicks the daemon on {@code evtchn}. The contract is in the testing module's README; {@code GuestRing}
     * implements it.
     */
    public Path guestDirectory() {
        return dir;
    }

    /** The environment that points libxenstore-based tools at this daemon: {@code XENSTORED_PATH} and
     *  {@code XENSTORED_RUNDIR}. */
    public Map<String, String> clientEnvironment() {
        return Map.of("XENSTORED_PATH", socket.toString(), "XENSTORED_RUNDIR", dir.toString());
    }

    /** The daemon's process id (of the current run). */
    public synchronized long pid() {
        return daemon.pid();
    }

    /** Whether the daemon process is running. */
    public synchronized boolean isRunning() {
        return daemon != null && daemon.isAlive();
    }

    // ---------------------------------------------------------------- life cycle

    /** Kills the daemon with SIGKILL and waits until it is gone: connections see it die mid-request. */
    public synchronized void kill() {
        frozen = false; // SIGKILL ends a stopped process too
        Processes.end(daemon, 0);
    }

    /** Stops the daemon with SIGTERM (SIGKILL after 5 s) and waits until it is gone. */
    public synchronized void stop() {
        thaw();
        Processes.end(daemon, STOP_GRACE_MILLIS);
    }

    /**
     * Freezes the daemon with SIGSTOP: its socket stays open and takes requests until its buffers fill,
     * and nothing is answered until {@link #thaw()} (or until it is stopped, which thaws it first).
     *
     * @throws UncheckedIOException when the signal cannot be sent
     */
    public synchronized void freeze() {
        signal("STOP");
        frozen = true;
    }

    /**
     * Resumes a daemon frozen by {@link #freeze()} with SIGCONT: it answers what was queued, in order.
     * Does nothing when it is not frozen.
     *
     * @throws UncheckedIOException when the signal cannot be sent
     */
    public synchronized void thaw() {
        if (frozen) {
            signal("CONT");
            frozen = false;
        }
    }

    private void signal(String name) {
        try {
            Processes.Result result = Processes.run(Map.of(), 10, "kill", "-" + name, Long.toString(daemon.pid()));
            if (result.exitCode() != 0) {
                throw new IOException("kill -" + name + " " + daemon.pid() + ": " + result.stderr().strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops the daemon if it runs and starts it again on the same socket path, with an empty store. A XenBus
     * relay started before is started again too, at the same path.
     *
     * @throws UncheckedIOException if it does not start; the message holds its log
     */
    public synchronized void restart() {
        ensureOpen();
        boolean hadRelay = relay != null;
        stopRelay();
        stop();
        try {
            launch();
            if (hadRelay) {
                startXenBusRelay();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts (once) a {@code socat} relay that offers the daemon's socket as a pseudo-terminal: a stand-in
     * for the {@code /dev/xen/xenbus} character device, for testing the XenBus transport. The relay ends
     * when the daemon does; {@link #restart()} starts it again.
     *
     * @return the path of the pty link, {@code DIR/xenbus}, once it exists
     * @throws UncheckedIOException if socat is missing or does not come up
     */
    public synchronized Path startXenBusRelay() {
        ensureOpen();
        Path link = dir.resolve("xenbus");
        if (relay != null && relay.isAlive() && Files.exists(link)) {
            return link;
        }
        stopRelay();
        try {
            Path socat = Processes.onPath("socat").orElseThrow(
                    () -> new IOException("socat not found on PATH; to enable: " + INSTALL_HINT));
            Path log = dir.resolve("socat.out");
            // The socket is opened first, so once the link exists the relay is connected.
            relay = new ProcessBuilder(socat.toString(), "UNIX-CONNECT:" + socket,
                    "PTY,link=" + link + ",raw,echo=0")
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
            while (!Files.exists(link)) {
                if (!relay.isAlive() || System.currentTimeMillis() > deadline) {
                    stopRelay();
                    throw new IOException("socat relay to " + socket + " did not come up:\n"
                            + Processes.readQuietly(log));
                }
                sleep(20);
            }
            return link;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stopRelay() {
        Processes.end(relay, STOP_GRACE_MILLIS);
        relay = null;
    }

    /**
     * Runs one of the {@code xenstore-*} command-line tools (package xenstore-utils) against this daemon.
     *
     * @param tool {@code xenstore-read}, {@code xenstore-write}, {@code xenstore-ls}, {@code xenstore-chmod},
     *             {@code xenstore-rm}, ... (looked up on PATH) or an absolute path
     * @param args its arguments
     * @return its standard output, without the one line break that ends it
     * @throws UncheckedIOException when it exits with a non-zero code (the message holds its stderr) or
     *                              does not finish within 30 s
     */
    public String xenstoreCli(String tool, String... args) {
        List<String> command = new ArrayList<>(List.of(tool));
        command.addAll(List.of(args));
        try {
            Processes.Result result = Processes.run(clientEnvironment(), 30, command.toArray(String[]::new));
            if (result.exitCode() != 0) {
                throw new IOException(String.join(" ", command) + " exited with code " + result.exitCode()
                        + " against " + kind.binary + ": " + result.stderr().strip());
            }
            String out = result.stdout();
            return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the relay and the daemon, leaving no process behind, and deletes the private folder. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopRelay();
            stop();
        } finally {
            OPEN.remove(this);
            if (!Boolean.getBoolean("jxs.testing.keep")) {
                Processes.deleteRecursively(dir);
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return kind.binary + "@" + socket;
    }
}
