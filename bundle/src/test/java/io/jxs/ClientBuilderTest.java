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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each builder option refuses a bad value at once, with a message naming it. */
class ClientBuilderTest {

    private static void refused(String expected, Runnable option) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, option::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void nullEndpointsAreRefused() {
        refused("unixSocket path must not be null", () -> Client.builder().unixSocket(null));
        refused("xenBus path must not be null", () -> Client.builder().xenBus(null));
        refused("router must not be null", () -> Client.builder().router(null));
    }

    @Test
    void aClientHasOneEndpoint() {
        refused("socket:/a was given before xenbus:/b",
                () -> Client.builder().unixSocket(Path.of("/a")).xenBus(Path.of("/b")));
        refused("a shared router was given before socket:/a",
                () -> Client.builder().router(new Router(new FakeConnection())).unixSocket(Path.of("/a")));
    }

    @Test
    void durationsMustBePositive() {
        refused("request timeout must be positive: PT0S", () -> Client.builder().requestTimeout(Duration.ZERO));
        refused("request timeout must be positive", () -> Client.builder().requestTimeout(Duration.ofSeconds(-1)));
        refused("request timeout must not be null", () -> Client.builder().requestTimeout(null));
        refused("reconnect delay must be positive", () -> Client.builder().reconnect(Duration.ZERO));
    }

    @Test
    void countsMustBeAtLeastOne() {
        refused("transaction attempts must be at least 1: 0", () -> Client.builder().transactionAttempts(0));
        refused("max queued events must be at least 1: 0", () -> Client.builder().maxQueuedEvents(0));
    }

    @Test
    void reconnectBelongsToTheSharedRouterNotToItsClients() {
        Router shared = new Router(new FakeConnection());
        refused("reconnect is set on the shared router", () -> Client.builder().router(shared).reconnect(Duration.ofSeconds(1)));
    }

    @Test
    void aClientOfASharedRouterLeavesItRunningWhenClosed() {
        FakeConnection daemon = new FakeConnection();
        Router shared = new Router(daemon);
        shared.start(Duration.ofSeconds(1));
        Client client = Client.builder().router(shared).build();
        client.close();
        assertFalse(shared.isTerminated());
        assertTrue(shared.isConnected());
        shared.terminate();
    }

    @Test
    void theDefaultEndpointIsTheDaemonsSocket() {
        try (Client client = Client.builder().build()) {
            assertEquals("Client[Router[socket:" + io.jxs.connection.UnixSocketConnection.defaultPath(System.getenv())
                    + ", new]]", client.toString());
        }
    }
}
