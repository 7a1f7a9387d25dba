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
package io.jxs.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store out of file descriptors goes on serving its connections and accepts new ones once descriptors are free
 * again. Run in a forked JVM started with {@code ulimit -n 128}, never in the JVM that runs the tests.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DescriptorExhaustionTest {

    private static final int MAX_CONNECTIONS = 400;

    @TempDir
    Path dir;

    @Test
    void runningOutOfDescriptorsOnlyDelaysNewConnections() throws Exception {
        Path socket = dir.resolve("socket");
        try (ForkedStore forked = ForkedStore.start("ulimit -n 128", socket, dir.resolve("store.log"))) {
            List<SocketChannel> flood = new ArrayList<>();
            try (RawClient early = new RawClient(socket)) {
                assertEquals("OK\0", early.call(Wire.WRITE, "/a\0b").text());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (flood.size() < MAX_CONNECTIONS && !forked.output().contains("cannot accept")) {
                    assertTrue(System.nanoTime() < deadline, "the store never ran out of descriptors:\n" + forked.output());
                    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                    channel.configureBlocking(false);
                    try {
                        channel.connect(UnixDomainSocketAddress.of(socket));
                        flood.add(channel);
                    } catch (IOException backlogFull) {
                        // The store accepts more slowly than this loop connects (a busy machine), or it
                        // already fails to accept: give it a moment, then look at its log again.
                        channel.close();
                        Thread.sleep(50);
                    }
                }
                waitFor(forked, "Too many open files");
                assertEquals("b", early.call(Wire.READ, "/a\0").text(), "served while accepting fails");
                assertTrue(forked.isAlive());
            } finally {
                for (SocketChannel channel : flood) {
                    channel.close();
                }
            }
            try (RawClient fresh = new RawClient(socket)) {
                assertEquals("b", fresh.call(Wire.READ, "/a\0").text(), "a new client once descriptors are free");
            }
            waitFor(forked, "accepting connections again");
        }
    }

    private static void waitFor(ForkedStore forked, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!forked.output().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the forked store never logged '" + text + "':\n" + forked.output());
            }
            Thread.sleep(20);
        }
    }
}
