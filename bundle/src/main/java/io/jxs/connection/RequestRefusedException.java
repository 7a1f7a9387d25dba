package io.jxs.connection;

import java.io.IOException;

/**
 * The transport refused one request and stays usable: the XenBus device fails {@code write()} with
 * an errno for a request the kernel will not pass on (for example a watch it cannot register).
 */
public final class RequestRefusedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String errorName;

    /**
     * Creates the exception.
     *
     * @param errorName the errno name, for example {@code EINVAL}
     * @param message what the transport said
     * @param cause the failed write
     */
    public RequestRefusedException(String errorName, String message, Throwable cause) {
        super(message, cause);
        this.errorName = errorName;
    }

    /**
     * Returns the errno name of the refusal.
     *
     * @return for example {@code EINVAL}
     */
    public String errorName() {
        return errorName;
    }
}
