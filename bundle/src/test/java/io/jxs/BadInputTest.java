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
package io.jxs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Permission.Access;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input through the API gets its own exception and message, nothing is sent, and the
 * connection goes on working. Each row is a row of the README's bad-input table.
 */
class BadInputTest {
    private final FakeConnection daemon = new FakeConnection();
    private final Router router = new Router(daemon);
    private final Client client = Client.builder().router(router).requestTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void close() {
        router.terminate();
        client.close();
    }

    private static Arguments row(String input, Consumer<Client> call, Class<? extends RuntimeException> type, String message) {
        return Arguments.of(input, call, type, message);
    }

    static Stream<Arguments> badInputs() {
        String longAbsolute = "/" + "a".repeat(PathRules.ABSOLUTE_PATH_MAX);
        String longRelative = "a".repeat(PathRules.RELATIVE_PATH_MAX + 1);
        return Stream.of(
                row("null path", c -> c.read(null), InvalidPathException.class, "path is null"),
                row("empty path", c -> c.read(""), InvalidPathException.class, "path is empty"),
                row("doubled slash", c -> c.read("/a//b"), InvalidPathException.class, "path '/a//b' contains '//'"),
                row("trailing slash", c -> c.write("/a/", "v"), InvalidPathException.class, "path '/a/' ends with '/'"),
                row("space in a path", c -> c.read("/a b"), InvalidPathException.class,
                        "invalid character U+0020 at 2 in path '/a b'"),
                row("non-ASCII path", c -> c.read("/caf\u00e9"), InvalidPathException.class,
                        "invalid character U+00E9 at 4 in path '/caf\u00e9'"),
                row("NUL byte in a path", c -> c.mkdir("/a\0b"), InvalidPathException.class,
                        "invalid character U+0000 at 2"),
                row("absolute path over 3072 bytes", c -> c.read(longAbsolute), InvalidPathException.class,
                        "is 3073 bytes, more than 3072"),
                row("relative path over 2048 bytes", c -> c.read(longRelative), InvalidPathException.class,
                        "is 2049 bytes, more than 2048"),
                row("unknown special path", c -> c.getPerms("@shutdown"), InvalidPathException.class,
                        "unknown special path '@shutdown'"),
                row("null value", c -> c.write("/a", (byte[]) null), NullPointerException.class, "value"),
                row("value too large for a packet", c -> c.write("/a", new byte[4094]), InvalidPayloadException.class,
                        "WRITE payload of 4097 bytes exceeds the maximum of 4096 bytes"),
                row("empty permission list", c -> c.setPerms("/a", List.of()), InvalidPermissionException.class,
                        "empty permission list for /a"),
                row("null permission", c -> c.setPerms("/a", Arrays.asList(new Permission(Access.NONE, 0), null)),
                        InvalidPermissionException.class, "null permission at index 1 for /a"),
                row("negative domain id", c -> c.getDomainPath(-1), IllegalArgumentException.class,
                        "domain id out of range 0..65535: -1"),
                row("domain id over 65535", c -> c.releaseDomain(65536), IllegalArgumentException.class,
                        "domain id out of range 0..65535: 65536"),
                row("introducing domain 0", c -> c.introduceDomain(0, 1, 1), IllegalArgumentException.class,
                        "domain 0 cannot be introduced"),
                row("event channel 0", c -> c.introduceDomain(5, 1, 0), IllegalArgumentException.class,
                        "event channel must be positive: 0"),
                row("NUL byte in a watch token", c -> c.monitor().watch("/a", "t\0"), IllegalArgumentException.class,
                        "watch token contains a NUL byte: 't|'"),
                row("null watch token", c -> c.monitor().watch("/a", null), NullPointerException.class, "token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void isRefusedBeforeAnythingIsSentAndTheConnectionGoesOn(String input, Consumer<Client> call,
            Class<? extends RuntimeException> type, String message) throws Exception {
        RuntimeException e = assertThrows(type, () -> call.accept(client));
        assertTrue(e.getMessage().contains(message), "message: " + e.getMessage());
        assertFalse(daemon.hasRequest(), "something was sent for " + input);
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> client.readString("/still/works"));
        daemon.reply(daemon.nextRequest(), "yes".getBytes());
        assertEquals("yes", read.get(5, TimeUnit.SECONDS));
    }
}
