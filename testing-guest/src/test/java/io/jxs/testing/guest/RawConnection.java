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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Raw XenStore packets over a {@link RawLink}: any type, tx_id and payload; every message up to a reply. */
final class RawConnection implements AutoCloseable {

    static final int HEADER_SIZE = 16;
    static final int WATCH_EVENT = 15;

    /** One message from the store. */
    record Message(int type, int reqId, int txId, byte[] payload) {
        boolean isEvent() {
            return type == WATCH_EVENT;
        }

        String text() {
            return new String(payload, StandardCharsets.ISO_8859_1);
        }
    }

    private final RawLink link;
    private int nextReqId = 1;

    RawConnection(RawLink link) {
        this.link = link;
    }

    /**
     * Sends a request.
     *
     * @return its req_id
     * @throws IOException when the link is gone
     */
    int send(int type, int txId, byte[] payload) throws IOException {
        int reqId = nextReqId++;
        ByteBuffer packet = ByteBuffer.allocate(HEADER_SIZE + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        packet.putInt(type).putInt(reqId).putInt(txId).putInt(payload.length).put(payload);
        link.write(packet.array());
        return reqId;
    }

    /**
     * Reads messages up to and including the reply to {@code reqId}.
     *
     * @return the messages, the reply last; or, when the store sent nothing for {@code timeout}, those read so far
     *     and no reply (a released guest's connection is silent)
     * @throws IOException when the store closed the link
     */
    List<Message> until(int reqId, Duration timeout) throws IOException {
        List<Message> messages = new ArrayList<>();
        while (true) {
            Message message = read(timeout);
            if (message == null) {
                return messages;
            }
            messages.add(message);
            if (!message.isEvent() && message.reqId() == reqId) {
                return messages;
            }
        }
    }

    private Message read(Duration timeout) throws IOException {
        byte[] header = new byte[HEADER_SIZE];
        if (!readFully(header, timeout)) {
            return null;
        }
        ByteBuffer fields = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        byte[] payload = new byte[fields.getInt(12)];
        if (!readFully(payload, timeout)) {
            throw new IOException("the store stopped in the middle of a message");
        }
        return new Message(fields.getInt(0), fields.getInt(4), fields.getInt(8), payload);
    }

    private boolean readFully(byte[] bytes, Duration timeout) throws IOException {
        int at = 0;
        while (at < bytes.length) {
            int n = link.read(bytes, at, bytes.length - at, timeout);
            if (n == 0) {
                return at == 0 && bytes.length > 0 ? false : fail(at, bytes.length);
            }
            at += n;
        }
        return true;
    }

    private static boolean fail(int at, int length) throws IOException {
        throw new IOException("the store sent " + at + " of " + length + " bytes and stopped");
    }

    @Override
    public void close() {
        link.close();
    }
}
