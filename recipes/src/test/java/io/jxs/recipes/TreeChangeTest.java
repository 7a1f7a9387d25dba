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
package io.jxs.recipes;

import static io.jxs.recipes.TreeChange.Kind.ADDED;
import static io.jxs.recipes.TreeChange.Kind.CHANGED;
import static io.jxs.recipes.TreeChange.Kind.REMOVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TreeChangeTest {

    @Test
    void valuesAreComparedByContent() {
        assertEquals(new TreeChange(CHANGED, "/a", new byte[] {1}, new byte[] {2}),
                new TreeChange(CHANGED, "/a", new byte[] {1}, new byte[] {2}));
        assertEquals(new TreeChange(CHANGED, "/a", new byte[] {1}, new byte[] {2}).hashCode(),
                new TreeChange(CHANGED, "/a", new byte[] {1}, new byte[] {2}).hashCode());
        assertNotEquals(new TreeChange(ADDED, "/a", null, new byte[] {1}), new TreeChange(ADDED, "/a", null, new byte[] {2}));
        assertEquals("CHANGED /a (1 -> 2 bytes)", new TreeChange(CHANGED, "/a", new byte[] {1}, new byte[] {2, 3}).toString());
    }

    @Test
    void valuesMustFitTheKind() {
        assertEquals("ADDED of /a needs a new value and no old one", assertThrows(IllegalArgumentException.class,
                () -> new TreeChange(ADDED, "/a", new byte[0], new byte[0])).getMessage());
        assertEquals("REMOVED of /a needs an old value and no new one", assertThrows(IllegalArgumentException.class,
                () -> new TreeChange(REMOVED, "/a", null, null)).getMessage());
        assertEquals("CHANGED of /a needs an old and a new value", assertThrows(IllegalArgumentException.class,
                () -> new TreeChange(CHANGED, "/a", null, new byte[0])).getMessage());
    }
}
