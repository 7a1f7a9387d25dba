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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The socket file: {@code 0600} whatever the umask, never taken from a live daemon, removed only by its creator. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // stores and sockets are opened only to be there while the test looks
class SocketFileTest {

    @TempDir
    Path dir;

    @Test
    void theSocketIsOwnerOnlyEvenUnderUmask000() throws Exception {
        Path socket = dir.resolve("socket");
        try (ForkedStore forked = ForkedStore.start("umask 000", socket, dir.resolve("store.log"))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            try (RawClient client = new RawClient(socket)) {
                assertEquals("OK\0", client.call(Wire.WRITE, "/a\0b").text());
            }
            assertEquals(List.of("socket", "store.log"), names(dir), "no temporary file left");
        }
    }

    @Test
    void aSecondStoreOnALiveSocketIsRefusedAndTheFirstGoesOn() throws Exception {
        Path socket = dir.resolve("socket");
        try (EmbeddedXenStore first = new EmbeddedXenStore(socket).start()) {
            EmbeddedXenStore second = new EmbeddedXenStore(socket);
            UncheckedIOException refused = assertThrows(UncheckedIOException.class, second::start);
            assertInstanceOf(FileAlreadyExistsException.class, refused.getCause());
            assertTrue(refused.getMessage().contains(socket.toString()), refused.getMessage());
            assertTrue(refused.getMessage().contains("answers there"), refused.getMessage());
            second.close();
            assertTrue(Files.exists(socket), "the second store did not remove the first one's socket");
            try (RawClient client = new RawClient(socket)) {
                assertEquals("OK\0", client.call(Wire.WRITE, "/a\0b").text());
            }
        }
        assertFalse(Files.exists(socket));
    }

    @Test
    void aStaleSocketIsReplaced() throws Exception {
        Path socket = dir.resolve("socket");
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket), "a closed listener leaves its socket file");
        try (EmbeddedXenStore store = new EmbeddedXenStore(socket).start();
                RawClient client = new RawClient(socket)) {
            assertEquals("OK\0", client.call(Wire.WRITE, "/a\0b").text());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        }
    }

    @Test
    void aFileThatIsNotASocketIsLeftAlone() throws Exception {
        Path file = Files.writeString(dir.resolve("socket"), "precious");
        EmbeddedXenStore store = new EmbeddedXenStore(file);
        UncheckedIOException refused = assertThrows(UncheckedIOException.class, store::start);
        assertInstanceOf(FileAlreadyExistsException.class, refused.getCause());
        assertTrue(refused.getMessage().contains("not a socket"), refused.getMessage());
        store.close();
        assertEquals("precious", Files.readString(file));
        assertEquals(List.of("socket"), names(dir));
    }

    @Test
    void closeRemovesOnlyTheSocketTheStoreCreated() throws Exception {
        Path socket = dir.resolve("socket");
        EmbeddedXenStore first = new EmbeddedXenStore(socket).start();
        try {
            Files.delete(socket);
            try (EmbeddedXenStore second = new EmbeddedXenStore(socket).start()) {
                first.close();
                assertTrue(Files.exists(socket), "the first store removed the second one's socket");
                try (RawClient client = new RawClient(socket)) {
                    assertEquals("OK\0", client.call(Wire.WRITE, "/a\0b").text());
                }
            }
            assertFalse(Files.exists(socket));
        } finally {
            first.close();
        }
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
