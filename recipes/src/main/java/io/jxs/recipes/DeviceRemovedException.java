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
import io.jxs.recipes.XenbusDevice.Side;

/**
 * A device's {@code state} node was removed while a caller waited for it, or is missing where the
 * operation needs it. The error word is {@code ENOENT}.
 */
public class DeviceRemovedException extends XenStoreException {
    private static final long serialVersionUID = 1L;

    private final Side side;

    /**
     * Creates the exception.
     *
     * @param device the device
     * @param side the side whose node is gone
     * @param what what was going on, for example {@code while waiting for Connected (4)}
     */
    public DeviceRemovedException(XenbusDevice device, Side side, String what) {
        super("ENOENT", device + ": the " + side + " state node " + device.statePath(side) + " is gone " + what);
        this.side = side;
    }

    /**
     * Returns the side whose node is gone.
     *
     * @return the side
     */
    public Side side() {
        return side;
    }
}
