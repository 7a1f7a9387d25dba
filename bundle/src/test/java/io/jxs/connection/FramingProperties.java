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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The framing reads back what it writes, and refuses a length beyond its limit before allocating it. */
class FramingProperties {
    private final byte[] header = new byte[Framing.HEADER_SIZE];

    @Property(tries = 300)
    void readsBackEveryPacketItWrites(@ForAll @IntRange(min = 0, max = 22) int code, @ForAll int rqId, @ForAll int txId,
            @ForAll @Size(max = 5000) byte[] payload) throws IOException {
        Op op = Op.byCode(code);
        if (op == null) {
            return; // 20 is no message type
        }
        Packet packet = new Packet(op, rqId, txId, payload);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Framing.write(packet, header, out);
        assertEquals(packet, Framing.read(new ByteArrayInputStream(out.toByteArray()), header));
    }

    @Property(tries = 300)
    void refusesAbsurdLengthsHavingReadOnlyTheHeader(@ForAll int length) {
        if (length >= 0 && length <= Framing.MAX_REPLY_PAYLOAD) {
            return;
        }
        byte[] frame = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder()).putInt(2).putInt(1).putInt(0).putInt(length).array();
        ByteArrayInputStream in = new ByteArrayInputStream(frame);
        assertThrows(MalformedPacketException.class, () -> Framing.read(in, header));
        assertEquals(16, in.available(), "read past the header");
    }
}
