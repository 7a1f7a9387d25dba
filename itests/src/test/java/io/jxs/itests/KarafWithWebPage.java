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

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.jxs.testing.XenStoreDaemon;
import io.jxs.web.testing.HeadlessChromium;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.AssumptionViolatedException;
import org.junit.rules.ExternalResource;
import org.ops4j.pax.exam.ExamSystem;
import org.ops4j.pax.exam.TestContainer;
import org.ops4j.pax.exam.spi.PaxExamRuntime;

/**
 * A real daemon and a Karaf serving the page on it, for the browser tests of one test class (a JUnit
 * {@code @ClassRule}): the daemon runs next to the test driver, and pax-exam boots the container in server mode
 * ({@link WebPageKarafOptions}), so that the tests, the browser and {@code xenstore-write} all run outside it, as
 * a user's would. Without the daemon or chromium the class is skipped, except in CI ({@code CI=true}), where it
 * fails.
 */
final class KarafWithWebPage extends ExternalResource {
    /** The admin user of the container, and its password. */
    static final String ADMIN = "karaf";
    /** The viewer user of the container, and its password. */
    static final String VIEWER = "viewer";
    private static final Duration READY = Duration.ofMinutes(3);

    private final XenStoreDaemon.Kind kind;
    private XenStoreDaemon daemon;
    private ExamSystem system;
    private TestContainer container;
    private int httpPort;

    /**
     * Names the daemon; nothing starts before the class's tests.
     *
     * @param kind which daemon
     */
    KarafWithWebPage(XenStoreDaemon.Kind kind) {
        this.kind = kind;
    }

    @Override
    protected void before() throws Throwable {
        List<String> missing = new ArrayList<>();
        XenStoreDaemon.unavailableReason(kind).ifPresent(reason -> missing.add(kind.binary() + " " + reason));
        HeadlessChromium.unavailableReason().ifPresent(reason -> missing.add("chromium " + reason));
        if (!missing.isEmpty()) {
            String message = "the page's browser tests cannot run: " + String.join("; ", missing);
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI=true and " + message);
            }
            throw new AssumptionViolatedException(message);
        }
        daemon = XenStoreDaemon.start(kind);
        httpPort = freePort();
        system = PaxExamRuntime.createServerSystem(
                new WebPageKarafOptions(daemon.socketPath().toString(), httpPort).config());
        container = PaxExamRuntime.createContainer(system);
        container.start();
        awaitPageConnected();
    }

    @Override
    protected void after() {
        try {
            if (container != null) {
                container.stop();
            }
        } finally {
            if (system != null) {
                system.clear();
            }
            if (daemon != null) {
                daemon.close();
            }
        }
    }

    /**
     * The daemon the container is connected to.
     *
     * @return the running daemon
     */
    XenStoreDaemon daemon() {
        return daemon;
    }

    /**
     * The page's folder.
     *
     * @return {@code http://127.0.0.1:PORT/jxs/}
     */
    URI page() {
        return URI.create("http://127.0.0.1:" + httpPort + "/jxs/");
    }

    /**
     * The container's used heap after three full collections, read from its MemoryMXBean through the JDK's attach
     * API (the container's process, found by its {@code karaf.pid}): the local management agent needs neither
     * Karaf's JAAS login nor its JMX connector.
     *
     * @return bytes of heap in use
     * @throws IOException when the container's process cannot be attached to
     * @throws InterruptedException when interrupted between the collections
     */
    long usedHeapAfterGc() throws IOException, InterruptedException {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(String.valueOf(containerPid()));
        } catch (AttachNotSupportedException e) {
            throw new IOException("cannot attach to the container's process", e);
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(
                new JMXServiceURL(vm.startLocalManagementAgent()))) {
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(connector.getMBeanServerConnection(),
                    ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
            for (int i = 0; i < 3; i++) {
                memory.gc();
                Thread.sleep(200);
            }
            return memory.getHeapMemoryUsage().getUsed();
        } finally {
            vm.detach();
        }
    }

    /** The process of this class's container: the one whose pax-web listens at this class's port. */
    private long containerPid() throws IOException {
        String port = "org.osgi.service.http.port=" + httpPort;
        try (Stream<Path> folders = Files.list(Path.of("target", "exam"))) {
            for (Path folder : (Iterable<Path>) folders::iterator) {
                Path web = folder.resolve("etc/org.ops4j.pax.web.cfg");
                if (Files.isReadable(web) && Files.readAllLines(web).contains(port)) {
                    return Long.parseLong(Files.readString(folder.resolve("karaf.pid")).strip());
                }
            }
        }
        throw new IOException("no container under target/exam has " + port);
    }

    /**
     * Waits until the page's API reads the root node as the admin: the features are installed, pax-web listens
     * and jxs is connected to the daemon.
     */
    private void awaitPageConnected() throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(page().resolve("api/node?path=/"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((ADMIN + ":" + ADMIN).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the page at " + page() + " did not read / within " + READY + " (last: " + last
                + "); " + daemon + " running: " + daemon.isRunning() + "; the container's log: " + karafLogTail());
    }

    /** The last warnings and errors of the newest container's log, for a failure's message. */
    private static String karafLogTail() {
        try (Stream<Path> logs = Files.find(Path.of("target", "exam"), 5,
                (file, attributes) -> file.getFileName().toString().equals("karaf.log"))) {
            Optional<Path> newest = logs.max((a, b) -> Long.compare(a.toFile().lastModified(),
                    b.toFile().lastModified()));
            if (newest.isEmpty()) {
                return "(no karaf.log under target/exam)";
            }
            List<String> lines = Files.readAllLines(newest.get(), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains("ERROR") || line.contains("WARN")).toList();
            return newest.get() + ": " + String.join(" / ", lines.subList(Math.max(0, lines.size() - 10),
                    lines.size()));
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
