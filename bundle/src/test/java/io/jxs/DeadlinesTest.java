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

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/** Connecting is bounded too: a listener that never accepts (its backlog full) holds no caller for ever. */
class DeadlinesTest {
    private Path directory;
    private AFUNIXServerSocket listener;
    private final List<AFUNIXSocketChannel> backlog = new ArrayList<>();

    @BeforeEach
    void fillTheBacklogOfAListenerThatNeverAccepts() throws IOException {
        directory = Files.createTempDirectory("jxs-deadlines");
        File socket = directory.resolve("socket").toFile();
        listener = AFUNIXServerSocket.newInstance();
        listener.bind(AFUNIXSocketAddress.of(socket), 1);
        for (int i = 0; i < 8; i++) {
            AFUNIXSocketChannel channel = AFUNIXSocketChannel.open();
            channel.configureBlocking(false);
            backlog.add(channel);
            if (!channel.connect(AFUNIXSocketAddress.of(socket))) {
                break; // the backlog is full from here on
            }
        }
    }

    @AfterEach
    void close() throws IOException {
        for (AFUNIXSocketChannel channel : backlog) {
            channel.close();
        }
        listener.close();
        Files.deleteIfExists(directory.resolve("socket"));
        Files.deleteIfExists(directory);
    }

    @Test
    void connectingReturnsWithinTheRequestTimeout() {
        try (Client client = Client.builder().unixSocket(directory.resolve("socket"))
                .requestTimeout(Duration.ofMillis(500)).build()) {
            long start = System.nanoTime();
            ConnectionException e = assertThrows(ConnectionException.class, client::connect);
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(elapsedMillis < 1500, "connect took " + elapsedMillis + " ms");
            assertTrue(e.getMessage().contains("backlog is full"), e.getMessage());
        }
    }

    @Test
    void closeReturnsAtOnceWhileAnotherThreadIsConnecting() throws Exception {
        Client client = Client.builder().unixSocket(directory.resolve("socket"))
                .requestTimeout(Duration.ofSeconds(30)).build();
        CompletableFuture<Throwable> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                client.read("/a");
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        Thread.sleep(200);
        assertTimeoutPreemptively(Duration.ofSeconds(1), client::close);
        Throwable failure = connecting.get(2, TimeUnit.SECONDS);
        assertTrue(failure instanceof ConnectionException, String.valueOf(failure));
    }
}
