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
package io.jxs.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.testing.XenStoreDaemon.Kind;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialDaemonTest {

    @Test
    void usesTheRunsDaemonWhenItIsOfTheTrialsKind() {
        Map<String, String> environment = Map.of(WithDaemon.KIND_VARIABLE, "OXENSTORED",
                "XENSTORED_PATH", "/tmp/jxs-run/socket");
        try (TrialDaemon daemon = TrialDaemon.of(Kind.OXENSTORED, environment)) {
            assertEquals(Path.of("/tmp/jxs-run/socket"), daemon.socketPath());
        }
    }

    @Test
    void refusesTheRunsDaemonOfAnotherKind() {
        Map<String, String> environment = Map.of(WithDaemon.KIND_VARIABLE, "OXENSTORED",
                "XENSTORED_PATH", "/tmp/jxs-run/socket");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TrialDaemon.of(Kind.XENSTORED, environment));
        assertTrue(e.getMessage().contains("-p kind=OXENSTORED"), e.getMessage());
    }

    @Test
    void refusesARunsDaemonWithoutSocket() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TrialDaemon.of(Kind.XENSTORED, Map.of(WithDaemon.KIND_VARIABLE, "XENSTORED")));
        assertTrue(e.getMessage().contains("XENSTORED_PATH"), e.getMessage());
    }
}
