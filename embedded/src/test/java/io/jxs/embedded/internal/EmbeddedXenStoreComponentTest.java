package io.jxs.embedded.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedXenStoreComponentTest {

    @Test
    void aConfiguredPathWins() {
        assertEquals(Path.of("/run/x/socket"), EmbeddedXenStoreComponent.socketPath(" /run/x/socket ", "/k/data", "/tmp"));
    }

    @Test
    void anEmptyPathMeansKarafData() {
        assertEquals(Path.of("/k/data/xenstore/socket"), EmbeddedXenStoreComponent.socketPath("", "/k/data", "/tmp"));
        assertEquals(Path.of("/k/data/xenstore/socket"), EmbeddedXenStoreComponent.socketPath(null, "/k/data", "/tmp"));
    }

    @Test
    void outsideKarafTheTemporaryFolder() {
        assertEquals(Path.of("/tmp/jxs-embedded/socket"), EmbeddedXenStoreComponent.socketPath("  ", null, "/tmp"));
    }
}
