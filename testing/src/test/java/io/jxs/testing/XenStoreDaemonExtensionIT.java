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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.testing.XenStoreDaemon.Kind;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The per-class daemons injected by {@link XenStoreDaemonExtension}. */
@ExtendWith(XenStoreDaemonExtension.class)
class XenStoreDaemonExtensionIT {

    private static final Map<Kind, XenStoreDaemon> SEEN = new EnumMap<>(Kind.class);

    @ParameterizedTest
    @EnumSource(Kind.class)
    void sharesOneDaemonPerKindWithinTheClass(Kind kind, DaemonPool daemons) {
        XenStoreDaemon daemon = daemons.get(kind);
        assertEquals(kind, daemon.kind());
        assertSame(daemon, daemons.get(kind));
        XenStoreDaemon earlier = SEEN.putIfAbsent(kind, daemon);
        if (earlier != null) {
            assertSame(earlier, daemon);
        }
        daemon.xenstoreCli("xenstore-write", "/shared/" + kind, "ok");
        assertEquals("ok", daemon.xenstoreCli("xenstore-read", "/shared/" + kind));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void restartsASharedDaemonThatATestKilled(Kind kind, DaemonPool daemons) {
        XenStoreDaemon daemon = daemons.get(kind);
        daemon.kill();
        assertSame(daemon, daemons.get(kind));
        assertTrue(daemon.isRunning());
        daemon.xenstoreCli("xenstore-write", "/revived", "yes");
    }

    @Test
    void injectsTheSameSetIntoPlainTests(DaemonPool daemons) {
        assertTrue(daemons.get(Kind.XENSTORED).isRunning());
    }
}
