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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/local/domain/0", "relative/path", "a", "/A-z_0@9", "@introduceDomain", "/x/y-1/_z"})
    void acceptsValidPaths(String path) {
        assertEquals(path, PathRules.checkPath(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/a/", "a//b", "//", "/a b", "/a\u00e9", "/a.b", "/a\0b", "/a:b", "/tab\t"})
    void refusesInvalidPaths(String path) {
        assertThrows(InvalidPathException.class, () -> PathRules.checkPath(path));
    }

    @Test
    void refusesNull() {
        assertThrows(InvalidPathException.class, () -> PathRules.checkPath(null));
    }

    @Test
    void messageNamesTheOffendingPath() {
        InvalidPathException e = assertThrows(InvalidPathException.class, () -> PathRules.checkPath("/bad path"));
        assertTrue(e.getMessage().contains("/bad path"), e.getMessage());
        assertEquals("EINVAL", e.errorName());
        assertEquals(22, e.errno());
    }

    @Test
    void enforcesAbsoluteAndRelativeLengthLimits() {
        String absolute = "/" + "a".repeat(3071);
        assertEquals(absolute, PathRules.checkPath(absolute));
        assertThrows(InvalidPathException.class, () -> PathRules.checkPath(absolute + "a"));
        String relative = "a".repeat(2048);
        assertEquals(relative, PathRules.checkPath(relative));
        assertThrows(InvalidPathException.class, () -> PathRules.checkPath(relative + "a"));
    }

    @Test
    void watchPathsMayBeTheSpecialPaths() {
        assertEquals("@releaseDomain", PathRules.checkWatchPath("@releaseDomain"));
        assertEquals("@introduceDomain", PathRules.checkWatchPath("@introduceDomain"));
        assertThrows(InvalidPathException.class, () -> PathRules.checkWatchPath("@release Domain"));
        assertThrows(InvalidPathException.class, () -> PathRules.checkWatchPath("@foo"));
    }

    @Test
    void domainIdsAreSixteenBits() {
        assertEquals(65535, PathRules.checkDomid(65535));
        assertThrows(IllegalArgumentException.class, () -> PathRules.checkDomid(65536));
        assertThrows(IllegalArgumentException.class, () -> PathRules.checkDomid(-1));
    }

    @Test
    void subtreeMembership() {
        assertTrue(PathRules.isInSubtree("/a", "/a"));
        assertTrue(PathRules.isInSubtree("/a", "/a/b"));
        assertFalse(PathRules.isInSubtree("/a", "/ab"));
        assertFalse(PathRules.isInSubtree("/a", "/a-b"));
        assertTrue(PathRules.isInSubtree("/", "/ab"));
        assertTrue(PathRules.isInSubtree("rel", "rel/x"));
        assertFalse(PathRules.isInSubtree("/", "@introduceDomain"));
    }
}
