package io.jxs.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxs.Op;
import io.jxs.Packet;
import io.jxs.UnexpectedPacketException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PacketCodecTest {

    private static byte[] frame(int type, int rqId, int txId, int length, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload.length).order(ByteOrder.nativeOrder());
        b.putInt(type).putInt(rqId).putInt(txId).putInt(length).put(payload);
        return b.array();
    }

    @Test
    void writesHeaderInNativeOrderFollowedByPayload() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketCodec.write(new Packet(Op.WRITE, 7, 3, "/a\0b".getBytes()), out);
        assertArrayEquals(frame(11, 7, 3, 4, "/a\0b".getBytes()), out.toByteArray());
    }

    @Test
    void readsWhatItWrites() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Packet packet = new Packet(Op.DIRECTORY_PART, -2, 42, new byte[] {0, 1, (byte) 0xff});
        PacketCodec.write(packet, out);
        assertEquals(packet, PacketCodec.read(new ByteArrayInputStream(out.toByteArray())));
    }

    @Test
    void readsRepliesLargerThanTheRequestLimit() throws IOException {
        byte[] payload = new byte[20_000];
        Arrays.fill(payload, (byte) 'x');
        Packet read = PacketCodec.read(new ByteArrayInputStream(frame(1, 1, 0, payload.length, payload)));
        assertEquals(20_000, read.payload().length);
    }

    @Test
    void refusesAbsurdLengths() {
        byte[] header = frame(2, 1, 0, 0x7fff_ffff, new byte[0]);
        assertThrows(UnexpectedPacketException.class, () -> PacketCodec.read(new ByteArrayInputStream(header)));
    }

    @Test
    void endOfStreamInsideAPacketIsAnEof() {
        byte[] truncated = Arrays.copyOf(frame(2, 1, 0, 10, new byte[10]), 20);
        assertThrows(EOFException.class, () -> PacketCodec.read(new ByteArrayInputStream(truncated)));
        assertThrows(EOFException.class, () -> PacketCodec.read(new ByteArrayInputStream(new byte[5])));
    }

    @Test
    void unknownTypeIsReportedWithItsRequestIdAndThePayloadIsConsumed() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(frame(99, 5, 0, 3, new byte[] {1, 2, 3}));
        stream.writeBytes(frame(2, 6, 0, 1, new byte[] {'v'}));
        ByteArrayInputStream in = new ByteArrayInputStream(stream.toByteArray());
        PacketCodec.UnknownOpException e = assertThrows(PacketCodec.UnknownOpException.class, () -> PacketCodec.read(in));
        assertEquals(5, e.rqId());
        assertEquals(6, PacketCodec.read(in).rqId());
    }
}
