package io.jxs;

/**
 * A packet payload larger than the protocol allows (4096 bytes); raised before anything is written.
 */
public class InvalidPayloadException extends XenStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, including the offending value
     */
    public InvalidPayloadException(String message) {
        super("E2BIG", message);
    }
}
