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
package io.jxs.testing.guest;

import io.jxs.embedded.EmbeddedXenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The embedded store shared by the tests of one class, as {@code DaemonPool} holds the daemons: started on first
 * use on a socket in a temporary folder of its own (guests' sockets go next to it), closed after the class.
 * A store that stopped is replaced by a fresh one (empty).
 */
final class EmbeddedStorePool implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private Path directory;
    private EmbeddedXenStore store;

    /**
     * The running store, started if needed.
     *
     * @throws UncheckedIOException when the folder or the socket cannot be created
     */
    synchronized EmbeddedXenStore get() {
        if (store != null && store.isRunning()) {
            return store;
        }
        close();
        try {
            directory = Files.createTempDirectory("jxs-guest-embedded");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = new EmbeddedXenStore(directory.resolve("socket")).start();
        return store;
    }

    /** Closes the store and deletes its folder. */
    @Override
    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
        if (directory != null) {
            try (var paths = Files.walk(directory)) {
                paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            directory = null;
        }
    }
}
