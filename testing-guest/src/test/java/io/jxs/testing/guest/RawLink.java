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
package io.jxs.testing.guest;

import io.jxs.testing.GuestRing;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/** A byte stream to a store as one domain: a socket (dom0, or a guest of the embedded store) or a guest's ring. */
interface RawLink extends AutoCloseable {

    /**
     * Writes all of the bytes.
     *
     * @throws IOException when the link is closed or the store is gone
     */
    void write(byte[] bytes) throws IOException;

    /**
     * Reads at most {@code length} bytes, waiting at most {@code timeout} for the first.
     *
     * @return how many were read, 0 when none came in time
     * @throws IOException when the store closed the link
     */
    int read(byte[] bytes, int offset, int length, Duration timeout) throws IOException;

    @Override
    void close();

    /**
     * Connects to a Unix socket.
     *
     * @throws IOException when nobody listens there
     */
    static RawLink socket(Path path) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(path));
        channel.configureBlocking(false);
        Selector selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        return new RawLink() {
            @Override
            public void write(byte[] bytes) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    if (channel.write(buffer) == 0) {
                        Thread.onSpinWait();
                    }
                }
            }

            @Override
            public int read(byte[] bytes, int offset, int length, Duration timeout) throws IOException {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (true) {
                    int n = channel.read(ByteBuffer.wrap(bytes, offset, length));
                    if (n < 0) {
                        throw new IOException("the store closed the connection");
                    }
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (n > 0 || left <= 0) {
                        return n;
                    }
                    selector.select(left);
                    selector.selectedKeys().clear();
                }
            }

            @Override
            public void close() {
                try {
                    selector.close();
                    channel.close();
                } catch (IOException ignored) {
                    // nothing left to release
                }
            }
        };
    }

    /** Speaks on a guest's ring; closing the link leaves the ring to its owner. */
    static RawLink ring(GuestRing ring) {
        return new RawLink() {
            @Override
            public void write(byte[] bytes) throws IOException {
                ring.write(bytes, 0, bytes.length, Duration.ofSeconds(10));
            }

            @Override
            public int read(byte[] bytes, int offset, int length, Duration timeout) throws IOException {
                return ring.read(bytes, offset, length, timeout);
            }

            @Override
            public void close() {
                // the ring belongs to the hypervisor's side (DiffStore)
            }
        };
    }
}
