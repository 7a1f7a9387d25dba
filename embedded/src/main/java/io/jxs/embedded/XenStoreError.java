package io.jxs.embedded;

/** A request failed: the daemon answers with an ERROR message holding this errno word. */
final class XenStoreError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final String EINVAL = "EINVAL";
    static final String EACCES = "EACCES";
    static final String EEXIST = "EEXIST";
    static final String ENOENT = "ENOENT";
    static final String ENOSYS = "ENOSYS";
    static final String EBUSY = "EBUSY";
    static final String EAGAIN = "EAGAIN";
    static final String E2BIG = "E2BIG";
    static final String EIO = "EIO";

    private final String errno;

    XenStoreError(String errno) {
        super(errno, null, false, false);
        this.errno = errno;
    }

    /** The error word sent on the wire, e.g. {@code ENOENT}. */
    String errno() {
        return errno;
    }
}
