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
package io.jxs.connection;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The framing of {@code struct xsd_sockmsg}: a 16-byte header of four unsigned 32-bit integers in
 * the host's byte order (type, request id, transaction id, payload length), then the payload.
 */
final class Framing {
    /** Size of the header in bytes. */
    static final int HEADER_SIZE = 16;

    /**
     * The largest reply payload accepted. oxenstored sends replies above the protocol's 4096 bytes
     * on the Unix socket (a large directory listing); this bound only protects against garbage.
     */
    static final int MAX_REPLY_PAYLOAD = 1 << 20;

    private static final boolean LITTLE_ENDIAN =
            java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;

    private Framing() {
    }

    /**
     * Writes a packet's header and payload; the caller flushes.
     *
     * @param packet the packet
     * @param header a scratch buffer of {@link #HEADER_SIZE} bytes
     * @param out the stream
     * @throws IOException when writing fails
     */
    static void write(Packet packet, byte[] header, OutputStream out) throws IOException {
        byte[] payload = packet.payload();
        putInt(header, 0, packet.op().code());
        putInt(header, 4, packet.rqId());
        putInt(header, 8, packet.txId());
        putInt(header, 12, payload.length);
        out.write(header, 0, HEADER_SIZE);
        out.write(payload);
    }

    /**
     * Encodes a packet as one contiguous frame.
     *
     * @param packet the packet
     * @return header and payload
     */
    static byte[] frame(Packet packet) {
        byte[] payload = packet.payload();
        byte[] frame = new byte[HEADER_SIZE + payload.length];
        putInt(frame, 0, packet.op().code());
        putInt(frame, 4, packet.rqId());
        putInt(frame, 8, packet.txId());
        putInt(frame, 12, payload.length);
        System.arraycopy(payload, 0, frame, HEADER_SIZE, payload.length);
        return frame;
    }

    /**
     * Reads the next packet.
     *
     * @param in the stream
     * @param header a scratch buffer of {@link #HEADER_SIZE} bytes
     * @return the packet
     * @throws EOFException when the stream ends, even in the middle of a packet
     * @throws UnknownTypeException when the header names an unknown message type (the payload has
     *     been consumed, so the stream stays in step)
     * @throws MalformedPacketException when the length is beyond {@link #MAX_REPLY_PAYLOAD}
     * @throws IOException when reading fails
     */
    static Packet read(InputStream in, byte[] header) throws IOException {
        if (in.readNBytes(header, 0, HEADER_SIZE) < HEADER_SIZE) {
            throw new EOFException("connection closed by the daemon");
        }
        int type = getInt(header, 0);
        int rqId = getInt(header, 4);
        int txId = getInt(header, 8);
        int length = getInt(header, 12);
        if (length < 0 || length > MAX_REPLY_PAYLOAD) {
            throw new MalformedPacketException("packet length " + Integer.toUnsignedString(length)
                    + " exceeds the limit of " + MAX_REPLY_PAYLOAD + " bytes");
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            throw new EOFException("connection closed by the daemon in the middle of a packet");
        }
        Op op = Op.byCode(type);
        if (op == null) {
            throw new UnknownTypeException(type, rqId);
        }
        return new Packet(op, rqId, txId, payload);
    }

    /**
     * Returns the payload length that a header announces.
     *
     * @param buffer holds the header
     * @param offset where the header starts
     * @return the length field, as is (possibly negative or beyond {@link #MAX_REPLY_PAYLOAD})
     */
    static int payloadLength(byte[] buffer, int offset) {
        return getInt(buffer, offset + 12);
    }

    private static void putInt(byte[] buffer, int offset, int value) {
        if (LITTLE_ENDIAN) {
            buffer[offset] = (byte) value;
            buffer[offset + 1] = (byte) (value >>> 8);
            buffer[offset + 2] = (byte) (value >>> 16);
            buffer[offset + 3] = (byte) (value >>> 24);
        } else {
            buffer[offset] = (byte) (value >>> 24);
            buffer[offset + 1] = (byte) (value >>> 16);
            buffer[offset + 2] = (byte) (value >>> 8);
            buffer[offset + 3] = (byte) value;
        }
    }

    private static int getInt(byte[] buffer, int offset) {
        int b0 = buffer[offset] & 0xff;
        int b1 = buffer[offset + 1] & 0xff;
        int b2 = buffer[offset + 2] & 0xff;
        int b3 = buffer[offset + 3] & 0xff;
        return LITTLE_ENDIAN ? b0 | b1 << 8 | b2 << 16 | b3 << 24 : b3 | b2 << 8 | b1 << 16 | b0 << 24;
    }
}
