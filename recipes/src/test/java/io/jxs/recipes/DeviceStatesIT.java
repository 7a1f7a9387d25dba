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

import static io.jxs.XenbusState.CLOSED;
import static io.jxs.XenbusState.CLOSING;
import static io.jxs.XenbusState.CONNECTED;
import static io.jxs.XenbusState.INITIALISED;
import static io.jxs.XenbusState.INITIALISING;
import static io.jxs.XenbusState.INIT_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import io.jxs.Router;
import io.jxs.XenbusState;
import io.jxs.connection.Op;
import io.jxs.connection.UnixSocketConnection;
import io.jxs.recipes.XenbusDevice.Side;
import io.jxs.testing.DaemonPool;
import io.jxs.testing.XenStoreDaemon.Kind;
import io.jxs.testing.XenStoreDaemonExtension;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two connections play the front-end and the back-end of a vif against the real daemons. */
@ExtendWith(XenStoreDaemonExtension.class)
@Timeout(60)
class DeviceStatesIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService frontEnds = Executors.newCachedThreadPool();

    @AfterEach
    void stopFrontEnds() throws InterruptedException {
        frontEnds.shutdownNow();
        assertTrue(frontEnds.awaitTermination(10, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void frontEndAndBackEndConnectAndCloseInOrder(Kind kind, DaemonPool daemons) throws Exception {
        XenbusDevice vif = XenbusDevice.of(21, "vif", 0);
        try (Client backClient = connect(kind, daemons); Client frontClient = connect(kind, daemons)) {
            DeviceStates back = new DeviceStates(backClient);
            DeviceStates front = new DeviceStates(frontClient);
            back.switchState(vif, Side.BACKEND, INITIALISING);
            front.switchState(vif, Side.FRONTEND, INITIALISING);
            Future<XenbusState> frontEnd = frontEnds.submit(() -> {
                front.await(vif, Side.BACKEND, INIT_WAIT, WAIT);
                frontClient.write(vif.path(Side.FRONTEND) + "/tx-ring-ref", "8");
                front.switchState(vif, Side.FRONTEND, INITIALISED);
                front.await(vif, Side.BACKEND, CONNECTED, WAIT);
                front.switchState(vif, Side.FRONTEND, CONNECTED);
                // The back-end starts the close; the front-end follows it.
                front.await(vif, Side.BACKEND, CLOSING, WAIT);
                front.close(vif, Side.FRONTEND, WAIT);
                return front.read(vif, Side.FRONTEND);
            });
            back.switchState(vif, Side.BACKEND, INIT_WAIT);
            back.await(vif, Side.FRONTEND, INITIALISED, WAIT);
            assertEquals("8", backClient.readString(vif.path(Side.FRONTEND) + "/tx-ring-ref"));
            back.switchState(vif, Side.BACKEND, CONNECTED);
            assertEquals(CONNECTED, back.await(vif, Side.FRONTEND, CONNECTED, WAIT));

            back.close(vif, Side.BACKEND, WAIT);

            assertEquals(CLOSED, frontEnd.get(20, TimeUnit.SECONDS));
            assertEquals(CLOSED, back.read(vif, Side.BACKEND));
            assertEquals(CLOSED, back.read(vif, Side.FRONTEND));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBurstOfWritesIsSeenByItsEndsWithoutComplaint(Kind kind, DaemonPool daemons) throws Exception {
        try (Client backClient = connect(kind, daemons); Client frontClient = connect(kind, daemons)) {
            DeviceStates front = new DeviceStates(frontClient);
            for (int device = 0; device < 20; device++) {
                XenbusDevice vif = XenbusDevice.of(22, "vif", device);
                backClient.write(vif.statePath(Side.BACKEND), INITIALISING.value());
                Future<XenbusState> waiter = frontEnds.submit(() -> front.await(vif, Side.BACKEND, CONNECTED, WAIT));
                // Initialising to Connected at once, as a back-end that does not wait for the front-end does.
                backClient.async().write(vif.statePath(Side.BACKEND), INIT_WAIT.value());
                backClient.async().write(vif.statePath(Side.BACKEND), INITIALISED.value());
                backClient.write(vif.statePath(Side.BACKEND), CONNECTED.value());
                assertEquals(CONNECTED, waiter.get(20, TimeUnit.SECONDS));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closingBackToConnectedEndsTheWaitAsAProtocolError(Kind kind, DaemonPool daemons) throws Exception {
        XenbusDevice vif = XenbusDevice.of(23, "vif", 0);
        try (Client backClient = connect(kind, daemons); ReadCounting frontClient = new ReadCounting(kind, daemons)) {
            DeviceStates back = new DeviceStates(backClient);
            back.switchState(vif, Side.BACKEND, INITIALISING);
            back.switchState(vif, Side.BACKEND, CONNECTED);
            back.switchState(vif, Side.BACKEND, CLOSING);
            Future<XenbusState> waiter = frontEnds.submit(() ->
                    new DeviceStates(frontClient.client).await(vif, Side.BACKEND, CLOSED, WAIT));
            frontClient.awaitReads(2); // the waiter has read Closing

            backClient.write(vif.statePath(Side.BACKEND), CONNECTED.value());

            IllegalTransitionException e = assertInstanceOf(IllegalTransitionException.class, failure(waiter));
            assertEquals(Side.BACKEND, e.side());
            assertEquals(CLOSING, e.from());
            assertEquals(CONNECTED, e.to());
            assertEquals("vif 0 of domain 23: the back-end went from Closing (5) to Connected (4), which the XenBus "
                    + "protocol does not allow (/local/domain/0/backend/vif/23/0/state)", e.getMessage());
            // Written through the helper, the same step is refused and nothing is written.
            back.switchState(vif, Side.BACKEND, CLOSING);
            assertThrows(IllegalTransitionException.class, () -> back.switchState(vif, Side.BACKEND, CONNECTED));
            assertEquals(CLOSING, back.read(vif, Side.BACKEND));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aStateNodeRemovedWhileWaitingEndsTheWait(Kind kind, DaemonPool daemons) throws Exception {
        XenbusDevice vif = XenbusDevice.of(24, "vif", 0);
        try (Client backClient = connect(kind, daemons); ReadCounting frontClient = new ReadCounting(kind, daemons)) {
            DeviceStates back = new DeviceStates(backClient);
            back.switchState(vif, Side.BACKEND, INITIALISING);
            back.switchState(vif, Side.BACKEND, INIT_WAIT);
            Future<XenbusState> waiter = frontEnds.submit(() ->
                    new DeviceStates(frontClient.client).await(vif, Side.BACKEND, CONNECTED, WAIT));
            frontClient.awaitReads(2);

            backClient.delete(vif.path(Side.BACKEND));

            DeviceRemovedException e = assertInstanceOf(DeviceRemovedException.class, failure(waiter));
            assertEquals(Side.BACKEND, e.side());
            assertEquals("ENOENT", e.errorName());
            assertEquals("vif 0 of domain 24: the back-end state node /local/domain/0/backend/vif/24/0/state is gone "
                    + "while waiting for Connected (4)", e.getMessage());
            // Waiting for the node to go is a wait like any other.
            assertEquals(XenbusState.UNKNOWN, back.await(vif, Side.BACKEND, XenbusState.UNKNOWN, WAIT));
            assertThrows(DeviceRemovedException.class, () -> back.switchState(vif, Side.BACKEND, CONNECTED));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anExpiredDeadlineNamesTheLastStateOfBothSides(Kind kind, DaemonPool daemons) throws Exception {
        XenbusDevice vif = XenbusDevice.of(25, "vif", 0);
        try (Client client = connect(kind, daemons)) {
            DeviceStates states = new DeviceStates(client);
            states.switchState(vif, Side.BACKEND, INITIALISING);
            states.switchState(vif, Side.BACKEND, INIT_WAIT);
            states.switchState(vif, Side.FRONTEND, INITIALISING);
            states.switchState(vif, Side.FRONTEND, INITIALISED);
            long start = System.nanoTime();

            DeviceStateTimeoutException e = assertThrows(DeviceStateTimeoutException.class,
                    () -> states.await(vif, Side.BACKEND, CONNECTED, Duration.ofMillis(300)));

            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(took >= 300 && took < 5_000, took + " ms");
            assertEquals("vif 0 of domain 25: wanted the back-end in Connected (4), still waiting after 300 ms; last seen: "
                    + "back-end InitWait (2) at /local/domain/0/backend/vif/25/0/state, "
                    + "front-end Initialised (3) at /local/domain/25/device/vif/0/state", e.getMessage());
            assertEquals("ETIMEDOUT", e.errorName());
            assertEquals(INIT_WAIT, e.lastState(Side.BACKEND));
            assertEquals(INITIALISED, e.lastState(Side.FRONTEND));
            assertEquals(Side.BACKEND, e.side());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aStateNodeHoldingNoStateIsAProtocolError(Kind kind, DaemonPool daemons) {
        XenbusDevice vif = XenbusDevice.of(26, "vif", 0);
        try (Client client = connect(kind, daemons)) {
            client.write(vif.statePath(Side.FRONTEND), "connected");
            DeviceStates states = new DeviceStates(client);
            XenbusProtocolException e = assertThrows(XenbusProtocolException.class,
                    () -> states.await(vif, Side.BACKEND, CONNECTED, WAIT));
            assertTrue(e.getMessage().startsWith("vif 0 of domain 26: the front-end state node "
                    + "/local/domain/26/device/vif/0/state: 'connected' is not a XenBus state"), e.getMessage());
        }
    }

    private static Client connect(Kind kind, DaemonPool daemons) {
        Client client = Client.unixSocket(daemons.get(kind).socketPath().toString());
        client.connect();
        return client;
    }

    private static Throwable failure(Future<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
        return e.getCause();
    }

    /** A client whose READ replies are counted, to know that a waiter on it has read the states. */
    private static final class ReadCounting implements AutoCloseable {
        final Router router;
        final Client client;
        final AtomicInteger reads = new AtomicInteger();

        ReadCounting(Kind kind, DaemonPool daemons) {
            router = new Router(new UnixSocketConnection(daemons.get(kind).socketPath()));
            router.addListener(new Router.Listener() {
                @Override
                public void replyReceived(Op op, boolean refused, long latencyNanos) {
                    if (op == Op.READ) {
                        synchronized (reads) {
                            reads.incrementAndGet();
                            reads.notifyAll();
                        }
                    }
                }
            });
            client = new Client(router);
        }

        void awaitReads(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            synchronized (reads) {
                while (reads.get() < count) {
                    long left = deadline - System.nanoTime();
                    assertTrue(left > 0, "no " + count + " reads within 10 s");
                    TimeUnit.NANOSECONDS.timedWait(reads, left);
                }
            }
        }

        @Override
        public void close() {
            client.close();
            router.terminate();
        }
    }
}
