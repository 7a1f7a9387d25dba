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

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The escaping of {@code xenstore-read} and {@code xenstore-ls}, as measured with xenstore-utils 4.17
 * (every byte value written with {@code xenstore-write '\xNN'} and read back).
 */
class SanitiserTest {

    private static String sanitise(int... bytes) {
        byte[] value = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            value[i] = (byte) bytes[i];
        }
        return Sanitiser.sanitise(value);
    }

    @Test
    void printableAsciiStaysAsItIsQuotesIncluded() {
        assertEquals("a b\"'~!", Sanitiser.sanitise("a b\"'~!".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void backslashTabNewlineAndReturnHaveTheirCEscapes() {
        assertEquals("\\\\\\t\\n\\r", sanitise('\\', '\t', '\n', '\r'));
    }

    @Test
    void bytesZeroToSevenAreThreeOctalDigits() {
        assertEquals("\\000\\001\\007", sanitise(0, 1, 7));
        assertEquals("\\0000", sanitise(0, '0'));
    }

    @Test
    void otherControlBytesDelAndHighBytesAreHex() {
        assertEquals("\\x08\\x0b\\x0c\\x0e\\x1b\\x1f\\x7f\\x80\\xff", sanitise(8, 0x0b, 0x0c, 0x0e, 0x1b, 0x1f, 0x7f, 0x80, 0xff));
    }

    @Test
    void utf8TextShowsByteByByte() {
        assertEquals("caf\\xc3\\xa9", Sanitiser.sanitise("café".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anEmptyValueIsEmptyText() {
        assertEquals("", sanitise());
    }
}
