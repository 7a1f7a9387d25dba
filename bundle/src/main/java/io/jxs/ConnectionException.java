package io.jxs;

/**
 * The connection to the daemon could not be opened, was lost, or was closed. A request that may
 * have reached the daemon before the loss is not sent again.
 */
public class ConnectionException extends XenStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public ConnectionException(String message) {
        super("ENOTCONN", message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened
     * @param cause the underlying I/O failure
     */
    public ConnectionException(String message, Throwable cause) {
        super("ENOTCONN", message, cause);
    }
}
