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
