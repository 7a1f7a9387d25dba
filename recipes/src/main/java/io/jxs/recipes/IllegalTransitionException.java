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

import io.jxs.XenbusState;
import io.jxs.recipes.XenbusDevice.Side;

/**
 * A {@code state} node went from one state to another that the protocol does not allow after it (see
 * {@link XenbusState#canLeadTo(XenbusState)} for what a reader may see and
 * {@link XenbusState#canSwitchTo(XenbusState)} for what a driver may write), for example
 * {@code Closing} back to {@code Connected}.
 */
public class IllegalTransitionException extends XenbusProtocolException {
    private static final long serialVersionUID = 1L;

    private final Side side;
    private final XenbusState from;
    private final XenbusState to;

    /**
     * Creates the exception.
     *
     * @param device the device
     * @param side the side whose state moved
     * @param from the state before
     * @param to the state after
     */
    public IllegalTransitionException(XenbusDevice device, Side side, XenbusState from, XenbusState to) {
        super(device + ": the " + side + " went from " + from + " to " + to + ", which the XenBus protocol does not allow ("
                + device.statePath(side) + ")");
        this.side = side;
        this.from = from;
        this.to = to;
    }

    /**
     * Returns the side whose state moved.
     *
     * @return the side
     */
    public Side side() {
        return side;
    }

    /**
     * Returns the state before the transition.
     *
     * @return the state
     */
    public XenbusState from() {
        return from;
    }

    /**
     * Returns the state after the transition.
     *
     * @return the state
     */
    public XenbusState to() {
        return to;
    }
}
