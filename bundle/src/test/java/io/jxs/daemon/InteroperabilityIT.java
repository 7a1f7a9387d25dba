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
package io.jxs.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import io.jxs.Monitor;
import io.jxs.Permission;
import io.jxs.Permission.Access;
import io.jxs.WatchEvent;
import io.jxs.testing.XenStoreDaemon;
import io.jxs.testing.XenStoreDaemon.Kind;
import io.jxs.testing.XenStoreDaemonExtension;
import io.jxs.testing.DaemonPool;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** jxs and libxenstore's command-line tools see the same store. */
@ExtendWith(XenStoreDaemonExtension.class)
class InteroperabilityIT {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void valueWrittenByJxsIsReadByXenstoreRead(Kind kind, DaemonPool daemons) {
        XenStoreDaemon daemon = daemons.get(kind);
        try (Client client = Client.unixSocket(daemon.socketPath().toString())) {
            client.write("/interop/from-jxs", "written by jxs");
            assertEquals("written by jxs", daemon.xenstoreCli("xenstore-read", "/interop/from-jxs"));
            client.write("/interop/listed/a", "1");
            client.write("/interop/listed/b", "2");
            assertEquals("a\nb", daemon.xenstoreCli("xenstore-list", "/interop/listed"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void changeByXenstoreWriteReachesAMonitor(Kind kind, DaemonPool daemons) throws Exception {
        XenStoreDaemon daemon = daemons.get(kind);
        try (Client client = Client.unixSocket(daemon.socketPath().toString()); Monitor monitor = client.monitor()) {
            monitor.watch("/interop/watched", "external");
            assertEquals(new WatchEvent("/interop/watched", "external"), monitor.poll(5, TimeUnit.SECONDS));
            daemon.xenstoreCli("xenstore-write", "/interop/watched/node", "from the shell");
            assertEquals(new WatchEvent("/interop/watched/node", "external"), monitor.poll(5, TimeUnit.SECONDS));
            assertEquals("from the shell", client.readString("/interop/watched/node"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void permissionsSetByXenstoreChmodReadBackThroughGetPerms(Kind kind, DaemonPool daemons) {
        XenStoreDaemon daemon = daemons.get(kind);
        try (Client client = Client.unixSocket(daemon.socketPath().toString())) {
            client.write("/interop/chmod", "p");
            daemon.xenstoreCli("xenstore-chmod", "/interop/chmod", "n0", "r5", "b9");
            assertEquals(List.of(new Permission(Access.NONE, 0), new Permission(Access.READ, 5),
                    new Permission(Access.BOTH, 9)), client.getPerms("/interop/chmod"));
            client.setPerms("/interop/chmod", List.of(new Permission(Access.READ, 0), new Permission(Access.WRITE, 4)));
            String shown = daemon.xenstoreCli("xenstore-ls", "-p", "/interop");
            assertTrue(shown.startsWith("chmod = \"p\"") && shown.endsWith("(r0,w4)"), shown);
        }
    }
}
