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
package io.jxs.embedded.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.embedded.EmbeddedXenStore;
import io.jxs.embedded.Quotas;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void theSocketGoesToTheConfiguredOwner(@TempDir Path dir) throws Exception {
        String me = System.getProperty("user.name");
        try (EmbeddedXenStore store = new EmbeddedXenStore(dir.resolve("socket")).start()) {
            EmbeddedXenStoreComponent.giveTo(store.socketPath(), " " + me + " ");
            assertEquals(me, Files.getOwner(store.socketPath()).getName());
            EmbeddedXenStoreComponent.giveTo(store.socketPath(), "");
            assertEquals(me, Files.getOwner(store.socketPath()).getName());
        }
    }

    @Test
    void anUnknownOwnerIsRefusedByName(@TempDir Path dir) throws Exception {
        try (EmbeddedXenStore store = new EmbeddedXenStore(dir.resolve("socket")).start()) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> EmbeddedXenStoreComponent.giveTo(store.socketPath(), "jxs-no-such-user"));
            assertTrue(refused.getMessage().contains("'jxs-no-such-user'"), refused.getMessage());
        }
    }

    @Test
    void emptyQuotasAreCsDefaults() {
        assertEquals(Quotas.defaults(), EmbeddedXenStoreComponent.quotas(""));
        assertEquals(Quotas.defaults(), EmbeddedXenStoreComponent.quotas(null));
    }

    @Test
    void quotasAreCsOptions() {
        assertEquals(Quotas.defaults().withNodes(500).withWatches(64).with("memory", 65536),
                EmbeddedXenStoreComponent.quotas("  -E 500\t-W 64 -Q memory=65536 "));
    }

    @Test
    void badQuotasAreRefusedNamingTheConfiguration() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedXenStoreComponent.quotas("-W lots")).getMessage();
        assertEquals("jxs embedded XenStore: quotas '-W lots' of io.jxs.embedded: -W needs a number: lots", message);
    }
}
