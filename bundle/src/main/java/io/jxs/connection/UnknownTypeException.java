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
 * A well-framed packet whose type is not a message type of the protocol. The connection stays in
 * step (its payload was consumed), so only the request with this packet's request id fails.
 */
public final class UnknownTypeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int type;
    private final int rqId;

    /**
     * Creates the exception.
     *
     * @param type the unknown type code from the header
     * @param rqId the request id from the header
     */
    public UnknownTypeException(int type, int rqId) {
        super("unknown XenStore message type " + Integer.toUnsignedString(type));
        this.type = type;
        this.rqId = rqId;
    }

    /**
     * Returns the unknown type code.
     *
     * @return the code from the header
     */
    public int type() {
        return type;
    }

    /**
     * Returns the request id of the packet.
     *
     * @return the id from its header
     */
    public int rqId() {
        return rqId;
    }
}
