package io.jxs;

/**
 * A packet the client did not expect: a reply of the wrong type, or one that cannot be parsed.
 */
public class UnexpectedPacketException extends XenStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, including the offending value
     */
    public UnexpectedPacketException(String message) {
        super("EBADMSG", message);
    }
}
