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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import io.jxs.InvalidPayloadException;
import io.jxs.Monitor;
import io.jxs.Transaction;
import io.jxs.WatchEvent;
import io.jxs.testing.XenStoreDaemon;
import io.jxs.testing.XenStoreDaemon.Kind;
import io.jxs.testing.XenStoreDaemonExtension;
import io.jxs.testing.DaemonPool;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The XenBus transport through a character device: socat's pty relaying to a real daemon. */
@ExtendWith(XenStoreDaemonExtension.class)
class XenBusTransportIT {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theWholeProtocolWorksThroughTheDevice(Kind kind, DaemonPool daemons) throws Exception {
        XenStoreDaemon daemon = daemons.get(kind);
        Path device = daemon.startXenBusRelay();
        try (Client client = Client.xenBus(device.toString()); Monitor monitor = client.monitor()) {
            client.connect();
            client.write("/xenbus/value", new byte[] {0, 1, 2, (byte) 0xff});
            assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, client.read("/xenbus/value"));
            assertEquals("/xenbus/value", "/xenbus/" + client.list("/xenbus").get(0));
            try (Transaction tx = client.transaction()) {
                tx.write("/xenbus/tx", "t");
                assertTrue(tx.commit());
            }
            monitor.watch("/xenbus", "bus");
            assertEquals(new WatchEvent("/xenbus", "bus"), monitor.poll(5, TimeUnit.SECONDS));
            daemon.xenstoreCli("xenstore-write", "/xenbus/external", "x");
            assertEquals(new WatchEvent("/xenbus/external", "bus"), monitor.poll(5, TimeUnit.SECONDS));
            // The kernel device holds one page: 4096 bytes with the header, so 4080 of payload.
            assertThrows(InvalidPayloadException.class, () -> client.write("/xenbus/big", new byte[4090]));
            assertEquals("t", client.readString("/xenbus/tx"));
        }
    }
}
