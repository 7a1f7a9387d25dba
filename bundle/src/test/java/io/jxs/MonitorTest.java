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
package io.jxs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.connection.Packet;
import io.jxs.protocol.Payloads;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Monitors' delivery: callbacks off the reader thread, and a bounded backlog that overflows into one event per watch. */
class MonitorTest {
    private final FakeConnection daemon = new FakeConnection();
    private final Router router = new Router(daemon);
    private final Client client = Client.builder().router(router).requestTimeout(Duration.ofSeconds(5))
            .maxQueuedEvents(3).build();

    @AfterEach
    void close() {
        router.terminate();
        client.close();
    }

    /** Registers a watch, answering its WATCH request; returns the token on the wire. */
    private String watch(Monitor monitor, String path, String token) throws Exception {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> monitor.watch(path, token));
        Packet request = daemon.nextRequest();
        daemon.reply(request, "OK\0".getBytes());
        done.get(5, TimeUnit.SECONDS);
        return Payloads.split(request.payload()).get(1);
    }

    @Test
    void aSlowCallbackDelaysNeitherRepliesNorOtherMonitors() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        Monitor slow = client.monitor(event -> {
            threads.add(Thread.currentThread().getName());
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        BlockingQueue<WatchEvent> fast = new LinkedBlockingQueue<>();
        Monitor quick = client.monitor(fast::add);
        String slowToken = watch(slow, "/slow", "s");
        String quickToken = watch(quick, "/quick", "q");
        daemon.event("/slow", slowToken);
        daemon.event("/slow/a", slowToken);
        daemon.event("/quick", quickToken);
        assertEquals(new WatchEvent("/quick", "q"), fast.poll(5, TimeUnit.SECONDS));
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> client.readString("/x"));
        daemon.reply(daemon.nextRequest(), "v".getBytes());
        assertEquals("v", read.get(5, TimeUnit.SECONDS));
        String callbackThread = threads.poll(5, TimeUnit.SECONDS);
        assertTrue(callbackThread.startsWith("jxs-monitor-"), callbackThread);
        release.countDown();
        assertEquals(callbackThread, threads.poll(5, TimeUnit.SECONDS), "events of one monitor come in order on its thread");
    }

    @Test
    void aConsumerThatFallsBehindGetsOneEventPerWatchInsteadOfTheBacklog() throws Exception {
        Monitor monitor = client.monitor();
        String a = watch(monitor, "/a", "ta");
        String b = watch(monitor, "/b", "tb");
        for (int i = 0; i < 4; i++) {
            daemon.event("/a/" + i, a);
        }
        // Wait until the reader has handled all four, then drain.
        CompletableFuture<String> marker = CompletableFuture.supplyAsync(() -> client.readString("/m"));
        daemon.reply(daemon.nextRequest(), "m".getBytes());
        marker.get(5, TimeUnit.SECONDS);
        assertEquals(1, monitor.overflows());
        Set<WatchEvent> events = Set.of(monitor.poll(1, TimeUnit.SECONDS), monitor.poll(1, TimeUnit.SECONDS));
        assertEquals(Set.of(new WatchEvent("/a", "ta"), new WatchEvent("/b", "tb")), events);
        assertEquals(null, monitor.poll(50, TimeUnit.MILLISECONDS));
        daemon.event("/b", b);
        assertEquals(new WatchEvent("/b", "tb"), monitor.poll(1, TimeUnit.SECONDS));
    }
}
