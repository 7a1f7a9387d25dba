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
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpTest {

    @Test
    void codesMatchXsWire() {
        assertEquals(0, Op.CONTROL.code());
        assertEquals(11, Op.WRITE.code());
        assertEquals(15, Op.WATCH_EVENT.code());
        assertEquals(16, Op.ERROR.code());
        assertEquals(19, Op.SET_TARGET.code());
        assertEquals(21, Op.RESET_WATCHES.code());
        assertEquals(22, Op.DIRECTORY_PART.code());
        assertEquals(0xffff, Op.INVALID.code());
    }

    @Test
    void everyOpRoundTripsThroughItsCode() {
        for (Op op : Op.values()) {
            assertEquals(op, Op.fromCode(op.code()));
        }
    }

    @Test
    void unknownCodesAreRefused() {
        for (int code : new int[] {20, 23, 26, -1, 1000}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Op.fromCode(code));
            assertTrue(e.getMessage().contains(Integer.toUnsignedString(code)), e.getMessage());
        }
    }
}
