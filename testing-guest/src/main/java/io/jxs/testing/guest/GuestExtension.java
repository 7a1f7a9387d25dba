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

import io.jxs.Client;
import io.jxs.XenStore;
import io.jxs.embedded.EmbeddedXenStore;
import io.jxs.testing.DaemonPool;
import io.jxs.testing.XenStoreDaemon;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Runs each {@link GuestTest} once per {@link StoreKind} and injects its parameters. The daemons are those of a
 * {@link DaemonPool}, the embedded store that of an {@link EmbeddedStorePool}, both kept in the store of the
 * outermost test class: one store per kind per class, closed after the class. Each invocation gets a {@link GuestStore} of its own (a dom0 client and the
 * invocation's guests), closed after the invocation.
 *
 * <p>Why a test template rather than a parameterized test over the kinds: the kind then never appears among the
 * test's parameters unless the test asks for it, and the guests named by {@code @Guest} are set up before the test
 * and torn down after it for every kind alike.
 */
public final class GuestExtension implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GuestExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(GuestTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        StoreKind[] kinds = context.getRequiredTestMethod().getAnnotation(GuestTest.class).value();
        return Arrays.stream(kinds).map(Invocation::new);
    }

    /** One run of the test against one kind. */
    private static final class Invocation implements TestTemplateInvocationContext {
        private final StoreKind kind;

        Invocation(StoreKind kind) {
            this.kind = kind;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + kind.displayName() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new Resolver(kind));
        }
    }

    /** Resolves the parameters listed in {@link GuestTest}, for one kind. */
    private static final class Resolver implements ParameterResolver {
        private final StoreKind kind;

        Resolver(StoreKind kind) {
            this.kind = kind;
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            if (parameter.isAnnotated(Guest.class)) {
                return type == XenStore.class || type == Client.class || type == GuestDomain.class;
            }
            return type == XenStore.class || type == Client.class || type == GuestStore.class
                    || type == StoreKind.class || type == XenStoreDaemon.class || type == EmbeddedXenStore.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            Parameter p = parameter.getParameter();
            if (p.getType() == StoreKind.class) {
                return kind;
            }
            GuestStore store = store(context);
            if (parameter.isAnnotated(Guest.class)) {
                GuestDomain domain = store.guest(parameter.findAnnotation(Guest.class).orElseThrow().value());
                return p.getType() == GuestDomain.class ? domain : domain.client();
            }
            if (p.getType() == GuestStore.class) {
                return store;
            }
            if (p.getType() == XenStoreDaemon.class) {
                return store.daemon();
            }
            if (p.getType() == EmbeddedXenStore.class) {
                return store.embedded();
            }
            return store.dom0();
        }

        /** The invocation's store, made on first use; JUnit closes it after the invocation. */
        private GuestStore store(ExtensionContext context) {
            ExtensionContext.Store classStore = outermostClass(context).getStore(NAMESPACE);
            return context.getStore(NAMESPACE).getOrComputeIfAbsent(Closing.class,
                    key -> new Closing(open(classStore)), Closing.class).store;
        }

        private GuestStore open(ExtensionContext.Store classStore) {
            if (!kind.isDaemon()) {
                return new GuestStore(classStore.getOrComputeIfAbsent(EmbeddedStorePool.class,
                        key -> new EmbeddedStorePool(), EmbeddedStorePool.class).get());
            }
            return new GuestStore(kind, classStore.getOrComputeIfAbsent(DaemonPool.class,
                    key -> new DaemonPool(), DaemonPool.class).get(kind.daemon()));
        }
    }

    /**
     * The context of the outermost test class around this one: its store lives as long as the class, and
     * nested classes share it. (The extension is registered on the method by {@link GuestTest}, so it sees
     * no beforeAll.)
     */
    private static ExtensionContext outermostClass(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getParent().flatMap(ExtensionContext::getParent).isPresent()) {
            current = current.getParent().orElseThrow();
        }
        return current;
    }

    /** A GuestStore that JUnit closes with the invocation's context. */
    private static final class Closing implements ExtensionContext.Store.CloseableResource {
        final GuestStore store;

        Closing(GuestStore store) {
            this.store = store;
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
