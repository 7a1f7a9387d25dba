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
package io.jxs.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import io.jxs.InvalidPathException;
import io.jxs.InvalidPayloadException;
import io.jxs.Monitor;
import io.jxs.Node;
import io.jxs.Permission;
import io.jxs.Permission.Access;
import io.jxs.Transaction;
import io.jxs.WatchEvent;
import io.jxs.XenStoreException;
import io.jxs.testing.XenStoreDaemon.Kind;
import io.jxs.testing.XenStoreDaemonExtension;
import io.jxs.testing.DaemonPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The whole client API against the real C xenstored and OCaml oxenstored. */
@ExtendWith(XenStoreDaemonExtension.class)
class ClientAgainstDaemonsIT {

    private static Client connect(Kind kind, DaemonPool daemons) {
        Client client = Client.unixSocket(daemons.get(kind).socketPath().toString());
        client.connect();
        return client;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void writesAndReadsTextAndEveryByteValue(Kind kind, DaemonPool daemons) {
        try (Client client = connect(kind, daemons)) {
            client.write("/rw/text", "héllo");
            assertEquals("héllo", client.readString("/rw/text"));
            byte[] all = new byte[256];
            for (int i = 0; i < 256; i++) {
                all[i] = (byte) i;
            }
            client.write("/rw/binary", all);
            assertArrayEquals(all, client.read("/rw/binary"));
            client.write("/rw/empty", new byte[0]);
            assertArrayEquals(new byte[0], client.read("/rw/empty"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void missingNodesAreEnoentAndDefaultsReplaceThem(Kind kind, DaemonPool daemons) {
        try (Client client = connect(kind, daemons)) {
            XenStoreException e = assertThrows(XenStoreException.class, () -> client.read("/missing/node"));
            assertEquals("ENOENT", e.errorName());
            assertEquals("ENOENT: /missing/node", e.getMessage());
            assertArrayEquals(new byte[] {1}, client.read("/missing/node", new byte[] {1}));
            assertFalse(client.exists("/missing/node"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void writeCreatesParentsAndMkdirListDeleteWork(Kind kind, DaemonPool daemons) {
        try (Client client = connect(kind, daemons)) {
            client.write("/tree/a/b/c", "v");
            assertTrue(client.exists("/tree/a/b"));
            assertArrayEquals(new byte[0], client.read("/tree/a"));
            client.mkdir("/tree/d");
            client.mkdir("/tree/d");
            assertEquals(List.of("a", "d"), client.list("/tree").stream().sorted().toList());
            client.delete("/tree/a");
            assertFalse(client.exists("/tree/a/b/c"));
            assertEquals(List.of("d"), client.list("/tree"));
            assertEquals(List.of(), client.list("/tree/d"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void relativePathsResolveUnderDomainZero(Kind kind, DaemonPool daemons) {
        try (Client client = connect(kind, daemons)) {
            client.write("relative-node", "r");
            assertEquals("r", client.readString("/local/domain/0/relative-node"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void listsDirectoriesLargerThanOnePacket(Kind kind, DaemonPool daemons) {
        try (Client client = connect(kind, daemons)) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                expected.add(String.format("child-%06d", i));
            }
            client.inTransaction(tx -> {
                expected.forEach(name -> tx.write("/big/" + name, ""));
                return null;
            });
            // 400 names of 12 bytes are 5200 bytes: C xenstored answers E2BIG and the client pages
            // through DIRECTORY_PART; oxenstored sends the whole listing in one oversized reply.
            assertEquals(expected, client.list("/big").stream().sorted().toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void invalidInputFailsClearlyAndTheConnectionStaysUsable(Kind kind, DaemonPool daemons) {
        try (Client client = connect(kind, daemons)) {
            InvalidPathException path = assertThrows(InvalidPathException.class, () -> client.write("/bad path", "v"));
            assertTrue(path.getMessage().contains("/bad path"));
            assertThrows(InvalidPathException.class, () -> client.read("/trailing/"));
            assertThrows(InvalidPathException.class, () -> client.read("/double//slash"));
            assertThrows(InvalidPayloadException.class, () -> client.write("/big-value", new byte[4096]));
            assertThrows(IllegalArgumentException.class, () -> client.introduceDomain(0, 1, 1));
            assertThrows(IllegalArgumentException.class, () -> client.getDomainPath(70000));
            client.write("/after-bad-input", "fine");
            assertEquals("fine", client.readString("/after-bad-input"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void daemonLimitsComeBackAsTheDaemonsWord(Kind kind, DaemonPool daemons) {
        try (Client client = connect(kind, daemons)) {
            byte[] value = new byte[3000];
            if (kind == Kind.OXENSTORED) {
                // oxenstored's default quota-maxsize refuses values above 2048 bytes, even for dom0.
                assertEquals("E2BIG", assertThrows(XenStoreException.class, () -> client.write("/large", value)).errorName());
            } else {
                client.write("/large", value);
                assertEquals(3000, client.read("/large").length);
            }
            // Valid for the client (absolute paths may have 3072 bytes), too long for both daemons.
            String longPath = "/" + "p".repeat(2100);
            assertEquals("EINVAL", assertThrows(XenStoreException.class, () -> client.write(longPath, "v")).errorName());
            // Both daemons refuse to remove a node whose parent is missing.
            assertEquals("ENOENT", assertThrows(XenStoreException.class, () -> client.delete("/no/such/parent")).errorName());
            client.write("/after-limits", "ok");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void permissionsRoundTrip(Kind kind, DaemonPool daemons) {
        try (Client client = connect(kind, daemons)) {
            client.write("/perms/node", "p");
            List<Permission> perms = List.of(new Permission(Access.NONE, 0), new Permission(Access.READ, 3),
                    new Permission(Access.BOTH, 7));
            client.setPerms("/perms/node", perms);
            assertEquals(perms, client.getPerms("/perms/node"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void walkVisitsTheSubtreeInBothOrders(Kind kind, DaemonPool daemons) {
        try (Client client = connect(kind, daemons)) {
            client.write("/walk/a/x", "1");
            client.write("/walk/b", "2");
            List<String> topDown = client.walk("/walk").map(Node::path).toList();
            assertEquals("/walk", topDown.get(0));
            assertEquals(4, topDown.size());
            assertTrue(topDown.indexOf("/walk/a") < topDown.indexOf("/walk/a/x"));
            List<String> bottomUp = client.walk("/walk", false).map(Node::path).toList();
            assertEquals("/walk", bottomUp.get(3));
            assertTrue(bottomUp.indexOf("/walk/a/x") < bottomUp.indexOf("/walk/a"));
            Node b = client.walk("/walk").filter(n -> n.path().equals("/walk/b")).findFirst().orElseThrow();
            assertArrayEquals("2".getBytes(), b.value());
            assertTrue(client.walk("/").map(Node::path).collect(Collectors.toSet()).contains("/walk/a/x"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void domainsAreIntroducedAndReleasedWithTheirEvents(Kind kind, DaemonPool daemons) throws Exception {
        int domid = kind == Kind.XENSTORED ? 11 : 12;
        try (Client client = connect(kind, daemons); Monitor monitor = client.monitor()) {
            assertEquals("/local/domain/" + domid, client.getDomainPath(domid));
            assertFalse(client.isDomainIntroduced(domid));
            monitor.watch("@introduceDomain", "in");
            monitor.watch("@releaseDomain", "out");
            assertEquals(2, drain(monitor).size());
            client.introduceDomain(domid, 4096, 7);
            assertTrue(client.isDomainIntroduced(domid));
            assertTrue(drain(monitor).contains(new WatchEvent("@introduceDomain", "in")));
            client.setTarget(domid, 0);
            client.resumeDomain(domid);
            client.releaseDomain(domid);
            assertFalse(client.isDomainIntroduced(domid));
            assertTrue(drain(monitor).contains(new WatchEvent("@releaseDomain", "out")));
            // Releasing it again: C xenstored says the domain is unknown, oxenstored that the request is invalid.
            assertEquals(kind == Kind.XENSTORED ? "ENOENT" : "EINVAL",
                    assertThrows(XenStoreException.class, () -> client.releaseDomain(domid)).errorName());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void transactionsCommitRollBackAndConflict(Kind kind, DaemonPool daemons) {
        try (Client client = connect(kind, daemons)) {
            client.write("/tx/counter", "0");
            try (Transaction tx = client.transaction()) {
                tx.write("/tx/counter", "1");
                assertEquals("0", client.readString("/tx/counter"));
                assertTrue(tx.commit());
            }
            assertEquals("1", client.readString("/tx/counter"));
            try (Transaction tx = client.transaction()) {
                tx.write("/tx/counter", "rolled back");
            }
            assertEquals("1", client.readString("/tx/counter"));
            Transaction first = client.transaction();
            first.readString("/tx/counter");
            first.write("/tx/counter", "first");
            client.write("/tx/counter", "outside");
            assertFalse(first.commit());
            assertEquals("outside", client.readString("/tx/counter"));
            assertThrows(IllegalStateException.class, () -> first.read("/tx/counter"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void inTransactionRetriesUntilItCommits(Kind kind, DaemonPool daemons) {
        try (Client client = connect(kind, daemons)) {
            client.write("/retry/n", "0");
            int[] runs = {0};
            String result = client.inTransaction(tx -> {
                int n = Integer.parseInt(tx.readString("/retry/n"));
                if (runs[0]++ == 0) {
                    client.write("/retry/n", "10");
                }
                tx.write("/retry/n", Integer.toString(n + 1));
                return tx.readString("/retry/n");
            });
            assertEquals(2, runs[0]);
            assertEquals("11", result);
            assertEquals("11", client.readString("/retry/n"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void monitorSeesChangesBelowItsPathOnly(Kind kind, DaemonPool daemons) throws Exception {
        try (Client client = connect(kind, daemons); Monitor monitor = client.monitor()) {
            client.mkdir("/watched");
            monitor.watch("/watched", "tok");
            assertEquals(new WatchEvent("/watched", "tok"), monitor.poll(5, TimeUnit.SECONDS));
            client.write("/watched/child", "x");
            assertEquals(new WatchEvent("/watched/child", "tok"), monitor.poll(5, TimeUnit.SECONDS));
            client.write("/elsewhere", "x");
            monitor.unwatch("/watched", "tok");
            client.write("/watched/child", "y");
            assertEquals(null, monitor.poll(300, TimeUnit.MILLISECONDS));
            assertTrue(monitor.watched().isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void monitorsSharingOneClientMayUseTheSameToken(Kind kind, DaemonPool daemons) throws Exception {
        try (Client client = connect(kind, daemons); Monitor one = client.monitor()) {
            Monitor two = client.monitor();
            one.watch("/shared-token", "same");
            two.watch("/shared-token", "same");
            assertEquals(new WatchEvent("/shared-token", "same"), one.poll(5, TimeUnit.SECONDS));
            assertEquals(new WatchEvent("/shared-token", "same"), two.poll(5, TimeUnit.SECONDS));
            two.close();
            client.write("/shared-token", "v");
            assertEquals(new WatchEvent("/shared-token", "same"), one.poll(5, TimeUnit.SECONDS));
        }
    }

    /** Collects the events that arrive within a short while. */
    private static List<WatchEvent> drain(Monitor monitor) throws InterruptedException {
        List<WatchEvent> events = new ArrayList<>();
        WatchEvent event = monitor.poll(2, TimeUnit.SECONDS);
        while (event != null) {
            events.add(event);
            event = monitor.poll(200, TimeUnit.MILLISECONDS);
        }
        return events;
    }
}
