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

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import io.jxs.ConnectionException;
import io.jxs.Monitor;
import io.jxs.testing.RequiredDaemon;
import io.jxs.testing.XenStoreDaemon;
import io.jxs.testing.XenStoreDaemon.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A daemon that dies fails every pending and later request promptly; nothing hangs. */
class ConnectionLossIT {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void killingTheDaemonFailsRequestsInFlightWithConnectionException(Kind kind) throws Exception {
        try (XenStoreDaemon daemon = RequiredDaemon.start(kind);
                Client client = Client.unixSocket(daemon.socketPath().toString())) {
            client.write("/loss", "v");
            Monitor monitor = client.monitor();
            monitor.watch("/loss", "t");
            CompletableFuture<Throwable> consumer = CompletableFuture.supplyAsync(() -> {
                try {
                    while (true) {
                        monitor.take();
                    }
                } catch (Throwable t) {
                    return t;
                }
            });
            List<CompletableFuture<Void>> inFlight = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                inFlight.add(CompletableFuture.runAsync(() -> {
                    while (true) {
                        client.read("/loss");
                    }
                }));
            }
            Thread.sleep(200);
            daemon.kill();
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (CompletableFuture<Void> request : inFlight) {
                    ExecutionException e = assertThrows(ExecutionException.class, request::get);
                    assertTrue(e.getCause() instanceof ConnectionException, e.getCause().toString());
                }
                assertTrue(consumer.get() instanceof ConnectionException);
                assertThrows(ConnectionException.class, () -> client.read("/loss"));
                assertThrows(ConnectionException.class, () -> monitor.poll(1, TimeUnit.SECONDS));
            });
            assertFalse(client.isConnected());
            assertTimeoutPreemptively(Duration.ofSeconds(5), client::close);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void connectingToAMissingSocketFailsClearly(Kind kind) {
        try (XenStoreDaemon daemon = RequiredDaemon.start(kind)) {
            daemon.stop();
            Client client = Client.unixSocket(daemon.socketPath().toString());
            ConnectionException e = assertThrows(ConnectionException.class, client::connect);
            assertTrue(e.getMessage().contains(daemon.socketPath().toString()), e.getMessage());
            client.close();
        }
    }
}
