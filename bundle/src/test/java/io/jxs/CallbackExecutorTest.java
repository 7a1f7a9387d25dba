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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.connection.Packet;
import io.jxs.protocol.Payloads;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The executor that runs monitors' callbacks: the client's own, or one it is given. */
class CallbackExecutorTest {

    /** Registers a watch, answering its WATCH request; returns the token on the wire. */
    private static String watch(FakeConnection daemon, Monitor monitor, String path, String token) throws Exception {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> monitor.watch(path, token));
        Packet request = daemon.nextRequest();
        daemon.reply(request, "OK\0".getBytes());
        done.get(5, TimeUnit.SECONDS);
        return Payloads.split(request.payload()).get(1);
    }

    @Test
    void aGivenExecutorRunsTheCallbacksAndOutlivesTheClient() throws Exception {
        ExecutorService given = Executors.newSingleThreadExecutor(task -> new Thread(task, "given-executor"));
        FakeConnection daemon = new FakeConnection();
        Router router = new Router(daemon);
        Client client = Client.builder().router(router).requestTimeout(Duration.ofSeconds(5))
                .callbackExecutor(given).build();
        try {
            BlockingQueue<String> threads = new LinkedBlockingQueue<>();
            Monitor monitor = client.monitor(event -> threads.add(Thread.currentThread().getName()));
            daemon.event("/w", watch(daemon, monitor, "/w", "t"));
            assertEquals("given-executor", threads.poll(5, TimeUnit.SECONDS));
        } finally {
            router.terminate(); // first: nothing would answer the monitor's unwatch
            client.close();
        }
        assertTrue(given.submit(() -> true).get(5, TimeUnit.SECONDS), "the client shut down an executor it was given");
        given.shutdown();
    }

    @Test
    void theClientsOwnCallbackThreadsEndWithIt() throws Exception {
        FakeConnection daemon = new FakeConnection();
        Router router = new Router(daemon);
        BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
        Thread callbackThread;
        Client client = Client.builder().router(router).requestTimeout(Duration.ofSeconds(5)).build();
        try {
            Monitor monitor = client.monitor(event -> threads.add(Thread.currentThread()));
            daemon.event("/w", watch(daemon, monitor, "/w", "t"));
            callbackThread = threads.poll(5, TimeUnit.SECONDS);
            assertTrue(callbackThread.getName().startsWith("jxs-monitor-"), callbackThread.getName());
        } finally {
            router.terminate(); // first: nothing would answer the monitor's unwatch
            client.close();
        }
        callbackThread.join(5000);
        assertFalse(callbackThread.isAlive(), callbackThread + " outlived its client");
    }
}
