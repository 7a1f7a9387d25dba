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
package io.jxs.embedded.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import io.jxs.embedded.EmbeddedXenStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension injects one running store per class; the jxs client works against it. */
@ExtendWith(EmbeddedXenStoreExtension.class)
class EmbeddedXenStoreExtensionTest {

    @Test
    void injectsTheStoreAndItsSocket(EmbeddedXenStore store, Path socket) {
        assertTrue(store.isRunning());
        assertEquals(store.socketPath(), socket);
    }

    @Test
    void sameStoreForTheWholeClass(EmbeddedXenStore first, EmbeddedXenStore second) {
        assertSame(first, second);
    }

    @Test
    void clientReadsWhatItWrites(Path socket) throws Exception {
        try (Client client = Client.unixSocket(socket.toString())) {
            client.write("/vm/1/name", "guest");
            assertEquals("guest", client.readString("/vm/1/name"));
            assertEquals(List.of("name"), client.list("/vm/1"));
            String id = client.inTransaction(tx -> {
                tx.write("counter", "1");
                return tx.readString("counter");
            });
            assertEquals("1", id);
            assertEquals("/local/domain/3", client.getDomainPath(3));
            client.delete("/vm");
            assertTrue(!client.exists("/vm/1"));
        }
    }
}
