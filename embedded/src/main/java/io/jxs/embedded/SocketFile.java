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

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Unix socket a store listens on, as C xenstored makes it: mode {@code 0600} whatever the umask (every connection
 * is privileged), never taking over a path where a daemon answers, replacing only a stale socket, and removed on
 * release only while it is still the file this instance created.
 *
 * <p>The socket is bound inside a fresh {@code 0700} folder next to the path, made {@code 0600} there and then
 * hard-linked to the path, so no one can connect before its mode is right, and an existing file is never
 * replaced (the link fails). A path so long that the folder's name would not fit a Unix socket address is bound in
 * place and made {@code 0600} right after.
 */
final class SocketFile {

    /** Longest Unix socket path, in bytes ({@code sun_path} less its NUL). */
    static final int PATH_MAX = 107;

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PRIVATE_FOLDER = PosixFilePermissions.fromString("rwx------");

    private final Path path;
    private final Object fileKey;
    private final ServerSocketChannel channel;
    private boolean released;

    private SocketFile(Path path, Object fileKey, ServerSocketChannel channel) {
        this.path = path;
        this.fileKey = fileKey;
        this.channel = channel;
    }

    /**
     * Creates the socket at {@code path} and listens on it.
     *
     * @param path an absolute path
     * @return the bound socket
     * @throws FileAlreadyExistsException when a daemon answers on the path, or the path exists and is not a socket
     * @throws IOException                when the socket cannot be created
     */
    static SocketFile bind(Path path) throws IOException {
        removeStaleSocket(path);
        Path folder = path.getParent();
        Path privateFolder = folder.resolve(".jxs" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 35), 36));
        Path temporary = privateFolder.resolve("s");
        if (temporary.toString().getBytes(StandardCharsets.UTF_8).length > PATH_MAX) {
            return bindInPlace(path);
        }
        Files.createDirectory(privateFolder, PosixFilePermissions.asFileAttribute(PRIVATE_FOLDER));
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(temporary));
            Files.setPosixFilePermissions(temporary, OWNER_ONLY);
            try {
                Files.createLink(path, temporary);
            } catch (FileAlreadyExistsException e) {
                throw inUse(path, "another daemon created it meanwhile");
            }
            return new SocketFile(path, fileKey(path), channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        } finally {
            Files.deleteIfExists(temporary);
            Files.deleteIfExists(privateFolder);
        }
    }

    private static SocketFile bindInPlace(Path path) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, OWNER_ONLY);
            return new SocketFile(path, fileKey(path), channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Deletes a socket at {@code path} that no daemon listens on any more; refuses anything else.
     *
     * @throws FileAlreadyExistsException when a daemon answers there, or the path is not a socket
     */
    private static void removeStaleSocket(Path path) throws IOException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new FileAlreadyExistsException(path.toString(), null, "exists and is not a socket");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // Non-blocking: a blocking connect would wait for ever on a stopped daemon's full backlog.
            probe.configureBlocking(false);
            probe.connect(UnixDomainSocketAddress.of(path));
        } catch (ConnectException refused) {
            Files.deleteIfExists(path);
            return;
        } catch (IOException e) {
            throw inUse(path, "a daemon may answer there (" + e.getMessage() + ")");
        }
        throw inUse(path, "a XenStore daemon answers there");
    }

    private static FileAlreadyExistsException inUse(Path path, String reason) {
        return new FileAlreadyExistsException(path.toString(), null, reason);
    }

    private static Object fileKey(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /** The listening channel. */
    ServerSocketChannel channel() {
        return channel;
    }

    /**
     * Stops listening and deletes the socket file if it is still the one created here (another store may have
     * replaced it after it was deleted). Idempotent.
     */
    synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            if (Objects.equals(fileKey(path), fileKey)) {
                Files.delete(path);
            }
        } catch (IOException e) {
            // already gone, or not ours to delete
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
