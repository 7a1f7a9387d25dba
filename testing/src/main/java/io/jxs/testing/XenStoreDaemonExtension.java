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
package io.jxs.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a {@link DaemonPool} parameter: one set of daemons per (outermost) test class, closed after
 * the class. Works in plain and parameterized tests, for instance over both daemons:
 *
 * <pre>{@code
 * @ExtendWith(XenStoreDaemonExtension.class)
 * class ClientIT {
 *     @ParameterizedTest
 *     @EnumSource(XenStoreDaemon.Kind.class)
 *     void reads(XenStoreDaemon.Kind kind, DaemonPool daemons) {
 *         XenStoreDaemon daemon = daemons.get(kind);
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class XenStoreDaemonExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(XenStoreDaemonExtension.class);

    /**
     * Starts the resource in the test class's store, which JUnit closes after the class; nested classes and
     * test methods find it through their parent contexts.
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).getOrComputeIfAbsent(DaemonPool.class, key -> new DaemonPool(), DaemonPool.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DaemonPool.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(DaemonPool.class, DaemonPool.class);
    }

}
