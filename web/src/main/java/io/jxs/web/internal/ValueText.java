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
package io.jxs.web.internal;

import io.jxs.Sanitiser;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How the page shows a node's value: as {@code xenstore-ls} prints it (libxenstore's {@code sanitise_value}:
 * printable ASCII as it is, {@code \\}, {@code \t}, {@code \n}, {@code \r}, {@code \000} to {@code \007} and
 * {@code \xNN} for every other byte), and as hex when it is binary: not UTF-8, or holding a control byte other
 * than tab, newline and carriage return.
 */
final class ValueText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ValueText() {
    }

    /**
     * Escapes a value as {@code xenstore-ls} prints it, as the shell does ({@link Sanitiser}).
     *
     * @param value the raw bytes
     * @return pure ASCII text
     */
    static String escaped(byte[] value) {
        return Sanitiser.sanitise(value);
    }

    /**
     * Returns the value as text when it is text: valid UTF-8 without control bytes other than tab, newline and
     * carriage return.
     *
     * @param value the raw bytes
     * @return the text, or null when the value is binary
     */
    static String text(byte[] value) {
        for (byte b : value) {
            int c = b & 0xff;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Writes bytes as lower-case hex, two digits a byte.
     *
     * @param value the raw bytes
     * @return the hex digits
     */
    static String hex(byte[] value) {
        StringBuilder out = new StringBuilder(value.length * 2);
        for (byte b : value) {
            out.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        return out.toString();
    }
}
