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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The commented {@code io.jxs.cfg} that the feature installs (and the distribution builds its own from) holds
 * every property of {@link XenStoreConfig} with its default: the annotation's, the metatype's that bnd generates
 * from it, and the client's where the client has one.
 */
class ShippedConfigurationTest {
    private static final Path SHIPPED = Path.of("src/main/cfg/io.jxs.cfg");
    private static final String METATYPE = "/OSGI-INF/metatype/" + XenStoreConfig.PID + ".xml";

    private static Properties shipped() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(SHIPPED)) {
            properties.load(reader);
        }
        return properties;
    }

    private static String text(Object defaultValue) {
        if (defaultValue instanceof String[] values) {
            return String.join(",", values);
        }
        return String.valueOf(defaultValue);
    }

    @Test
    void everyPropertyIsShippedWithItsDefault() throws IOException {
        Properties shipped = shipped();
        for (Method property : XenStoreConfig.class.getDeclaredMethods()) {
            String name = property.getName();
            assertTrue(shipped.containsKey(name), SHIPPED + " lacks the property " + name);
            assertEquals(text(property.getDefaultValue()), shipped.getProperty(name),
                    "the default of " + name + " in " + SHIPPED + " and in XenStoreConfig");
        }
    }

    @Test
    void theShippedFileHasNoPropertyTheComponentIgnores() throws IOException {
        Set<String> known = Arrays.stream(XenStoreConfig.class.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(known, new TreeSet<>(shipped().stringPropertyNames()));
    }

    @Test
    void theGeneratedMetatypeHasTheShippedValuesAsDefaults() throws Exception {
        Map<String, String> metatype = new TreeMap<>();
        try (InputStream in = ShippedConfigurationTest.class.getResourceAsStream(METATYPE)) {
            assertNotNull(in, METATYPE + " (bnd generates it in process-classes)");
            NodeList definitions = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
                    .getElementsByTagName("AD");
            for (int i = 0; i < definitions.getLength(); i++) {
                Element definition = (Element) definitions.item(i);
                metatype.put(definition.getAttribute("id"), definition.getAttribute("default"));
            }
        }
        Properties shipped = shipped();
        Map<String, String> expected = new TreeMap<>();
        shipped.stringPropertyNames().forEach(name -> expected.put(name, shipped.getProperty(name)));
        assertEquals(expected, metatype, "the defaults of " + METATYPE + " and the values of " + SHIPPED);
    }

    @Test
    void theRequestTimeoutIsTheClientsDefault() {
        // The annotation needs a constant; Client's default is a Duration. (transactionAttempts uses the client's.)
        assertEquals(Client.DEFAULT_REQUEST_TIMEOUT.toMillis(), XenStoreConfig.DEFAULT_REQUEST_TIMEOUT_MILLIS);
    }
}
