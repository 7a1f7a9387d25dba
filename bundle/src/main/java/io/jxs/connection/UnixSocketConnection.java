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

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * A connection to the daemon's Unix socket, through junixsocket. Socket connections are
 * privileged (they act as dom0).
 */
public final class UnixSocketConnection extends StreamConnection implements TimedReads {
    /** The socket path when neither {@code XENSTORED_PATH} nor {@code XENSTORED_RUNDIR} is set. */
    public static final String DEFAULT_SOCKET = "/var/run/xenstored/socket";

    private final Path path;
    private volatile AFUNIXSocketChannel opening;
    private volatile AFUNIXSocketChannel open;
    /** Counts {@link #close()} calls, so that a connect in progress sees one and gives up. */
    private final AtomicInteger closes = new AtomicInteger();

    /**
     * Creates a connection to a socket path (not yet connected).
     *
     * @param path the socket
     */
    public UnixSocketConnection(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * Returns the default socket path, as libxenstore finds it: {@code XENSTORED_PATH}, else
     * {@code $XENSTORED_RUNDIR/socket}, else {@code /var/run/xenstored/socket}.
     *
     * @param environment the environment to read, usually {@link System#getenv()}
     * @return the socket path
     */
    public static Path defaultPath(Map<String, String> environment) {
        String explicit = environment.get("XENSTORED_PATH");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        String rundir = environment.get("XENSTORED_RUNDIR");
        if (rundir != null && !rundir.isEmpty()) {
            return Path.of(rundir, "socket");
        }
        return Path.of(DEFAULT_SOCKET);
    }

    /**
     * Returns the socket path.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }

    /**
     * Connects within the timeout. A blocking {@code connect()} to a Unix socket whose listen backlog
     * is full waits for ever (junixsocket ignores its timeout there), so each attempt is made without
     * blocking (Linux then answers {@code EAGAIN} at once) and repeated until the deadline;
     * {@link #close()} aborts it.
     */
    @Override
    protected Streams open(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        AFUNIXSocketAddress address = AFUNIXSocketAddress.of(new File(path.toString()));
        long pauseMillis = 1;
        int closesBefore = closes.get();
        while (true) {
            if (closes.get() != closesBefore) {
                throw new IOException("closed while connecting to " + path);
            }
            AFUNIXSocketChannel channel = AFUNIXSocketChannel.open();
            opening = channel;
            try {
                channel.configureBlocking(false);
                if (channel.connect(address)) {
                    channel.configureBlocking(true);
                    open = channel;
                    return new Streams(channel.socket().getInputStream(), channel.socket().getOutputStream(), channel);
                }
                channel.close();
                if (System.nanoTime() - deadline > 0) {
                    throw new SocketTimeoutException("no connection to " + path + " within " + timeout.toMillis()
                            + " ms (its listen backlog is full: the daemon does not accept connections)");
                }
                Thread.sleep(pauseMillis);
                pauseMillis = Math.min(50, pauseMillis * 2);
            } catch (InterruptedException e) {
                channel.close();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while connecting to " + path);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            } finally {
                opening = null;
            }
        }
    }

    @Override
    public void close() {
        closes.incrementAndGet();
        AFUNIXSocketChannel pending = opening;
        if (pending != null) {
            try {
                pending.close();
            } catch (IOException ignored) {
                // Closing is best effort: the connect fails either way.
            }
        }
        super.close();
    }

    /**
     * Reads a packet within a time: a read from a Unix socket gives up after its {@code SO_TIMEOUT}, and the
     * socket stays usable. junixsocket sets the same limit on writes, which never block within the
     * {@link #writeWindow()}.
     */
    @Override
    public Packet read(long timeoutNanos) throws IOException {
        return readWithin(timeoutNanos);
    }

    @Override
    public boolean hasInput() throws IOException {
        return inputWaiting();
    }

    @Override
    protected void readTimeout(int millis) throws IOException {
        AFUNIXSocketChannel channel = open;
        if (channel == null) {
            throw new IOException("not connected to " + path);
        }
        channel.socket().setSoTimeout(millis);
    }

    /**
     * 128 KiB: Linux charges every unread message against the sender's socket buffer (208 KiB by
     * default) at its buffer's full size plus overhead; a margin below that is sure to fit.
     */
    @Override
    public int writeWindow() {
        return 128 * 1024;
    }

    @Override
    public String describe() {
        return "socket:" + path;
    }
}
