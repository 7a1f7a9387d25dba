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

import io.jxs.embedded.EmbeddedXenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: starts one {@link EmbeddedXenStore} per (outermost) test class, on a socket in a new temporary
 * folder, and injects it, or its socket path, into test methods, constructors and lifecycle methods. The store is
 * closed and the folder deleted after the class.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedXenStoreExtension.class)
 * class MyServiceTest {
 *     @Test
 *     void writes(EmbeddedXenStore store) { ... Client.unixSocket(store.socketPath()) ... }
 *
 *     @Test
 *     void reads(Path xenstoreSocket) { ... }   // any java.nio.file.Path parameter gets the socket path
 * }
 * }</pre>
 *
 * <p>Needs {@code junit-jupiter-api} at run time (the module declares it optional).
 */
public final class EmbeddedXenStoreExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedXenStoreExtension.class);

    /**
     * Starts the resource in the test class's store, which JUnit closes after the class; nested classes and
     * test methods find it through their parent contexts.
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedXenStore.class || type == Path.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        EmbeddedXenStore store = context.getStore(NAMESPACE).get(Running.class, Running.class).store;
        return parameter.getParameter().getType() == Path.class ? store.socketPath() : store;
    }


    /** A started store and its folder, closed by JUnit with the class's store. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {
        final Path folder;
        final EmbeddedXenStore store;

        private Running(Path folder, EmbeddedXenStore store) {
            this.folder = folder;
            this.store = store;
        }

        static Running start() {
            try {
                Path base = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
                if (base.toString().length() > 60) {
                    base = Path.of("/tmp"); // Unix socket paths are limited to about 100 bytes
                }
                Path folder = Files.createTempDirectory(base, "jxs-embedded-");
                return new Running(folder, new EmbeddedXenStore(folder.resolve("socket")).start());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            store.close();
            Files.deleteIfExists(folder.resolve("socket"));
            Files.deleteIfExists(folder);
        }
    }
}
