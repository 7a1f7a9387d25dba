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
package io.jxs.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import io.jxs.Monitor;
import io.jxs.Router;
import io.jxs.WatchEvent;
import io.jxs.connection.UnixSocketConnection;
import io.jxs.testing.DaemonPool;
import io.jxs.testing.XenStoreDaemon.Kind;
import io.jxs.testing.XenStoreDaemonExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DomainTracker against the real daemons: a toolstack connection introduces and releases domains (writing
 * their homes first), the tracker on its own connection reports them, and the resources registered per
 * domain go with their domain. The tracker's connection is watched on the wire, to see that no watch stays.
 */
@ExtendWith(XenStoreDaemonExtension.class)
@Timeout(60)
class DomainTrackerIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long MFN = 4096;
    private static final int PORT = 7;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void introduceReleaseAndReintroduceOfOneIdAreReportedInOrderAsNewDomains(Kind kind, DaemonPool daemons)
            throws Exception {
        int domid = 31;
        try (Client toolstack = connect(kind, daemons); Wire wire = new Wire(kind, daemons);
                DomainTracker tracker = new DomainTracker(wire.client)) {
            Events events = new Events(tracker, wire.client, domid);
            tracker.addListener(events).start(WAIT);
            for (int round = 0; round < 5; round++) {
                toolstack.write("/local/domain/" + domid + "/name", "guest" + round);
                toolstack.introduceDomain(domid, MFN, PORT);
                tracker.sync(WAIT);
                assertTrue(tracker.find(domid).isPresent());
                toolstack.releaseDomain(domid);
                tracker.sync(WAIT);
                assertEquals(Optional.empty(), tracker.find(domid));
                toolstack.delete("/local/domain/" + domid);
            }
            toolstack.write("/local/domain/" + domid + "/name", "last");
            toolstack.introduceDomain(domid, MFN, PORT);
            tracker.sync(WAIT);

            List<String> expected = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                expected.add("introduced " + domid + " #" + (round + 1));
                expected.add("released " + domid + " #" + (round + 1));
            }
            expected.add("introduced " + domid + " #6");
            assertEquals(expected, events.log);
            assertEquals(5, events.closed.size(), "each released domain's monitor and cache were closed: " + events.closed);
            toolstack.releaseDomain(domid);
            tracker.sync(WAIT);
            assertNoWatchFires(wire, toolstack, "/local/domain/" + domid + "/device/probe");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBurstFasterThanTheTrackerNeverReportsADomainTwiceOrOutOfOrder(Kind kind, DaemonPool daemons) throws Exception {
        int domid = 32;
        try (Client toolstack = connect(kind, daemons); Wire wire = new Wire(kind, daemons);
                DomainTracker tracker = new DomainTracker(wire.client)) {
            Events events = new Events(tracker, wire.client, domid);
            tracker.addListener(events).start(WAIT);
            toolstack.write("/local/domain/" + domid + "/name", "burst");
            for (int round = 0; round < 20; round++) {
                toolstack.introduceDomain(domid, MFN, PORT);
                toolstack.releaseDomain(domid);
            }
            toolstack.introduceDomain(domid, MFN, PORT);
            tracker.sync(WAIT);

            // Whatever it could see of the burst: alternating, each domain new, ending introduced.
            assertFalse(events.log.isEmpty());
            for (int i = 0; i < events.log.size(); i++) {
                assertEquals((i % 2 == 0 ? "introduced " : "released ") + domid + " #" + (i / 2 + 1), events.log.get(i));
            }
            assertTrue(events.log.size() % 2 == 1, events.log.toString());
            int introductions = events.log.size() / 2 + 1;
            assertEquals(introductions - 1, events.closed.size());
            toolstack.releaseDomain(domid);
            tracker.sync(WAIT);
            assertEquals(introductions, events.closed.size(), "every domain's resources were closed");
            assertNoWatchFires(wire, toolstack, "/local/domain/" + domid + "/device/probe");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void domainsThereAtTheStartAreReportedAndClosingTheTrackerLeavesNoWatch(Kind kind, DaemonPool daemons)
            throws Exception {
        int domid = 33;
        try (Client toolstack = connect(kind, daemons); Wire wire = new Wire(kind, daemons)) {
            toolstack.write("/local/domain/" + domid + "/name", "early");
            toolstack.write("/local/domain/" + (domid + 1) + "/name", "never introduced");
            toolstack.introduceDomain(domid, MFN, PORT);
            DomainTracker tracker = new DomainTracker(wire.client);
            Events events = new Events(tracker, wire.client, domid);
            tracker.addListener(events).start(WAIT);
            assertEquals(List.of("introduced " + domid + " #1"), events.log);
            assertEquals(Optional.empty(), tracker.find(domid + 1));

            tracker.close();

            assertEquals(1, events.closed.size(), "closing the tracker closed the domain's resources");
            assertEquals(List.of("introduced " + domid + " #1"), events.log, "and reported no release");
            wire.events.clear();
            toolstack.releaseDomain(domid);
            toolstack.introduceDomain(domid, MFN, PORT);
            assertNoWatchFires(wire, toolstack, "/local/domain/" + domid + "/device/probe");
            assertEquals(List.of(), wire.events, "no special watch either");
            toolstack.releaseDomain(domid);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aResourceRegisteredAgainstAReleasedDomainIsClosedAtOnce(Kind kind, DaemonPool daemons) throws Exception {
        int domid = 35;
        try (Client toolstack = connect(kind, daemons); Client client = connect(kind, daemons);
                DomainTracker tracker = new DomainTracker(client).start(WAIT)) {
            toolstack.write("/local/domain/" + domid + "/name", "short");
            toolstack.introduceDomain(domid, MFN, PORT);
            tracker.sync(WAIT);
            Domain domain = tracker.find(domid).orElseThrow();
            toolstack.releaseDomain(domid);
            tracker.sync(WAIT);
            AtomicBoolean closed = new AtomicBoolean();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> tracker.register(domain, () -> closed.set(true)));
            assertTrue(closed.get());
            assertEquals("domain 35 (#" + domain.incarnation() + ") is not live (released, or never reported by this "
                    + "tracker, or the tracker is closed): the resource registered against it was closed", e.getMessage());
        }
    }

    /** Writes a node, then makes a round trip on the tracker's connection: any watch on it has fired by then. */
    private static void assertNoWatchFires(Wire wire, Client toolstack, String path) {
        wire.events.clear();
        toolstack.write(path, "x");
        wire.client.exists("/");
        assertEquals(List.of(), wire.events.stream().filter(e -> !e.path().startsWith("@")).toList());
    }

    private static Client connect(Kind kind, DaemonPool daemons) {
        Client client = Client.unixSocket(daemons.get(kind).socketPath().toString());
        client.connect();
        return client;
    }

    /** The log of one domain id's events; each introduced domain gets a monitor and a cache, registered. */
    private static final class Events implements DomainListener {
        final List<String> log = new CopyOnWriteArrayList<>();
        final List<Domain> closed = new CopyOnWriteArrayList<>();
        final Map<Domain, Boolean> live = new ConcurrentHashMap<>();
        private final DomainTracker tracker;
        private final Client client;
        private final int domid;

        Events(DomainTracker tracker, Client client, int domid) {
            this.tracker = tracker;
            this.client = client;
            this.domid = domid;
        }

        @Override
        public void introduced(Domain domain) {
            if (domain.domid() != domid) {
                return;
            }
            log.add("introduced " + domain.domid() + " #" + count());
            try {
                Monitor devices = tracker.register(domain, client.monitor(event -> { }));
                devices.watch(domain.path() + "/device", "devices");
                tracker.register(domain, new TreeCache(client, domain.path()).start(WAIT));
                tracker.register(domain, () -> closed.add(domain));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            live.put(domain, true);
        }

        @Override
        public void released(Domain domain) {
            if (domain.domid() != domid) {
                return;
            }
            assertTrue(live.remove(domain), domain + " was live");
            log.add("released " + domain.domid() + " #" + (count() - 1));
        }

        /** How many domains of this id were introduced so far, this one included: the tracker's order. */
        private int count() {
            return (int) log.stream().filter(line -> line.startsWith("introduced")).count() + 1;
        }
    }

    /** A client whose connection's watch events are all recorded, as they come over the wire. */
    private static final class Wire implements AutoCloseable {
        final Router router;
        final Client client;
        final List<WatchEvent> events = new CopyOnWriteArrayList<>();

        Wire(Kind kind, DaemonPool daemons) {
            router = new Router(new UnixSocketConnection(daemons.get(kind).socketPath()));
            router.addListener(new Router.Listener() {
                @Override
                public void watchEvent(WatchEvent event) {
                    events.add(event);
                }
            });
            client = new Client(router);
            client.connect();
        }

        @Override
        public void close() {
            client.close();
            router.terminate();
        }
    }
}
