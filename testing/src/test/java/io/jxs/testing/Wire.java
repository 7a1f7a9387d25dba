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
package io.jxs.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * XenStore packets as bytes, for the tests of this module (which depends on no jxs module): a 16-byte header
 * (type, request id, transaction id, payload length; little endian) and the payload.
 */
final class Wire {

    static final int READ = 2;
    static final int INTRODUCE = 8;
    static final int RELEASE = 9;
    static final int GET_DOMAIN_PATH = 10;
    static final int WRITE = 11;
    static final int SET_PERMS = 14;
    static final int ERROR = 16;
    static final int IS_DOMAIN_INTRODUCED = 17;

    private Wire() {
    }

    /** A reply: its type and payload; {@link #text()} is the payload without its trailing NUL ("OK", a value, an error word). */
    record Reply(int type, byte[] payload) {
        String text() {
            int n = payload.length > 0 && payload[payload.length - 1] == 0 ? payload.length - 1 : payload.length;
            return new String(payload, 0, n, StandardCharsets.UTF_8);
        }
    }

    /** A request packet; each part is followed by a NUL except the last, as in WRITE's path and value. */
    static byte[] packet(int type, int rqId, String... parts) {
        String joined = String.join("\0", parts) + (type == WRITE ? "" : "\0");
        byte[] payload = joined.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + payload.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(type).putInt(rqId).putInt(0).putInt(payload.length).put(payload).array();
    }

    /** Sends one request over a guest's ring and reads its reply, or fails after the timeout. */
    static Reply exchange(GuestRing ring, byte[] request, Duration timeout) throws IOException {
        ring.write(request, 0, request.length, timeout);
        byte[] header = readFully(ring, 16, timeout);
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int type = h.getInt(0);
        return new Reply(type, readFully(ring, h.getInt(12), timeout));
    }

    private static byte[] readFully(GuestRing ring, int length, Duration timeout) throws IOException {
        byte[] bytes = new byte[length];
        int done = 0;
        while (done < length) {
            int n = ring.read(bytes, done, length - done, timeout);
            if (n == 0) {
                throw new IOException("no reply within " + timeout + " on " + ring + ": " + ring.state());
            }
            done += n;
        }
        return bytes;
    }
}
