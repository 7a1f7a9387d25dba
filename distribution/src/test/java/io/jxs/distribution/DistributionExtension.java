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
package io.jxs.distribution;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Gives a test the one {@link StartedDistribution} of the test run: started at the first test that asks for it,
 * kept in JUnit's root store, so every test class of the run shares that boot, and stopped (its leftovers checked)
 * when the run ends. A failing test gets the end of the container's log attached.
 */
final class DistributionExtension implements ParameterResolver, TestExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            DistributionExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == StartedDistribution.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return distribution(context);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        StartedDistribution started = context.getRoot().getStore(NAMESPACE)
                .get(StartedDistribution.class, StartedDistribution.class);
        if (started != null) {
            failure.addSuppressed(new AssertionError(started.logTail()));
        }
        throw failure;
    }

    /** The run's distribution, started on first use; the root store closes it when the run ends. */
    private static StartedDistribution distribution(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(StartedDistribution.class, type -> {
            try {
                return StartedDistribution.start();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("the distribution did not start", e);
            }
        }, StartedDistribution.class);
    }
}
