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
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * Assembles the requests of one connection from the bytes it sends. It reads at most one request at a time, so that
 * whatever the store does not want to read yet stays in the socket, where it holds back the client.
 */
final class RequestReader {

    private final ByteBuffer header = ByteBuffer.allocate(Wire.HEADER_SIZE).order(ByteOrder.nativeOrder());
    private ByteBuffer payload;

    /**
     * Reads on towards the next request.
     *
     * @param channel the connection's channel, non-blocking
     * @return the next complete request, or null when the channel has no more bytes for now
     * @throws EOFException      when the client closed the connection
     * @throws ProtocolException when the client announced a payload longer than 4096 bytes (C drops such a
     *                           connection)
     * @throws IOException       when reading fails
     */
    ReceivedRequest next(ReadableByteChannel channel) throws IOException {
        if (payload == null) {
            if (channel.read(header) < 0) {
                throw new EOFException("closed by the client");
            }
            if (header.hasRemaining()) {
                return null;
            }
            int length = header.getInt(12);
            if (length < 0 || length > Wire.PAYLOAD_MAX) {
                throw new ProtocolException("request payload of " + Integer.toUnsignedString(length)
                        + " bytes, more than " + Wire.PAYLOAD_MAX);
            }
            payload = ByteBuffer.allocate(length);
        }
        if (payload.hasRemaining() && channel.read(payload) < 0) {
            throw new EOFException("closed by the client in the middle of a request");
        }
        if (payload.hasRemaining()) {
            return null;
        }
        ReceivedRequest request =
                new ReceivedRequest(header.getInt(0), header.getInt(4), header.getInt(8), payload.array());
        header.clear();
        payload = null;
        return request;
    }
}
