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

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The XenStore wire format: 16-byte header (type, req_id, tx_id, len; native byte order) and payload helpers. */
final class Wire {

    static final int HEADER_SIZE = 16;
    static final int PAYLOAD_MAX = 4096;

    static final int CONTROL = 0;
    static final int DIRECTORY = 1;
    static final int READ = 2;
    static final int GET_PERMS = 3;
    static final int WATCH = 4;
    static final int UNWATCH = 5;
    static final int TRANSACTION_START = 6;
    static final int TRANSACTION_END = 7;
    static final int INTRODUCE = 8;
    static final int RELEASE = 9;
    static final int GET_DOMAIN_PATH = 10;
    static final int WRITE = 11;
    static final int MKDIR = 12;
    static final int RM = 13;
    static final int SET_PERMS = 14;
    static final int WATCH_EVENT = 15;
    static final int ERROR = 16;
    static final int IS_DOMAIN_INTRODUCED = 17;
    static final int RESUME = 18;
    static final int SET_TARGET = 19;
    static final int RESET_WATCHES = 21;
    static final int DIRECTORY_PART = 22;

    private Wire() {
    }

    /** One message, header and payload, ready to be written. */
    static ByteBuffer encode(int type, int reqId, int txId, byte[] payload) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_SIZE + payload.length).order(ByteOrder.nativeOrder());
        buffer.putInt(type).putInt(reqId).putInt(txId).putInt(payload.length).put(payload);
        return buffer.flip();
    }

    /** {@code text} followed by a NUL. */
    static byte[] string(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 0, bytes.length);
        return out;
    }

    /** Each of {@code texts} followed by a NUL. */
    static byte[] strings(List<String> texts) {
        int size = 0;
        for (String text : texts) {
            size += text.length() + 1;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (String text : texts) {
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(bytes, 0, out, at, bytes.length);
            at += bytes.length + 1;
        }
        return out;
    }

    /** Payload bytes as a Java string, one char per byte (ISO-8859-1), so nothing is lost. */
    static String text(byte[] payload, int from, int to) {
        return new String(payload, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Number of NUL bytes in the payload: C's {@code xs_count_strings}. */
    static int countStrings(byte[] payload) {
        int count = 0;
        for (byte b : payload) {
            if (b == 0) {
                count++;
            }
        }
        return count;
    }

    /** Up to {@code max} leading NUL-terminated strings: C's {@code get_strings}. */
    static List<String> strings(byte[] payload, int max) {
        List<String> out = new ArrayList<>();
        int at = 0;
        while (out.size() < max && at < payload.length) {
            int nul = indexOfNul(payload, at);
            if (nul < 0) {
                break;
            }
            out.add(text(payload, at, nul));
            at = nul + 1;
        }
        return out;
    }

    /** The single argument of a one-argument request, or null unless the payload is exactly one string and its NUL:
     * C's {@code onearg}. */
    static String oneArg(byte[] payload) {
        if (payload.length == 0 || indexOfNul(payload, 0) != payload.length - 1) {
            return null;
        }
        return text(payload, 0, payload.length - 1);
    }

    static int indexOfNul(byte[] payload, int from) {
        for (int i = from; i < payload.length; i++) {
            if (payload[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
