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
package io.jxs.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encoding and decoding of payloads made of NUL-terminated strings.
 */
public final class Payloads {
    private Payloads() {
    }

    /**
     * Encodes each string followed by a NUL byte.
     *
     * @param strings ASCII or UTF-8 strings
     * @return {@code s1\0s2\0...}
     */
    public static byte[] strings(String... strings) {
        if (strings.length == 1) {
            // The common case (a path): one array, no intermediate buffer.
            byte[] text = strings[0].getBytes(StandardCharsets.UTF_8);
            return Arrays.copyOf(text, text.length + 1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String s : strings) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    /**
     * Encodes a path, a NUL byte, then raw bytes with no terminator (the form of {@code WRITE}).
     *
     * @param path the path
     * @param value the value
     * @return {@code path\0value}
     */
    public static byte[] pathAndValue(String path, byte[] value) {
        byte[] p = path.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[p.length + 1 + value.length];
        System.arraycopy(p, 0, out, 0, p.length);
        System.arraycopy(value, 0, out, p.length + 1, value.length);
        return out;
    }

    /**
     * Splits a payload of NUL-terminated strings. A missing final NUL is tolerated.
     *
     * @param payload the payload
     * @return the strings, empty for an empty payload
     */
    public static List<String> split(byte[] payload) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == 0) {
                out.add(new String(payload, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < payload.length) {
            out.add(new String(payload, start, payload.length - start, StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * Decodes a payload that holds one string, with or without its NUL terminator.
     *
     * @param payload the payload
     * @return the string
     */
    public static String single(byte[] payload) {
        int end = payload.length;
        if (end > 0 && payload[end - 1] == 0) {
            end--;
        }
        return new String(payload, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * Parses a payload that holds one unsigned decimal number (a transaction id, a generation).
     *
     * @param payload the payload
     * @return the number
     * @throws NumberFormatException when it is not a number
     */
    public static long number(byte[] payload) {
        return Long.parseLong(single(payload));
    }
}
