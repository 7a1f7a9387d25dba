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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.testing.XenStoreDaemon.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fixture's life cycle against the real daemons, each test with daemons of its own. */
class XenStoreDaemonIT {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void writesAndReadsThroughTheCommandLineTools(Kind kind) {
        try (XenStoreDaemon daemon = RequiredDaemon.start(kind)) {
            assertEquals(kind, daemon.kind());
            daemon.xenstoreCli("xenstore-write", "/a", "b");
            assertEquals("b", daemon.xenstoreCli("xenstore-read", "/a"));
            UncheckedIOException missing = assertThrows(UncheckedIOException.class,
                    () -> daemon.xenstoreCli("xenstore-read", "/missing"));
            assertTrue(missing.getMessage().contains("xenstore-read /missing exited with code"), missing::getMessage);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void killAndCloseLeaveNoProcess(Kind kind) throws IOException {
        Set<Long> before = descendants();
        XenStoreDaemon daemon = RequiredDaemon.start(kind);
        Path dir = daemon.directory();
        long pid = daemon.pid();
        daemon.startXenBusRelay();
        Set<Long> started = descendants();
        started.removeAll(before);
        assertEquals(2, started.size(), () -> "daemon and socat expected, got " + started);

        daemon.kill();
        assertFalse(daemon.isRunning());
        assertFalse(psKnows(pid), "killed daemon still listed by ps");

        daemon.close();
        for (long child : started) {
            assertFalse(psKnows(child), () -> "process " + child + " left behind");
        }
        assertFalse(Files.exists(dir), "private folder left behind");
        daemon.close(); // idempotent
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void restartsOnTheSameSocketWithAnEmptyStore(Kind kind) {
        try (XenStoreDaemon daemon = RequiredDaemon.start(kind)) {
            Path socket = daemon.socketPath();
            long pid = daemon.pid();
            daemon.xenstoreCli("xenstore-write", "/before", "1");

            daemon.restart();

            assertEquals(socket, daemon.socketPath());
            assertNotEquals(pid, daemon.pid());
            assertFalse(psKnows(pid), "old daemon still running");
            assertThrows(UncheckedIOException.class, () -> daemon.xenstoreCli("xenstore-read", "/before"));
            daemon.xenstoreCli("xenstore-write", "/after", "2");
            assertEquals("2", daemon.xenstoreCli("xenstore-read", "/after"));

            daemon.kill();
            daemon.restart(); // also from a killed daemon
            assertTrue(daemon.isRunning());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void introducesADomain(Kind kind) throws IOException {
        try (XenStoreDaemon daemon = RequiredDaemon.start(kind)) {
            String out = Pyxs.run(String.join("\n",
                    "import sys",
                    "from pyxs import Client",
                    "with Client(unix_socket_path=sys.argv[1]) as c:",
                    "    print(c.is_domain_introduced(5))",
                    "    c.introduce_domain(5, 4711, 3)",
                    "    print(c.is_domain_introduced(5))",
                    "    print(c.get_domain_path(5).decode())"), daemon.socketPath().toString());
            assertEquals("False\nTrue\n/local/domain/5", out);
            assertTrue(daemon.isRunning());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void relaysXenBusThroughAPty(Kind kind) throws IOException {
        try (XenStoreDaemon daemon = RequiredDaemon.start(kind)) {
            Path relay = daemon.startXenBusRelay();
            assertEquals(relay, daemon.startXenBusRelay(), "a second call reuses the relay");
            daemon.xenstoreCli("xenstore-write", "/relayed", "through socat");
            String script = String.join("\n",
                    "import sys",
                    "from pyxs import Client",
                    "with Client(xen_bus_path=sys.argv[1]) as c:",
                    "    print(c.read(b'/relayed').decode())");
            assertEquals("through socat", Pyxs.run(script, relay.toString()));

            daemon.restart(); // the relay comes back, to the new daemon
            daemon.xenstoreCli("xenstore-write", "/relayed", "again");
            assertEquals("again", Pyxs.run(script, relay.toString()));
        }
    }

    @Test
    void runsSeveralDaemonsOfBothKindsAtOnce() {
        RequiredDaemon.assumeAvailable(Kind.XENSTORED);
        RequiredDaemon.assumeAvailable(Kind.OXENSTORED);
        Path systemSocket = Path.of("/var/run/xenstored/socket");
        boolean systemSocketBefore = Files.exists(systemSocket);
        List<XenStoreDaemon> daemons = List.of(XenStoreDaemon.start(Kind.XENSTORED),
                XenStoreDaemon.start(Kind.OXENSTORED), XenStoreDaemon.start(Kind.OXENSTORED),
                XenStoreDaemon.start(Kind.XENSTORED));
        try {
            assertEquals(4, daemons.stream().map(XenStoreDaemon::socketPath).distinct().count());
            for (int i = 0; i < daemons.size(); i++) {
                daemons.get(i).xenstoreCli("xenstore-write", "/which", "daemon" + i);
            }
            for (int i = 0; i < daemons.size(); i++) {
                assertEquals("daemon" + i, daemons.get(i).xenstoreCli("xenstore-read", "/which"));
            }
            assertEquals(systemSocketBefore, Files.exists(systemSocket), "oxenstored must not use the system socket");
        } finally {
            daemons.forEach(XenStoreDaemon::close);
        }
    }

    @Test
    void passesExtraOxenstoredConfiguration() throws IOException {
        try (XenStoreDaemon daemon = RequiredDaemon.start(Kind.OXENSTORED, Map.of("quota-maxsize", "64"))) {
            assertTrue(Files.readString(daemon.directory().resolve("oxenstored.conf")).contains("quota-maxsize = 64"));
            daemon.xenstoreCli("xenstore-write", "/small", "x".repeat(64));
            UncheckedIOException tooBig = assertThrows(UncheckedIOException.class,
                    () -> daemon.xenstoreCli("xenstore-write", "/big", "x".repeat(65)));
            assertTrue(tooBig.getMessage().contains("xenstore-write /big"), tooBig::getMessage);
        }
    }

    @Test
    void reportsTheLogWhenTheDaemonDoesNotStart() {
        RequiredDaemon.assumeAvailable(Kind.OXENSTORED);
        UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                () -> XenStoreDaemon.start(Kind.OXENSTORED, Map.of("xenstored-kva", "/nonexistent/kva")));
        assertTrue(failure.getMessage().contains("oxenstored exited with code"), failure::getMessage);
        assertTrue(failure.getMessage().contains("--- "), failure::getMessage);
    }

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** Asks ps, not the JVM, whether a process exists. */
    private static boolean psKnows(long pid) throws IOException {
        return Processes.run(Map.of(), 10, "ps", "-p", Long.toString(pid)).exitCode() == 0;
    }
}
