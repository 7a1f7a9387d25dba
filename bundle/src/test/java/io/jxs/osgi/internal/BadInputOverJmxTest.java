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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxs.Client;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input over JMX: every operation refuses it with an {@link IllegalArgumentException} (what jconsole
 * shows) in the library's words, before anything is sent (the client here has no daemon to send to).
 * The rows of the README's bad-input table, through the MBean.
 */
class BadInputOverJmxTest {
    private final Client nowhere = Client.unixSocket("/nonexistent/jxs/socket");
    private XenStoreConnector connector;
    private XenStoreMBeanImpl mbean;

    @BeforeEach
    void create() throws Exception {
        connector = UnstartedConnector.create();
        ((SharedXenStore) java.lang.reflect.Proxy.getInvocationHandler(connector.store())).switchTo(nowhere);
        mbean = new XenStoreMBeanImpl(connector, () -> null);
    }

    @AfterEach
    void close() {
        connector.close();
        nowhere.close();
    }

    private static Arguments row(String operation, Consumer<XenStoreMBeanImpl> call, String message) {
        return Arguments.of(operation, call, message);
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                row("read('')", m -> m.read(""), "EINVAL: path is empty"),
                row("write('/a//b', 'v')", m -> m.write("/a//b", "v"), "EINVAL: path '/a//b' contains '//'"),
                row("write('/a b', 'v')", m -> m.write("/a b", "v"), "EINVAL: invalid character U+0020 at 2 in path '/a b'"),
                row("write('/a', 5000 bytes)", m -> m.write("/a", "x".repeat(5000)),
                        "E2BIG: WRITE payload of 5003 bytes exceeds the maximum of 4096 bytes"),
                row("delete('/a/')", m -> m.delete("/a/"), "EINVAL: path '/a/' ends with '/'"),
                row("setPerms('/a', [])", m -> m.setPerms("/a", new String[0]), "EINVAL: empty permission list for /a"),
                row("setPerms('/a', ['x5'])", m -> m.setPerms("/a", new String[] {"x5"}), "EINVAL: "),
                row("getDomainPath(-1)", m -> m.getDomainPath(-1), "EINVAL: domain id out of range 0..65535: -1"),
                row("introduceDomain(0, 1, 1)", m -> m.introduceDomain(0, 1, 1), "EINVAL: domain 0 cannot be introduced"),
                row("introduceDomain(5, 1, 0)", m -> m.introduceDomain(5, 1, 0), "EINVAL: event channel must be positive: 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void isRefusedWithTheLibrarysWords(String operation, Consumer<XenStoreMBeanImpl> call, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept(mbean));
        assertEquals(true, e.getMessage().startsWith(message), operation + " said: " + e.getMessage());
        assertFalse(nowhere.isConnected());
    }
}
