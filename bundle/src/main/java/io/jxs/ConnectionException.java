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

    /**
     * The exception of a connection closed on purpose: the router was terminated.
     *
     * @param connection the connection's description
     * @return the exception
     */
    static ConnectionException closed(String connection) {
        return new ConnectionException("connection to " + connection + " was closed");
    }

    /**
     * The exception of a connection whose read failed.
     *
     * @param connection the connection's description
     * @param e why reading it failed
     * @return the exception
     */
    static ConnectionException lost(String connection, java.io.IOException e) {
        return new ConnectionException("connection to " + connection + " lost: " + e.getMessage(), e);
    }

    /**
     * The exception of a connection that ended because what was read from it could not be handled.
     *
     * @param connection the connection's description
     * @param e what handling it threw
     * @return the exception
     */
    static ConnectionException failed(String connection, Throwable e) {
        return new ConnectionException("connection to " + connection + " failed: " + e, e);
    }
}
