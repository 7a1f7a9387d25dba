package io.jxs.internal.osgi;

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
