package io.jxs;

/**
 * A permission string or list that is not valid (not one of {@code r}, {@code w}, {@code b}, {@code n} followed by a domain id); raised before anything is sent.
 */
public class InvalidPermissionException extends XenStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, including the offending value
     */
    public InvalidPermissionException(String message) {
        super("EINVAL", message);
    }
}
