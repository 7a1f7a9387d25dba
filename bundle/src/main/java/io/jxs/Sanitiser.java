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
package io.jxs;

/**
 * Turns a node's value into the text that the C tools {@code xenstore-read} and {@code xenstore-ls}
 * print for it (libxenstore's {@code sanitise_value}), so that what jxs shows can be compared with
 * what they show: printable ASCII as it is, {@code \\} for a backslash, {@code \t}, {@code \n} and
 * {@code \r}, three octal digits for the bytes 0 to 7 ({@code \000}), and {@code \xNN} for every other
 * byte (other control characters, DEL and every byte above 127, so UTF-8 text shows byte by byte). Used by the
 * shell, the MBean and the web page alike.
 */
public final class Sanitiser {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Sanitiser() {
    }

    /**
     * Escapes a value as {@code xenstore-read} prints it.
     *
     * @param value the raw bytes
     * @return the escaped text, pure ASCII
     * @throws NullPointerException when the value is null
     */
    public static String sanitise(byte[] value) {
        StringBuilder text = new StringBuilder(value.length + 16);
        for (byte b : value) {
            int c = b & 0xff;
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        text.append((char) c);
                    } else if (c < 010) {
                        text.append("\\00").append((char) ('0' + c));
                    } else {
                        text.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    }
                }
            }
        }
        return text.toString();
    }
}
