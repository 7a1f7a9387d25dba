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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FramingTest {
    private final byte[] header = new byte[Framing.HEADER_SIZE];


    private static byte[] frame(int type, int rqId, int txId, int length, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload.length).order(ByteOrder.nativeOrder());
        b.putInt(type).putInt(rqId).putInt(txId).putInt(length).put(payload);
        return b.array();
    }

    @Test
    void writesHeaderInNativeOrderFollowedByPayload() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Framing.write(new Packet(Op.WRITE, 7, 3, "/a\0b".getBytes()), header, out);
        assertArrayEquals(frame(11, 7, 3, 4, "/a\0b".getBytes()), out.toByteArray());
    }

    @Test
    void readsWhatItWrites() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Packet packet = new Packet(Op.DIRECTORY_PART, -2, 42, new byte[] {0, 1, (byte) 0xff});
        Framing.write(packet, header, out);
        assertEquals(packet, Framing.read(new ByteArrayInputStream(out.toByteArray()), header));
    }

    @Test
    void readsRepliesLargerThanTheRequestLimit() throws IOException {
        byte[] payload = new byte[20_000];
        Arrays.fill(payload, (byte) 'x');
        Packet read = Framing.read(new ByteArrayInputStream(frame(1, 1, 0, payload.length, payload)), header);
        assertEquals(20_000, read.payload().length);
    }

    @Test
    void refusesAbsurdLengths() {
        byte[] absurd = frame(2, 1, 0, 0x7fff_ffff, new byte[0]);
        assertThrows(MalformedPacketException.class, () -> Framing.read(new ByteArrayInputStream(absurd), header));
    }

    @Test
    void endOfStreamInsideAPacketIsAnEof() {
        byte[] truncated = Arrays.copyOf(frame(2, 1, 0, 10, new byte[10]), 20);
        assertThrows(EOFException.class, () -> Framing.read(new ByteArrayInputStream(truncated), header));
        assertThrows(EOFException.class, () -> Framing.read(new ByteArrayInputStream(new byte[5]), header));
    }

    @Test
    void unknownTypeIsReportedWithItsRequestIdAndThePayloadIsConsumed() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(frame(99, 5, 0, 3, new byte[] {1, 2, 3}));
        stream.writeBytes(frame(2, 6, 0, 1, new byte[] {'v'}));
        ByteArrayInputStream in = new ByteArrayInputStream(stream.toByteArray());
        UnknownTypeException e = assertThrows(UnknownTypeException.class, () -> Framing.read(in, header));
        assertEquals(5, e.rqId());
        assertEquals(6, Framing.read(in, header).rqId());
    }
}
