/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.jxs;

import io.jxs.protocol.Errno;

/**
 * A failure of a XenStore operation: the counterpart of pyxs's {@code PyXSError}.
 *
 * <p>When the daemon answers with an {@code ERROR} packet, {@link #errorName()} is the daemon's own
 * word ({@code ENOENT}, {@code EACCES}, {@code EAGAIN}, {@code EQUOTA}, ...) and {@link #errno()} its
 * Linux error number. Failures detected by the client itself use the errno name that fits them best
 * ({@code EINVAL} for invalid input, for example).
 */
public class XenStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String errorName;

    /**
     * Creates an exception for the daemon's (or the client's) error word.
     *
     * @param errorName the errno name, for example {@code ENOENT}
     * @param message what failed, usually naming the path or value
     */
    public XenStoreException(String errorName, String message) {
        super(message);
        this.errorName = errorName;
    }

    /**
     * Creates an exception for the daemon's (or the client's) error word, with a cause.
     *
     * @param errorName the errno name, for example {@code EIO}
     * @param message what failed
     * @param cause the underlying failure
     */
    public XenStoreException(String errorName, String message, Throwable cause) {
        super(message, cause);
        this.errorName = errorName;
    }

    /**
     * Returns the error word, exactly as the daemon sent it.
     *
     * @return the errno name, for example {@code ENOENT} or {@code EQUOTA}
     */
    public String errorName() {
        return errorName;
    }

    /**
     * Returns the message with the error word first, as the C tools say it: {@code ENOENT: /x}.
     *
     * @return the message, prefixed with {@link #errorName()} unless it starts with it already
     */
    public String describe() {
        String message = String.valueOf(getMessage());
        return errorName == null || message.startsWith(errorName + ":") ? message : errorName + ": " + message;
    }

    /**
     * Returns the Linux errno number of {@link #errorName()}.
     *
     * @return the errno number, or 0 when the name is not a Linux errno name
     */
    public int errno() {
        return Errno.number(errorName);
    }
}
