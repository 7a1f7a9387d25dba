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

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.testing.XenStoreDaemon.Kind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the fixture refuses before it starts anything (the daemons themselves: {@link XenStoreDaemonIT}). */
class XenStoreDaemonTest {

    @Test
    void rejectsOxenstoredConfigurationForXenstored() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> XenStoreDaemon.start(Kind.XENSTORED, Map.of("test-eagain", "true")));
        assertTrue(refused.getMessage().contains("test-eagain"), refused::getMessage);
    }
}
