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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    @Test
    void stringsAreEachNulTerminated() {
        assertArrayEquals("a\0bc\0".getBytes(), Payloads.strings("a", "bc"));
    }

    @Test
    void valueFollowsPathWithoutTerminator() {
        assertArrayEquals(new byte[] {'/', 'p', 0, 0, (byte) 0xff}, Payloads.pathAndValue("/p", new byte[] {0, (byte) 0xff}));
    }

    @Test
    void splitKeepsEmptyStringsAndToleratesMissingTerminator() {
        assertEquals(List.of("1", "a", ""), Payloads.split("1\0a\0\0".getBytes()));
        assertEquals(List.of("a", "b"), Payloads.split("a\0b".getBytes()));
        assertEquals(List.of(), Payloads.split(new byte[0]));
    }

    @Test
    void numbersAreParsedOrRefused() {
        assertEquals(12, Payloads.number("12\0".getBytes()));
        assertThrows(NumberFormatException.class, () -> Payloads.number("x\0".getBytes()));
    }
}
