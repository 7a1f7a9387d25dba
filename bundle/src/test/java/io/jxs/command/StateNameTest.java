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
package io.jxs.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** xenstore:ls and xenstore:read show a device's state by name: {@code 4 (Connected)}. */
class StateNameTest {

    private static String name(String path, String value) {
        return XenStoreCommandSupport.stateName(path, value.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aStateNodeIsNamed() {
        assertEquals(" (Connected)", name("/local/domain/0/backend/vif/5/0/state", "4"));
        assertEquals(" (InitWait)", name("/local/domain/5/device/vbd/768/state", "2"));
        assertEquals(" (Unknown)", name("/x/state", "0"));
    }

    @Test
    void otherNodesAndValuesAreLeftAlone() {
        assertEquals("", name("/local/domain/5/name", "4"));
        assertEquals("", name("/x/state", "9"));
        assertEquals("", name("/x/state", "42"));
        assertEquals("", name("/x/state", ""));
        assertEquals("", name("/x/mystate", "4"));
    }
}
