package io.jxs.connection;

import io.jxs.ConnectionException;
import io.jxs.Packet;

/**
 * A transport to a XenStore daemon that carries whole packets. A connection is written by many
 * threads (callers serialise writes) and read by one (the {@link io.jxs.Router}'s reader).
 */
public interface Connection extends AutoCloseable {

    /**
     * Opens the connection.
     *
     * @throws ConnectionException when the daemon cannot be reached
     */
    void connect();

    /**
     * Tells whether the connection is open.
     *
     * @return true between a successful {@link #connect()} and {@link #close()} or a failure
     */
    boolean isConnected();

    /**
     * Writes one packet.
     *
     * @param packet the packet
     * @throws ConnectionException when writing fails
     */
    void write(Packet packet);

    /**
     * Blocks until the next packet arrives.
     *
     * @return the packet
     * @throws ConnectionException when the connection ends or fails
     * @throws io.jxs.XenStoreException when a packet cannot be decoded
     */
    Packet read();

    /**
     * Returns the largest payload this transport can carry in a request.
     *
     * @return 4096 for a socket
     */
    default int maxPayload() {
        return Packet.MAX_PAYLOAD;
    }

    /**
     * Describes the transport and its address, for logs and management views.
     *
     * @return for example {@code socket:/var/run/xenstored/socket}
     */
    String describe();

    /** Closes the connection; a blocked {@link #read()} then fails. Never throws. */
    @Override
    void close();
}
