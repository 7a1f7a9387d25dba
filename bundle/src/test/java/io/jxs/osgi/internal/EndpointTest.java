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

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the connector connects: the configured or default socket, or the fallback when nothing answers there. */
class EndpointTest {

    /** A configuration with the given properties and the annotation's defaults for the rest. */
    static XenStoreConfig config(Map<String, Object> properties) {
        return (XenStoreConfig) Proxy.newProxyInstance(XenStoreConfig.class.getClassLoader(),
                new Class<?>[] {XenStoreConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return XenStoreConfig.class;
                    }
                    return properties.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }

    @Test
    void theEnvironmentNamesTheDefaultSocket() {
        Endpoint endpoint = Endpoint.resolve(config(Map.of("transport", "socket")), Map.of("XENSTORED_PATH", "/x/socket"),
                socket -> true);
        assertEquals(new Endpoint("socket", Path.of("/x/socket")), endpoint);
    }

    @Test
    void theFallbackIsUsedOnlyWhenNothingAnswersAtTheSocket() {
        XenStoreConfig withFallback = config(Map.of("transport", "socket", "socketPath", "/real/socket",
                "fallbackSocketPath", "/data/xenstore/socket"));
        assertEquals(Path.of("/real/socket"), Endpoint.resolve(withFallback, Map.of(), socket -> true).path());
        assertEquals(Path.of("/data/xenstore/socket"), Endpoint.resolve(withFallback, Map.of(), socket -> false).path());
        assertEquals(Path.of("/real/socket"), Endpoint.resolve(withFallback, Map.of(), socket -> false).fallbackFor(),
                "the fallback names the socket where nothing answered, for the log");
        assertEquals(null, Endpoint.resolve(withFallback, Map.of(), socket -> true).fallbackFor());
    }

    @Test
    void withoutAFallbackTheSocketIsKeptEvenWhenNothingAnswers() {
        XenStoreConfig plain = config(Map.of("transport", "socket", "socketPath", "/real/socket"));
        assertEquals(Path.of("/real/socket"), Endpoint.resolve(plain, Map.of(), socket -> false).path());
    }

    @Test
    void aMissingSocketDoesNotAnswer() {
        assertFalse(Endpoint.answers(Path.of("/nonexistent/jxs/socket")));
    }
}
