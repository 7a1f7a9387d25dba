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
package io.jxs.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The bundle exports the daemon's package only: the JUnit extension and the DS component stay private. */
class BundleManifestTest {
    /** Written by bnd in process-classes, and packaged as it is. */
    private static final Path MANIFEST = Path.of("target/classes/META-INF/MANIFEST.MF");

    @Test
    void exportsOnlyTheDaemon() throws IOException {
        Manifest manifest;
        try (InputStream in = Files.newInputStream(MANIFEST)) {
            manifest = new Manifest(in);
        }
        assertEquals("io.jxs.embedded;version=\"0.1.0\"", manifest.getMainAttributes().getValue("Export-Package"));
        assertEquals("io.jxs.embedded.internal,io.jxs.embedded.junit",
                manifest.getMainAttributes().getValue("Private-Package"));
    }
}
