package io.jxs.connection;

import io.jxs.ConnectionException;
import io.jxs.Packet;
import io.jxs.XenStoreException;
import io.jxs.internal.PacketCodec;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A connection over a pair of byte streams, framed as {@code struct xsd_sockmsg}. Subclasses open
 * the streams.
 */
public abstract class StreamConnection implements Connection {
    private final Object writeLock = new Object();
    private volatile InputStream in;
    private volatile OutputStream out;
    private volatile Closeable transport;
    private volatile boolean connected;

    /**
     * What a subclass opens: the streams, and what to close to end them (closing it must wake a
     * reader blocked on {@code in}).
     *
     * @param in the stream of packets from the daemon
     * @param out the stream of packets to the daemon
     * @param transport the socket or device behind both
     */
    protected record Streams(InputStream in, OutputStream out, Closeable transport) {
    }

    /**
     * Opens the transport.
     *
     * @return its streams
     * @throws IOException when it cannot be opened
     */
    protected abstract Streams open() throws IOException;

    @Override
    public synchronized void connect() {
        if (connected) {
            return;
        }
        try {
            Streams streams = open();
            in = new BufferedInputStream(streams.in(), 64 * 1024);
            out = streams.out();
            transport = streams.transport();
            connected = true;
        } catch (IOException | RuntimeException e) {
            throw new ConnectionException("cannot connect to " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void write(Packet packet) {
        OutputStream stream = out;
        if (!connected || stream == null) {
            throw new ConnectionException("not connected to " + describe());
        }
        synchronized (writeLock) {
            try {
                PacketCodec.write(packet, stream);
            } catch (IOException e) {
                throw writeFailed(e);
            }
        }
    }

    /**
     * Turns a failed write into an exception; transports whose writes report per-request errors
     * (the XenBus device) override it.
     *
     * @param e the failure
     * @return the exception to throw
     */
    protected XenStoreException writeFailed(IOException e) {
        connected = false;
        return new ConnectionException("write to " + describe() + " failed: " + e.getMessage(), e);
    }

    @Override
    public Packet read() {
        InputStream stream = in;
        if (stream == null) {
            throw new ConnectionException("not connected to " + describe());
        }
        try {
            return PacketCodec.read(stream);
        } catch (IOException e) {
            connected = false;
            throw new ConnectionException("connection to " + describe() + " lost: " + e.getMessage(), e);
        }
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
}
