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

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A raw protocol connection for tests: sends any bytes, returns every message up to the reply of a request. */
final class RawClient implements AutoCloseable {

    /** One message from the daemon. */
    record Message(int type, int reqId, int txId, byte[] payload) {
        boolean isEvent() {
            return type == Wire.WATCH_EVENT;
        }

        /** The payload as text, one char per byte. */
        String text() {
            return new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private final SocketChannel channel;
    private int nextReqId = 1;

    RawClient(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
    }

    /** Sends the steps' requests back to back, in one write, and returns their req_ids. */
    List<Integer> sendAll(List<Step> steps) throws IOException {
        List<ByteBuffer> requests = new ArrayList<>();
        List<Integer> reqIds = new ArrayList<>();
        int size = 0;
        for (Step step : steps) {
            int reqId = nextReqId++;
            reqIds.add(reqId);
            ByteBuffer request = Wire.encode(step.type(), reqId, step.txId(), step.payload());
            size += request.remaining();
            requests.add(request);
        }
        ByteBuffer all = ByteBuffer.allocate(size);
        requests.forEach(all::put);
        all.flip();
        while (all.hasRemaining()) {
            channel.write(all);
        }
        return reqIds;
    }

    /** Sends a request and returns its req_id. */
    int send(int type, int txId, byte[] payload) throws IOException {
        int reqId = nextReqId++;
        ByteBuffer buffer = Wire.encode(type, reqId, txId, payload);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        return reqId;
    }

    /** Sends a request without a transaction and returns its reply, skipping watch events. */
    Message call(int type, String payload) throws IOException {
        List<Message> messages = until(send(type, 0, payload.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        return messages.get(messages.size() - 1);
    }

    /** Reads messages until the reply to {@code reqId} (included). */
    List<Message> until(int reqId) throws IOException {
        List<Message> messages = new ArrayList<>();
        while (true) {
            Message message = read();
            messages.add(message);
            if (!message.isEvent() && message.reqId() == reqId) {
                return messages;
            }
        }
    }

    Message read() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(Wire.HEADER_SIZE).order(ByteOrder.nativeOrder());
        readFully(header);
        int len = header.getInt(12);
        ByteBuffer payload = ByteBuffer.allocate(len);
        readFully(payload);
        return new Message(header.getInt(0), header.getInt(4), header.getInt(8), payload.array());
    }

    private void readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("connection closed by the daemon");
            }
        }
    }

    /** Whether a message arrives within 300 ms (then it is partly consumed). */
    boolean hasInput() throws IOException {
        try (java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
            channel.configureBlocking(false);
            channel.register(selector, java.nio.channels.SelectionKey.OP_READ);
            return selector.select(300) > 0 && channel.read(ByteBuffer.allocate(1)) != 0;
        } finally {
            channel.configureBlocking(true);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
