package io.jxs.internal;

import io.jxs.InvalidOperationException;
import io.jxs.Op;
import io.jxs.Packet;
import io.jxs.UnexpectedPacketException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The framing of {@code struct xsd_sockmsg}: a 16-byte header of four unsigned 32-bit integers in
 * the host's byte order (type, request id, transaction id, payload length), then the payload.
 */
public final class PacketCodec {
    /** Size of the header in bytes. */
    public static final int HEADER_SIZE = 16;

    /**
     * The largest reply payload accepted. oxenstored sends replies above the protocol's 4096 bytes
     * on the Unix socket (a large directory listing); this bound only protects against garbage.
     */
    public static final int MAX_REPLY_PAYLOAD = 1 << 20;

    private PacketCodec() {
    }

    /**
     * Writes a packet as one contiguous frame.
     *
     * @param packet the packet
     * @param out the stream; flushed afterwards
     * @throws IOException when writing fails
     */
    public static void write(Packet packet, OutputStream out) throws IOException {
        byte[] payload = packet.payload();
        ByteBuffer frame = ByteBuffer.allocate(HEADER_SIZE + payload.length).order(ByteOrder.nativeOrder());
        frame.putInt(packet.op().code()).putInt(packet.rqId()).putInt(packet.txId()).putInt(payload.length);
        frame.put(payload);
        out.write(frame.array());
        out.flush();
    }

    /**
     * Reads the next packet.
     *
     * @param in the stream
     * @return the packet
     * @throws EOFException when the stream ends, even in the middle of a packet
     * @throws IOException when reading fails
     * @throws UnknownOpException when the header names an unknown message type (the payload has
     *     been consumed, so the stream stays in step)
     * @throws UnexpectedPacketException when the length is beyond {@link #MAX_REPLY_PAYLOAD}
     */
    public static Packet read(InputStream in) throws IOException {
        byte[] header = in.readNBytes(HEADER_SIZE);
        if (header.length < HEADER_SIZE) {
            throw new EOFException("connection closed by the daemon");
        }
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.nativeOrder());
        int type = h.getInt();
        int rqId = h.getInt();
        int txId = h.getInt();
        int length = h.getInt();
        if (length < 0 || length > MAX_REPLY_PAYLOAD) {
            throw new UnexpectedPacketException("packet length " + Integer.toUnsignedString(length)
                    + " exceeds the limit of " + MAX_REPLY_PAYLOAD + " bytes");
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            throw new EOFException("connection closed by the daemon in the middle of a packet");
        }
        Op op;
        try {
            op = Op.fromCode(type);
        } catch (InvalidOperationException e) {
            throw new UnknownOpException(e.getMessage(), rqId);
        }
        return new Packet(op, rqId, txId, payload);
    }

    /** A well-framed packet whose type is not a known message type. */
    public static final class UnknownOpException extends InvalidOperationException {
        private static final long serialVersionUID = 1L;
        private final int rqId;

        /**
         * Creates the exception.
         *
         * @param message names the unknown code
         * @param rqId the request id of the packet
         */
        public UnknownOpException(String message, int rqId) {
            super(message);
            this.rqId = rqId;
        }

        /**
         * Returns the request id of the packet.
         *
         * @return the id from its header
         */
        public int rqId() {
            return rqId;
        }
    }
}
