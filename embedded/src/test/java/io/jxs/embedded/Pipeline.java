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

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * A careless client for load tests: it writes many requests back to back on a non-blocking socket, without reading,
 * until the daemon stops taking them; then it can read what came back.
 */
final class Pipeline implements AutoCloseable {

    private final SocketChannel channel;
    private final ByteBuffer requests;
    private final int requestSize;
    private final ByteBuffer header = ByteBuffer.allocate(Wire.HEADER_SIZE).order(ByteOrder.nativeOrder());
    private ByteBuffer payload;

    /**
     * Connects and prepares {@code count} requests, all of the same size.
     *
     * @param request request {@code i} (req_id {@code i + 1}), already encoded
     */
    Pipeline(Path socket, int count, IntFunction<ByteBuffer> request) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        channel.configureBlocking(false);
        requestSize = request.apply(0).remaining();
        requests = ByteBuffer.allocate(count * requestSize);
        for (int i = 0; i < count; i++) {
            ByteBuffer next = request.apply(i);
            if (next.remaining() != requestSize) {
                throw new IllegalArgumentException("request " + i + " is not " + requestSize + " bytes long");
            }
            requests.put(next);
        }
        requests.flip();
    }

    /**
     * Writes requests until all are written or the socket has taken nothing for {@code idleMillis}.
     *
     * @return the number of requests written completely so far
     */
    int writeUntilStalled(long idleMillis) throws IOException, InterruptedException {
        long lastProgress = System.nanoTime();
        while (requests.hasRemaining() && System.nanoTime() - lastProgress < idleMillis * 1_000_000) {
            if (channel.write(requests) > 0) {
                lastProgress = System.nanoTime();
            } else {
                Thread.sleep(5);
            }
        }
        return written();
    }

    int written() {
        return requests.position() / requestSize;
    }

    boolean allWritten() {
        return !requests.hasRemaining();
    }

    /** Writes what the socket takes now, without waiting. */
    void writeSome() throws IOException {
        if (requests.hasRemaining()) {
            channel.write(requests);
        }
    }

    /**
     * Reads the next message if it has fully arrived.
     *
     * @return the message, or null when none is complete yet
     */
    RawClient.Message poll() throws IOException {
        if (payload == null) {
            if (channel.read(header) < 0) {
                throw new EOFException("closed by the daemon");
            }
            if (header.hasRemaining()) {
                return null;
            }
            payload = ByteBuffer.allocate(header.getInt(12));
        }
        if (channel.read(payload) < 0) {
            throw new EOFException("closed by the daemon");
        }
        if (payload.hasRemaining()) {
            return null;
        }
        RawClient.Message message = new RawClient.Message(header.getInt(0), header.getInt(4), header.getInt(8),
                payload.array());
        header.clear();
        payload = null;
        return message;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
