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
import io.jxs.Router;
import io.jxs.WatchEvent;
import io.jxs.XenStoreTimeoutException;
import io.jxs.connection.Op;
import io.jxs.connection.UnixSocketConnection;
import io.jxs.testing.RequiredDaemon;
import io.jxs.testing.XenStoreDaemon;
import io.jxs.testing.XenStoreDaemon.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A thread that makes one call after another reads its own replies, with the router's reader thread
 * standing by: every promise of the router still holds (deadlines, interrupts, reconnects, other
 * threads' requests, watch events).
 */
class LoneCallerIT {
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private static Client client(XenStoreDaemon daemon, Duration timeout) {
        return Client.builder().unixSocket(daemon.socketPath()).requestTimeout(timeout)
                .reconnect(Duration.ofMillis(500)).build();
    }

    /** A client that ends with its connection: a call that works afterwards proves the connection survived. */
    private static Client clientWithoutReconnect(XenStoreDaemon daemon, Duration timeout) {
        return Client.builder().unixSocket(daemon.socketPath()).requestTimeout(timeout).build();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aThreadCallingAgainAndAgainReadsItsOwnReplies(Kind kind) throws Exception {
        try (XenStoreDaemon daemon = RequiredDaemon.start(kind)) {
            Router router = new Router(new UnixSocketConnection(daemon.socketPath()));
            Set<Thread> readers = ConcurrentHashMap.newKeySet();
            router.addListener(new Router.Listener() {
                @Override
                public void replyReceived(Op op, boolean refused, long latencyNanos) {
                    readers.add(Thread.currentThread());
                }
            });
            try (Client client = Client.builder().router(router).requestTimeout(Duration.ofSeconds(5)).build()) {
                client.write("/lone/a", "1");
                Thread.sleep(100); // idle: the reader thread reads again, to see a lost connection at once
                for (int i = 0; i < 20; i++) {
                    // The first replies are read by the reader thread, until it lends the connection between two calls.
                    client.readString("/lone/a");
                }
                readers.clear();
                for (int i = 0; i < 100; i++) {
                    assertEquals("1", client.readString("/lone/a"));
                }
                assertEquals(Set.of(Thread.currentThread()), readers);
            } finally {
                router.terminate();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aLoneCallReturnsWithinItsTimeoutWhenTheDaemonStopsAndTheConnectionStaysInStep(Kind kind) throws Exception {
        try (XenStoreDaemon daemon = RequiredDaemon.start(kind); Client client = clientWithoutReconnect(daemon, TIMEOUT)) {
            client.write("/lone/a", "1");
            client.write("/lone/b", "2");
            daemon.freeze();
            try {
                long start = System.nanoTime();
                assertThrows(XenStoreTimeoutException.class, () -> client.read("/lone/a"));
                long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(elapsedMillis < TIMEOUT.toMillis() + 300, "the call took " + elapsedMillis + " ms");
            } finally {
                daemon.thaw();
            }
            // The late reply to the first read is dropped, not taken for the answer to this one.
            assertEquals("2", client.readString("/lone/b"));
            assertTrue(client.isConnected());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aLoneCallerInterruptedWhileWaitingLeavesTheConnectionUsable(Kind kind) throws Exception {
        try (XenStoreDaemon daemon = RequiredDaemon.start(kind);
                Client client = clientWithoutReconnect(daemon, Duration.ofSeconds(10))) {
            client.write("/lone/a", "1");
            daemon.freeze();
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    client.read("/lone/a");
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            }, "lone caller");
            try {
                caller.start();
                Thread.sleep(300);
                caller.interrupt();
                caller.join(2000);
            } finally {
                daemon.thaw();
            }
            assertTrue(!caller.isAlive(), "the interrupted call did not return");
            assertTrue(failure.get() instanceof ConnectionException, "failed with " + failure.get());
            assertTrue(failure.get().getMessage().contains("interrupted"), failure.get().getMessage());
            assertEquals("1", client.readString("/lone/a"));
            assertTrue(client.isConnected());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDaemonRestartedBetweenCallsIsSeenAndTheNextCallWorks(Kind kind) throws Exception {
        try (XenStoreDaemon daemon = RequiredDaemon.start(kind); Client client = client(daemon, Duration.ofSeconds(5))) {
            client.write("/lone/a", "1");
            daemon.restart();
            // The reader thread sees the loss within tens of milliseconds and reconnects after 250 ms.
            Thread.sleep(1500);
            client.write("/lone/a", "2");
            assertEquals("2", client.readString("/lone/a"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void otherThreadsRequestsAreAnsweredWhileACallerReadsItsOwnReplies(Kind kind) throws Exception {
        try (XenStoreDaemon daemon = RequiredDaemon.start(kind); Client client = client(daemon, Duration.ofSeconds(5))) {
            client.write("/lone/a", "1");
            CompletableFuture<Integer> lone = CompletableFuture.supplyAsync(() -> {
                int calls = 0;
                for (; calls < 3000; calls++) {
                    assertEquals("1", client.readString("/lone/a"));
                }
                return calls;
            });
            List<CompletableFuture<byte[]>> asyncReads = new ArrayList<>();
            while (!lone.isDone()) {
                CompletableFuture<byte[]> read = client.async().read("/lone/a");
                asyncReads.add(read);
                assertEquals("1", new String(read.get(2, TimeUnit.SECONDS)));
                Thread.sleep(1);
            }
            assertEquals(3000, lone.get(10, TimeUnit.SECONDS));
            assertTrue(asyncReads.size() > 10, "only " + asyncReads.size() + " async reads");
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void watchEventsArriveBetweenACallersCalls(Kind kind) throws Exception {
        try (XenStoreDaemon daemon = RequiredDaemon.start(kind); Client client = client(daemon, Duration.ofSeconds(5));
                Client writer = client(daemon, Duration.ofSeconds(5))) {
            writer.write("/lone/watched", "0");
            Monitor monitor = client.monitor();
            monitor.watch("/lone/watched", "t");
            assertEquals(new WatchEvent("/lone/watched", "t"), monitor.poll(5, TimeUnit.SECONDS));
            for (int i = 1; i <= 100; i++) {
                writer.write("/lone/watched", Integer.toString(i));
                // Nobody calls on the watching client: its reader thread must read the event.
                assertEquals(new WatchEvent("/lone/watched", "t"), monitor.poll(5, TimeUnit.SECONDS), "event " + i);
                assertEquals(Integer.toString(i), client.readString("/lone/watched"));
            }
        }
    }
}
