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
package io.jxs.recipes;

import io.jxs.XenStoreException;

/**
 * A device's driver broke the XenBus protocol: its {@code state} node holds something other than a
 * state number, or it made a transition the protocol does not allow
 * ({@link IllegalTransitionException}). The error word is {@code EPROTO}.
 */
public class XenbusProtocolException extends XenStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what the driver did, naming the device, the side and the node
     */
    public XenbusProtocolException(String message) {
        super("EPROTO", message);
    }
}
