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
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.management.XenStoreMBean;
import io.jxs.testing.DaemonPool;
import io.jxs.testing.XenStoreDaemon.Kind;
import io.jxs.testing.XenStoreDaemonExtension;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A configuration the component cannot use ({@code config:property-set -p io.jxs requestTimeout 0}) is refused
 * visibly, in the MBean's {@code RefusedConfiguration} (which {@code xenstore:status} prints), while the connection
 * made from the previous configuration stays, connected and without a connection error. Before, the refusal went only
 * to the log, and {@code LastConnectionError} held it while {@code Connected} was true.
 */
@ExtendWith(XenStoreDaemonExtension.class)
class RefusedConfigurationIT {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRefusedConfigurationIsShownAndTheConnectionKept(Kind kind, DaemonPool daemons) throws Exception {
        Map<String, Object> good = new HashMap<>(Map.of("transport", "socket",
                "socketPath", daemons.get(kind).socketPath().toString()));
        try (ConnectedManagement management = ConnectedManagement.connect(daemons.get(kind).socketPath())) {
            XenStoreConnector connector = management.connector();
            XenStoreMBean mbean = management.mbean();
            assertTrue(mbean.isConnected());

            Map<String, Object> bad = new HashMap<>(good);
            bad.put("requestTimeout", 0L);
            connector.modified(EndpointTest.config(bad));
            await("the refusal shown", () -> !mbean.getRefusedConfiguration().isEmpty());
            assertEquals("io.jxs: request timeout must be positive: PT0S; kept the previous configuration",
                    mbean.getRefusedConfiguration());
            assertTrue(mbean.isConnected());
            assertEquals("", mbean.getLastConnectionError());
            assertTrue(management.store().exists("/"), "the kept connection serves requests");

            connector.modified(EndpointTest.config(good));
            await("the refusal cleared by a good configuration", () -> mbean.getRefusedConfiguration().isEmpty());
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 10 s: " + what);
            Thread.sleep(20);
        }
    }
}
