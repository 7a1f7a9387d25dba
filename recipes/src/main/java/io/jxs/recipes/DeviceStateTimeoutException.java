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

import io.jxs.XenStoreTimeoutException;
import io.jxs.XenbusState;
import io.jxs.recipes.XenbusDevice.Side;

/**
 * A device did not reach the wanted state within the deadline. The message names the state wanted and
 * the last state seen on both sides, with their nodes, as libxl's
 * {@code "wanted state %d still waiting state %d"} does for one side.
 */
public class DeviceStateTimeoutException extends XenStoreTimeoutException {
    private static final long serialVersionUID = 1L;

    private final Side side;
    private final XenbusState frontend;
    private final XenbusState backend;

    /**
     * Creates the exception.
     *
     * @param message the whole message
     * @param side the side waited for
     * @param frontend the front-end's last state ({@code Unknown} when its node was missing)
     * @param backend the back-end's last state ({@code Unknown} when its node was missing)
     */
    public DeviceStateTimeoutException(String message, Side side, XenbusState frontend, XenbusState backend) {
        super(message);
        this.side = side;
        this.frontend = frontend;
        this.backend = backend;
    }

    /**
     * Returns the side waited for.
     *
     * @return the side
     */
    public Side side() {
        return side;
    }

    /**
     * Returns the last state seen on one side.
     *
     * @param of the side
     * @return its state; {@code Unknown} when its node was missing
     */
    public XenbusState lastState(Side of) {
        return of == Side.FRONTEND ? frontend : backend;
    }
}
