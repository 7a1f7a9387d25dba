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
package io.jxs.osgi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class WatchRegistryTest {
    private final WatchRegistry registry = new WatchRegistry();

    @Test
    void aPathIsWatchedWhileAnySourceWantsIt() {
        Object config = "config";
        Object handler = "handler";
        assertEquals(new WatchRegistry.Change(Set.of("/a", "/b"), Set.of()), registry.set(config, Set.of("/a", "/b")));
        assertEquals(new WatchRegistry.Change(Set.of("/c"), Set.of()), registry.set(handler, Set.of("/b", "/c")));
        assertEquals(Set.of("/a", "/b", "/c"), registry.watched());
        assertEquals(new WatchRegistry.Change(Set.of(), Set.of("/a")), registry.set(config, Set.of()));
        assertEquals(Set.of("/b", "/c"), registry.watched());
        assertEquals(Set.of(), registry.paths(config));
        assertEquals(new WatchRegistry.Change(Set.of(), Set.of("/b", "/c")), registry.set(handler, Set.of()));
        assertEquals(Set.of(), registry.watched());
    }
}
