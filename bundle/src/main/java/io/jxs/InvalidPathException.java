package io.jxs;

/**
 * A path that is not a valid XenStore path (bad characters, a trailing or doubled slash, too long); raised before anything is sent.
 */
public class InvalidPathException extends XenStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, including the offending value
     */
    public InvalidPathException(String message) {
        super("EINVAL", message);
    }
}
