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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxs.ConnectionException;
import io.jxs.InvalidPathException;
import io.jxs.XenStoreException;
import org.junit.jupiter.api.Test;

/** What a jconsole user sees: JDK exception types, no causes, the daemon's word first. */
class ManagementErrorsTest {

    @Test
    void daemonRefusalsKeepTheDaemonsWord() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ManagementErrors.run(() -> {
            throw new XenStoreException("ENOENT", "ENOENT: /local/domain/9");
        }));
        assertEquals("ENOENT: /local/domain/9", e.getMessage());
        assertNull(e.getCause());
    }

    @Test
    void invalidInputIsAnIllegalArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ManagementErrors.run(() -> {
            throw new InvalidPathException("path '/a b' has a space");
        }));
        assertEquals("EINVAL: path '/a b' has a space", e.getMessage());
        assertNull(e.getCause());
    }

    @Test
    void lostConnectionsNameTheirCondition() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ManagementErrors.call(() -> {
            throw new ConnectionException("not connected");
        }));
        assertEquals("ENOTCONN: not connected", e.getMessage());
    }

    @Test
    void resultsPassThrough() {
        assertEquals("v", ManagementErrors.call(() -> "v"));
    }
}
