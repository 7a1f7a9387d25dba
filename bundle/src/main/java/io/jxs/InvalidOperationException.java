package io.jxs;

/**
 * An operation code that is not one of the XenStore message types.
 */
public class InvalidOperationException extends XenStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, including the offending value
     */
    public InvalidOperationException(String message) {
        super("ENOSYS", message);
    }
}
