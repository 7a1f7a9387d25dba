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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Failures while serving one connection close that connection only; a serving thread that ends closes them all. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServingFailureTest {

    @TempDir
    Path dir;

    /** Fails on READ of {@code /fail/<name>} with the named throwable; everything else is served normally. */
    private static RequestHandler failingOn(RequestHandler handler) {
        return (connection, request) -> {
            String payload = new String(request.payload(), StandardCharsets.ISO_8859_1);
            if (request.type() == Wire.READ && payload.startsWith("/fail/")) {
                switch (payload) {
                    case "/fail/out-of-memory\0" -> throw new OutOfMemoryError("Java heap space (on purpose)");
                    case "/fail/stack-overflow\0" -> throw new StackOverflowError();
                    default -> throw new IllegalStateException("a bug (on purpose)");
                }
            }
            handler.handle(connection, request);
        };
    }

    @Test
    void anErrorWhileHandlingARequestClosesThatConnectionOnly() throws Exception {
        try (EmbeddedXenStore store = new EmbeddedXenStore(dir.resolve("socket"), ServingFailureTest::failingOn)
                .start(); RawClient bystander = new RawClient(store.socketPath())) {
            bystander.call(Wire.WATCH, "/watched\0t\0");
            for (String failure : new String[] {"out-of-memory", "stack-overflow", "bug"}) {
                try (RawClient victim = new RawClient(store.socketPath())) {
                    assertEquals("OK\0", victim.call(Wire.WRITE, "/watched/" + failure + "\0v").text());
                    victim.send(Wire.READ, 0, Wire.string("/fail/" + failure));
                    assertThrows(IOException.class, victim::read, failure + ": the connection is closed");
                }
                assertTrue(store.isRunning(), failure);
                assertEquals("v", bystander.call(Wire.READ, "/watched/" + failure + "\0").text(), failure);
            }
            try (RawClient fresh = new RawClient(store.socketPath())) {
                assertEquals("OK\0", fresh.call(Wire.WRITE, "/watched\0after").text());
            }
            RawClient.Message event = bystander.read();
            assertTrue(event.isEvent(), "the bystander's watch still fires");
        }
    }

    @Test
    void whenTheServingThreadEndsEveryConnectionIsClosedAndTheStoreSaysSo() throws Exception {
        try (EmbeddedXenStore store = new EmbeddedXenStore(dir.resolve("ending")).start();
                RawClient client = new RawClient(store.socketPath())) {
            assertEquals("OK\0", client.call(Wire.WRITE, "/a\0b").text());
            Thread serving = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("jxs-embedded-xenstored ending") && t.isAlive())
                    .findFirst().orElseThrow();
            serving.interrupt();
            serving.join(5_000);
            assertFalse(serving.isAlive());
            assertFalse(store.isRunning());
            assertThrows(IOException.class, client::read, "the connection is closed");
            assertFalse(Files.exists(store.socketPath()), "the socket is removed");
        }
    }
}
