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
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import io.jxs.Transaction;
import io.jxs.testing.XenStoreDaemon.Kind;
import io.jxs.testing.XenStoreDaemonExtension;
import io.jxs.testing.DaemonPool;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Many threads share one client: mixed operations and transactions, every result checked. */
@ExtendWith(XenStoreDaemonExtension.class)
class ConcurrencyIT {
    private static final int THREADS = 16;
    private static final int ROUNDS = 150;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void threadsSharingOneClientEachSeeTheirOwnResults(Kind kind, DaemonPool daemons) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        // Sixteen threads increment one counter: allow enough attempts for the contention, on a busy machine too.
        try (Client client = Client.builder().unixSocket(daemons.get(kind).socketPath())
                .requestTimeout(Duration.ofSeconds(30)).transactionAttempts(1000).build()) {
            client.write("/concurrency/counter", "0");
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                workers.add(pool.submit(() -> work(client, thread)));
            }
            int increments = 0;
            for (Future<Integer> worker : workers) {
                increments += worker.get(120, TimeUnit.SECONDS);
            }
            assertEquals(THREADS * (ROUNDS / 10), increments);
            assertEquals(Integer.toString(increments), client.readString("/concurrency/counter"));
            assertEquals(THREADS, client.list("/concurrency/t").size());
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void pipeliningAndBlockingCallersMixedEachGetTheirOwnReplies(Kind kind, DaemonPool daemons) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Client client = Client.builder().unixSocket(daemons.get(kind).socketPath())
                .requestTimeout(Duration.ofSeconds(30)).build()) {
            for (int i = 0; i < 64; i++) {
                client.write("/mixed/" + i, Integer.toString(i));
            }
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                // Four threads keep 32 reads in flight each through the async view...
                workers.add(pool.submit(() -> {
                    ArrayDeque<CompletableFuture<byte[]>> inFlight = new ArrayDeque<>();
                    ArrayDeque<Integer> expected = new ArrayDeque<>();
                    for (int n = 0; n < 4000; n++) {
                        if (inFlight.size() == 32) {
                            assertEquals(Integer.toString(expected.poll()), new String(inFlight.poll().join(),
                                    StandardCharsets.US_ASCII));
                        }
                        expected.add(n % 64);
                        inFlight.add(client.async().read("/mixed/" + (n % 64)));
                    }
                    while (!inFlight.isEmpty()) {
                        assertEquals(Integer.toString(expected.poll()), new String(inFlight.poll().join(),
                                StandardCharsets.US_ASCII));
                    }
                    return 4000;
                }));
                // ...while four others wait for each of theirs.
                int offset = t;
                workers.add(pool.submit(() -> {
                    for (int n = 0; n < 1000; n++) {
                        int i = (n * 7 + offset) % 64;
                        assertEquals(Integer.toString(i), client.readString("/mixed/" + i));
                    }
                    return 1000;
                }));
            }
            int calls = 0;
            for (Future<Integer> worker : workers) {
                calls += worker.get(120, TimeUnit.SECONDS);
            }
            assertEquals(4 * 4000 + 4 * 1000, calls);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Writes, reads back, lists and counts; returns how many counter increments it committed. */
    private static int work(Client client, int thread) {
        String home = "/concurrency/t/" + thread;
        int increments = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] value = (thread + ":" + round).getBytes(StandardCharsets.US_ASCII);
            client.write(home + "/v" + (round % 5), value);
            assertArrayEquals(value, client.read(home + "/v" + (round % 5)));
            if (round % 10 == 0) {
                client.inTransaction(tx -> {
                    int n = Integer.parseInt(tx.readString("/concurrency/counter"));
                    tx.write("/concurrency/counter", Integer.toString(n + 1));
                    return n;
                });
                increments++;
            }
            if (round % 10 == 5) {
                try (Transaction tx = client.transaction()) {
                    tx.write(home + "/private", "in transaction " + round);
                    assertEquals("in transaction " + round, tx.readString(home + "/private"));
                    tx.rollback();
                }
            }
            if (round % 25 == 0) {
                assertTrue(client.list(home).contains("v0"));
            }
        }
        return increments;
    }
}
