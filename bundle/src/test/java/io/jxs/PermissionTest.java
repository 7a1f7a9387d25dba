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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Permission.Access;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PermissionTest {

    @Test
    void parsesEveryAccessLetter() {
        assertEquals(new Permission(Access.READ, 5), Permission.parse("r5"));
        assertEquals(new Permission(Access.WRITE, 0), Permission.parse("w0"));
        assertEquals(new Permission(Access.BOTH, 65535), Permission.parse("b65535"));
        assertEquals(new Permission(Access.NONE, 12), Permission.parse("n12"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"r5", "w0", "b65535", "n12"})
    void toStringGivesTheWireFormBack(String text) {
        assertEquals(text, Permission.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "r", "x5", "R5", "r-1", "r65536", "r5a", "r 5", "5"})
    void refusesMalformedPermissions(String text) {
        InvalidPermissionException e = assertThrows(InvalidPermissionException.class, () -> Permission.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'") || text.length() < 2, e.getMessage());
    }

    @Test
    void refusesOutOfRangeDomains() {
        assertThrows(InvalidPermissionException.class, () -> new Permission(Access.READ, -1));
        assertThrows(InvalidPermissionException.class, () -> new Permission(null, 1));
    }
}
