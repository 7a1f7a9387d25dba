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

import io.jxs.InvalidPathException;
import io.jxs.InvalidPayloadException;
import io.jxs.InvalidPermissionException;
import io.jxs.XenStoreException;
import java.util.function.Supplier;

/**
 * Turns failures into exceptions that a remote JMX client can read without jxs classes: JDK types,
 * no cause, and a message that starts with the error name ({@code ENOENT: /local/domain/9}).
 */
final class ManagementErrors {
    private ManagementErrors() {
    }

    /**
     * Runs an operation and translates its failures.
     *
     * @param operation the operation
     * @param <T> its result
     * @return its result
     * @throws IllegalArgumentException when the input was refused before anything was sent
     * @throws IllegalStateException when the daemon refused or could not be reached
     */
    static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (InvalidPathException | InvalidPermissionException | InvalidPayloadException e) {
            throw new IllegalArgumentException(e.describe());
        } catch (XenStoreException e) {
            throw new IllegalStateException(e.describe());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("EINVAL: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Runs an operation without a result and translates its failures, as {@link #call(Supplier)}.
     *
     * @param operation the operation
     */
    static void run(Runnable operation) {
        call(() -> {
            operation.run();
            return null;
        });
    }
}
