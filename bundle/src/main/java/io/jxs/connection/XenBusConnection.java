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
package io.jxs.connection;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A connection through the XenBus character device of a Linux Xen domain ({@code /dev/xen/xenbus}),
 * which speaks the same framing as the socket. The kernel buffers header and payload in one page,
 * so requests carry at most 4080 bytes of payload.
 */
public final class XenBusConnection extends StreamConnection {
    /** The device of current kernels. */
    public static final String DEFAULT_DEVICE = "/dev/xen/xenbus";
    /** The device of kernels that expose XenBus through xenfs. */
    public static final String LEGACY_DEVICE = "/proc/xen/xenbus";
    /** The largest request payload the kernel accepts: one page less the 16-byte header. */
    public static final int MAX_PAYLOAD = 4096 - 16;

    /** The error words of the kernel's errno texts, as Java reports a failed write(). */
    private static final Map<String, String> ERRNO_BY_MESSAGE = Map.of(
            "Invalid argument", "EINVAL",
            "Permission denied", "EACCES",
            "No such file or directory", "ENOENT",
            "Argument list too long", "E2BIG",
            "No space left on device", "ENOSPC",
            "File exists", "EEXIST");

    private final Path path;
    private volatile FileChannel channel;
    private volatile FileOutputStream device;

    /**
     * Creates a connection to a device path (not yet connected).
     *
     * @param path the device
     */
    public XenBusConnection(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * Returns the default device: {@code /dev/xen/xenbus} when it can be read, else
     * {@code /proc/xen/xenbus}.
     *
     * @return the device path
     */
    public static Path defaultPath() {
        Path device = Path.of(DEFAULT_DEVICE);
        return Files.isReadable(device) ? device : Path.of(LEGACY_DEVICE);
    }

    /**
     * Returns the device path.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }

    @Override
    public int maxPayload() {
        return MAX_PAYLOAD;
    }

    @Override
    protected Streams open(Duration timeout) throws IOException {
        // Opening the device does not wait for the daemon, so the timeout has nothing to bound.
        // One file descriptor: the kernel queues replies on the file that sent the request.
        // Reads go through its FileChannel, which wakes a reader blocked on the device when closed;
        // writes go straight to the descriptor, since the channel would hold them behind a blocked read.
        RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
        channel = file.getChannel();
        device = new FileOutputStream(file.getFD());
        return new Streams(Channels.newInputStream(channel), device, channel);
    }

    /**
     * Writes the packet with one {@code write()} of its own: the kernel takes one message per call
     * and answers a refusal of that message alone with an errno.
     */
    @Override
    public void write(Packet packet) throws IOException {
        FileOutputStream out = device;
        if (out == null || !isConnected()) {
            throw new IOException("not connected to " + describe());
        }
        try {
            out.write(Framing.frame(packet));
        } catch (IOException e) {
            throw writeFailed(e);
        }
    }

    @Override
    protected IOException writeFailed(IOException e) {
        String word = ERRNO_BY_MESSAGE.get(e.getMessage());
        if (word != null && channel != null && channel.isOpen()) {
            // The kernel refuses a single request (for example a watch it cannot register) by
            // failing write() with an errno; the device stays usable.
            return new RequestRefusedException(word, word + ": the XenBus device refused the request ("
                    + e.getMessage() + ")", e);
        }
        return super.writeFailed(e);
    }

    @Override
    public String describe() {
        return "xenbus:" + path;
    }
}
