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

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One XenStore message: the header fields and the payload that follows it.
 *
 * @param op the message type
 * @param rqId the request id, echoed by the daemon in its reply
 * @param txId the transaction id, 0 outside a transaction
 * @param payload the payload bytes (usually NUL-terminated strings)
 */
public record Packet(Op op, int rqId, int txId, byte[] payload) {

    /** The largest payload the protocol allows in a request ({@code XENSTORE_PAYLOAD_MAX}). */
    public static final int MAX_PAYLOAD = 4096;

    /**
     * Checks the fields.
     *
     * @throws NullPointerException when {@code op} or {@code payload} is null
     */
    public Packet {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * Returns a copy of this packet with another request id.
     *
     * @param newRqId the request id
     * @return the copy
     */
    public Packet withRqId(int newRqId) {
        return new Packet(op, newRqId, txId, payload);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Packet p
                && op == p.op && rqId == p.rqId && txId == p.txId && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, rqId, txId, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        String text = new String(payload, 0, Math.min(payload.length, 80), StandardCharsets.ISO_8859_1)
                .replace('\0', '|');
        return "Packet[" + op + " rq=" + Integer.toUnsignedString(rqId) + " tx=" + Integer.toUnsignedString(txId)
                + " len=" + payload.length + " '" + text + (payload.length > 80 ? "...'" : "'") + "]";
    }
}
