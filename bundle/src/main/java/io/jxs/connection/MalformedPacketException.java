package io.jxs.connection;

import java.io.IOException;

/**
 * A packet that cannot be framed (for example a length beyond any the daemons send): the stream is
 * out of step, so the connection is lost.
 */
public final class MalformedPacketException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the packet
     */
    public MalformedPacketException(String message) {
        super(message);
    }
}
