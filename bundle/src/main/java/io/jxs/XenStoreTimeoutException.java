package io.jxs;

/**
 * No reply came within the request timeout (error word {@code ETIMEDOUT}). The daemon may still carry
 * the request out; its late reply is dropped.
 */
public class XenStoreTimeoutException extends XenStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was not answered, and the timeout
     */
    public XenStoreTimeoutException(String message) {
        super("ETIMEDOUT", message);
    }
}
