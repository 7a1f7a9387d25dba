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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import io.jxs.ConnectionException;
import io.jxs.Monitor;
import io.jxs.Transaction;
import io.jxs.WatchEvent;
import io.jxs.testing.RequiredDaemon;
import io.jxs.testing.XenStoreDaemon;
import io.jxs.testing.XenStoreDaemon.Kind;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A reconnecting client survives a daemon restart: later calls work, watches come back, old transactions fail. */
class ReconnectIT {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRestartedDaemonGetsTheWatchesBackAndEachFiresOnce(Kind kind) throws Exception {
        try (XenStoreDaemon daemon = RequiredDaemon.start(kind);
                Client client = Client.builder().unixSocket(daemon.socketPath())
                        .requestTimeout(Duration.ofSeconds(10)).reconnect(Duration.ofMillis(500)).build()) {
            BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
            Monitor callbacks = client.monitor(events::add);
            callbacks.watch("/reconnect", "cb");
            Monitor pulled = client.monitor();
            pulled.watch("/reconnect", "pull");
            assertEquals(new WatchEvent("/reconnect", "cb"), events.poll(5, TimeUnit.SECONDS));
            assertEquals(new WatchEvent("/reconnect", "pull"), pulled.poll(5, TimeUnit.SECONDS));
            Transaction before = client.transaction();

            daemon.restart();

            // Calls in flight when the loss is seen fail; later ones wait for the new connection.
            writeUntilReconnected(client);
            assertEquals("1", client.readString("/reconnect/probe"));
            awaitEvent(new WatchEvent("/reconnect", "cb"), events);
            awaitEvent(new WatchEvent("/reconnect", "pull"), pulled.poll(5, TimeUnit.SECONDS), pulled);
            client.write("/reconnect/child", "x");
            awaitEvent(new WatchEvent("/reconnect/child", "cb"), events);
            ConnectionException e = assertThrows(ConnectionException.class, () -> before.read("/reconnect/probe"));
            assertTrue(e.getMessage().contains("lost with the connection"), e.getMessage());
            before.close();
            assertTrue(client.isConnected());
        }
    }

    private static void writeUntilReconnected(Client client) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                client.write("/reconnect/probe", "1");
                return;
            } catch (ConnectionException lost) {
                if (attempt == 50) {
                    throw lost;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Waits for an event, letting others (such as the writes' own events) pass. */
    private static void awaitEvent(WatchEvent expected, BlockingQueue<WatchEvent> events) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (expected.equals(events.poll(100, TimeUnit.MILLISECONDS))) {
                return;
            }
        }
        throw new AssertionError("no " + expected + " within 5 s");
    }

    private static void awaitEvent(WatchEvent expected, WatchEvent first, Monitor monitor) throws InterruptedException {
        WatchEvent event = first;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!expected.equals(event)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + expected + " within 5 s");
            }
            event = monitor.poll(100, TimeUnit.MILLISECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void callsWaitForTheReconnectionWithinTheirTimeout(Kind kind) throws Exception {
        try (XenStoreDaemon daemon = RequiredDaemon.start(kind);
                Client client = Client.builder().unixSocket(daemon.socketPath())
                        .requestTimeout(Duration.ofSeconds(1)).reconnect(Duration.ofSeconds(30)).build()) {
            client.write("/wait", "1");
            daemon.kill();
            long start = System.nanoTime();
            assertThrows(ConnectionException.class, () -> {
                for (int i = 0; i < 3; i++) {
                    client.read("/wait");
                }
            });
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(elapsedMillis < 4_000, "the calls took " + elapsedMillis + " ms");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aTransactionStartedWhileReconnectingBelongsToTheNewConnection(Kind kind) throws Exception {
        try (XenStoreDaemon daemon = RequiredDaemon.start(kind);
                Client client = Client.builder().unixSocket(daemon.socketPath())
                        .requestTimeout(Duration.ofSeconds(10)).reconnect(Duration.ofMillis(500)).build()) {
            client.write("/reconnect/counter", "1");
            daemon.kill();
            while (client.isConnected()) {
                Thread.sleep(10); // until the client has seen the loss and reconnects
            }
            daemon.restart();
            // Started while the client reconnects: it waits for the new connection and belongs to it.
            int next = client.inTransaction(tx -> {
                tx.write("/reconnect/counter", "2");
                return Integer.parseInt(tx.readString("/reconnect/counter"));
            });
            assertEquals(2, next);
            assertEquals("2", client.readString("/reconnect/counter"));
        }
    }
}
