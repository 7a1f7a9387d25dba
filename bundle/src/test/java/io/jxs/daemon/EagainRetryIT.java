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
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import io.jxs.testing.RequiredDaemon;
import io.jxs.testing.XenStoreDaemon;
import io.jxs.testing.XenStoreDaemon.Kind;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** inTransaction retries for real: oxenstored's test-eagain makes commits fail with EAGAIN at random. */
class EagainRetryIT {

    @Test
    void inTransactionRetriesCommitsThatTheDaemonRefusesWithEagain() {
        try (XenStoreDaemon daemon = RequiredDaemon.start(Kind.OXENSTORED, Map.of("test-eagain", "true"));
                Client client = Client.builder().unixSocket(daemon.socketPath())
                        .requestTimeout(Duration.ofSeconds(10)).transactionAttempts(100).build()) {
            client.write("/eagain/n", "0");
            AtomicInteger attempts = new AtomicInteger();
            for (int i = 1; i <= 40; i++) {
                client.inTransaction(tx -> {
                    attempts.incrementAndGet();
                    int n = Integer.parseInt(tx.readString("/eagain/n"));
                    tx.write("/eagain/n", Integer.toString(n + 1));
                    return null;
                });
            }
            assertEquals("40", client.readString("/eagain/n"));
            assertTrue(attempts.get() > 40, "no commit was refused in " + attempts.get() + " attempts");
        }
    }
}
