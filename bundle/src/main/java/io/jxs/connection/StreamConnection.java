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

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A connection over a pair of byte streams, framed as {@code struct xsd_sockmsg}. Subclasses open
 * the streams.
 */
public abstract class StreamConnection implements Connection {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final byte[] readHeader = new byte[Framing.HEADER_SIZE];
    private final byte[] writeHeader = new byte[Framing.HEADER_SIZE];
    private volatile InputBuffer in;
    private volatile OutputStream out;
    private Closeable transport; // guarded by this
    private volatile boolean connected;
    /** The read timeout set on the transport; only the reading thread touches it. */
    private int readTimeoutMillis;

    /**
     * What a subclass opens: the streams, and what to close to end them (closing it must wake a
     * reader blocked on {@code in} and a writer blocked on {@code out}).
     *
     * @param in the stream of packets from the daemon
     * @param out the stream of packets to the daemon
     * @param transport the socket or device behind both
     */
    public record Streams(InputStream in, OutputStream out, Closeable transport) {
    }

    /**
     * Opens the transport.
     *
     * @param timeout how long opening may take
     * @return its streams
     * @throws IOException when it cannot be opened in time
     */
    protected abstract Streams open(Duration timeout) throws IOException;

    @Override
    public void connect(Duration timeout) throws IOException {
        synchronized (this) {
            if (connected) {
                return;
            }
        }
        // Opened outside the lock, so that close() from another thread is never held up by it.
        Streams streams = open(timeout);
        synchronized (this) {
            in = new InputBuffer(streams.in(), BUFFER_SIZE);
            out = new BufferedOutputStream(streams.out(), BUFFER_SIZE);
            transport = streams.transport();
            readTimeoutMillis = 0;
            connected = true;
        }
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void write(Packet packet) throws IOException {
        try {
            Framing.write(packet, writeHeader, stream(out));
        } catch (IOException e) {
            throw writeFailed(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            stream(out).flush();
        } catch (IOException e) {
            throw writeFailed(e);
        }
    }

    /**
     * Classifies a failed write; transports whose writes report per-request errors (the XenBus
     * device) override it.
     *
     * @param e the failure
     * @return the exception to throw: a {@link RequestRefusedException} keeps the connection
     */
    protected IOException writeFailed(IOException e) {
        connected = false;
        return e;
    }

    @Override
    public Packet read() throws IOException {
        InputBuffer buffer = stream(in);
        if (readTimeoutMillis != 0) {
            setReadTimeout(0);
        }
        return readFrom(buffer);
    }

    /**
     * Reads the next packet, waiting at most the given time for it to arrive whole; what arrived of a late
     * packet stays buffered for the next read. For a subclass that implements {@link TimedReads} with
     * {@link #readTimeout(int)}.
     *
     * @param timeoutNanos how long to wait; positive
     * @return the packet, or null when it did not arrive whole in time
     * @throws IOException when the connection ends, fails or is out of step
     */
    protected final Packet readWithin(long timeoutNanos) throws IOException {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("timeout must be positive: " + timeoutNanos + " ns");
        }
        InputBuffer buffer = stream(in);
        if (!buffer.holdsFrame()) {
            int millis = (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999));
            if (readTimeoutMillis != millis) {
                setReadTimeout(millis);
            }
        }
        try {
            // Only a whole packet is read: a packet whose rest is late stays buffered for the next read.
            if (!buffer.receiveFrame()) {
                return null;
            }
        } catch (IOException e) {
            connected = false;
            throw e;
        }
        return readFrom(buffer);
    }

    private Packet readFrom(InputBuffer buffer) throws IOException {
        try {
            return Framing.read(buffer, readHeader);
        } catch (UnknownTypeException e) {
            throw e;
        } catch (IOException e) {
            connected = false;
            throw e;
        }
    }

    private void setReadTimeout(int millis) throws IOException {
        try {
            readTimeout(millis);
            readTimeoutMillis = millis;
        } catch (IOException e) {
            connected = false;
            throw e;
        }
    }

    /**
     * Limits how long a read from the transport's input stream blocks before it throws
     * {@link SocketTimeoutException}, leaving the stream usable. Called only by {@link #readWithin(long)},
     * on the reading thread. The limit may apply to writes
     * too (junixsocket sets {@code SO_SNDTIMEO} with {@code SO_RCVTIMEO}); the router never writes
     * beyond the transport's {@link #writeWindow()}, where a write cannot block.
     *
     * @param millis the limit; 0 for none
     * @throws IOException when the transport refuses it
     */
    protected void readTimeout(int millis) throws IOException {
        throw new UnsupportedOperationException(describe() + " cannot time out reads");
    }

    /**
     * Tells whether bytes have arrived that a read would start on without blocking.
     *
     * @return true when the buffer or the transport holds bytes
     * @throws IOException when the transport cannot tell; the connection is then lost
     */
    protected final boolean inputWaiting() throws IOException {
        try {
            return stream(in).available() > 0;
        } catch (IOException e) {
            connected = false;
            throw e;
        }
    }

    @Override
    public boolean hasBufferedInput() {
        InputBuffer buffer = in;
        return buffer != null && buffer.holdsBytes();
    }

    private <T> T stream(T stream) throws IOException {
        if (!connected || stream == null) {
            throw new IOException("not connected to " + describe());
        }
        return stream;
    }

    @Override
    public synchronized void close() {
        connected = false;
        if (transport != null) {
            try {
                transport.close();
            } catch (IOException ignored) {
                // Closing is best effort: the transport is unusable either way.
            }
            transport = null;
            in = null;
            out = null;
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    /** A buffered input stream that tells whether it holds bytes not read yet. */
    private static final class InputBuffer extends BufferedInputStream {
        InputBuffer(InputStream in, int size) {
            super(in, size);
        }

        synchronized boolean holdsBytes() {
            return pos < count;
        }

        /**
         * Tells whether the buffer holds a whole packet, or a header that {@link Framing#read} refuses.
         *
         * @return true when reading the next packet needs nothing from the stream
         */
        synchronized boolean holdsFrame() {
            int held = count - pos;
            if (held < Framing.HEADER_SIZE) {
                return false;
            }
            int length = Framing.payloadLength(buf, pos);
            return length < 0 || length > Framing.MAX_REPLY_PAYLOAD || held >= Framing.HEADER_SIZE + length;
        }

        /**
         * Reads from the stream until the buffer holds a whole packet ({@link #holdsFrame()}), growing it for
         * a packet larger than it. Nothing is consumed: when the stream's read times out, what arrived stays
         * buffered.
         *
         * @return false when the stream's read timed out first
         * @throws EOFException when the stream has ended
         * @throws IOException when reading fails
         */
        synchronized boolean receiveFrame() throws IOException {
            while (!holdsFrame()) {
                int held = count - pos;
                int needed = held < Framing.HEADER_SIZE ? Framing.HEADER_SIZE
                        : Framing.HEADER_SIZE + Framing.payloadLength(buf, pos);
                if (pos + needed > buf.length) {
                    // Move what is held to the start, into a larger buffer when the packet needs one.
                    byte[] target = needed > buf.length ? new byte[needed] : buf;
                    System.arraycopy(buf, pos, target, 0, held);
                    buf = target;
                    pos = 0;
                    count = held;
                    markpos = -1;
                }
                int received;
                try {
                    received = in.read(buf, count, buf.length - count);
                } catch (SocketTimeoutException e) {
                    return false;
                }
                if (received < 0) {
                    throw new EOFException(held == 0 ? "connection closed by the daemon"
                            : "connection closed by the daemon in the middle of a packet");
                }
                count += received;
            }
            return true;
        }
    }
}
