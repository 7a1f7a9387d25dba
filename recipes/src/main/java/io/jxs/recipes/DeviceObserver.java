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
import java.util.EnumMap;
import java.util.Map;

/**
 * What a waiter has read of one device's two {@code state} nodes: the last state of each side, whether
 * its node existed, and whether the latest reading removed it. Each reading is checked against the one
 * before with {@link XenbusState#canLeadTo(XenbusState)}.
 */
final class DeviceObserver {
    private final XenbusDevice device;
    private final Map<Side, XenbusState> last = new EnumMap<>(Side.class);
    private final Map<Side, Boolean> present = new EnumMap<>(Side.class);
    private final Map<Side, Boolean> removed = new EnumMap<>(Side.class);

    DeviceObserver(XenbusDevice device) {
        this.device = device;
        for (Side side : Side.values()) {
            last.put(side, XenbusState.UNKNOWN);
            present.put(side, false);
            removed.put(side, false);
        }
    }

    /**
     * Records a reading of one side's node.
     *
     * @param side the side
     * @param value the node's value, or null when the node does not exist
     * @throws XenbusProtocolException when the value is not a state number
     * @throws IllegalTransitionException when the protocol does not allow the new state after the last
     */
    void observe(Side side, byte[] value) {
        if (value == null) {
            removed.put(side, present.get(side));
            present.put(side, false);
            last.put(side, XenbusState.UNKNOWN);
            return;
        }
        XenbusState state = parse(device, side, value);
        XenbusState before = last.get(side);
        // A node that appears may hold any state: the driver's first writes may have come in a burst.
        if (present.get(side) && !before.canLeadTo(state)) {
            throw new IllegalTransitionException(device, side, before, state);
        }
        last.put(side, state);
        present.put(side, true);
        removed.put(side, false);
    }

    /** The last state read of a side; {@code Unknown} when its node was missing. */
    XenbusState last(Side side) {
        return last.get(side);
    }

    /** Whether the latest reading found the node of a side gone that the one before had found. */
    boolean removed(Side side) {
        return removed.get(side);
    }

    /** Both sides' last states with their nodes, for messages. */
    String describe() {
        return describe(Side.BACKEND) + ", " + describe(Side.FRONTEND);
    }

    private String describe(Side side) {
        return present.get(side)
                ? side + " " + last.get(side) + " at " + device.statePath(side)
                : side + " node " + device.statePath(side) + " missing (" + XenbusState.UNKNOWN + ")";
    }

    /** Parses a side's state value, naming the device and the node when it is not a state. */
    static XenbusState parse(XenbusDevice device, Side side, byte[] value) {
        try {
            return XenbusState.parse(value);
        } catch (IllegalArgumentException e) {
            throw new XenbusProtocolException(device + ": the " + side + " state node " + device.statePath(side)
                    + ": " + e.getMessage());
        }
    }
}
