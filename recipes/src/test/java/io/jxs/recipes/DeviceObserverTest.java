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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.XenbusState;
import io.jxs.recipes.XenbusDevice.Side;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeviceObserverTest {
    private final XenbusDevice vif = XenbusDevice.of(5, "vif", 0);
    private final DeviceObserver seen = new DeviceObserver(vif);

    @Test
    void aMissingNodeIsUnknownAndNotRemoved() {
        seen.observe(Side.BACKEND, null);
        assertEquals(XenbusState.UNKNOWN, seen.last(Side.BACKEND));
        assertFalse(seen.removed(Side.BACKEND));
        assertEquals("back-end node /local/domain/0/backend/vif/5/0/state missing (Unknown (0)), "
                + "front-end node /local/domain/5/device/vif/0/state missing (Unknown (0))", seen.describe());
    }

    @Test
    void aNodeMayAppearInAnyState() {
        seen.observe(Side.BACKEND, null);
        seen.observe(Side.BACKEND, value("5"));
        assertEquals(XenbusState.CLOSING, seen.last(Side.BACKEND));
    }

    @Test
    void aBurstSeenByItsEndsIsFine() {
        seen.observe(Side.BACKEND, value("1"));
        seen.observe(Side.BACKEND, value("4"));
        assertEquals(XenbusState.CONNECTED, seen.last(Side.BACKEND));
        assertEquals("back-end Connected (4) at /local/domain/0/backend/vif/5/0/state, "
                + "front-end node /local/domain/5/device/vif/0/state missing (Unknown (0))", seen.describe());
    }

    @Test
    void closingBackToConnectedIsIllegal() {
        seen.observe(Side.FRONTEND, value("5"));
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> seen.observe(Side.FRONTEND, value("4")));
        assertEquals(Side.FRONTEND, e.side());
        assertEquals(XenbusState.CLOSING, e.from());
        assertEquals(XenbusState.CONNECTED, e.to());
        assertEquals("EPROTO", e.errorName());
        assertEquals(71, e.errno());
        assertEquals("vif 0 of domain 5: the front-end went from Closing (5) to Connected (4), which the XenBus protocol "
                + "does not allow (/local/domain/5/device/vif/0/state)", e.getMessage());
        assertEquals(XenbusState.CLOSING, seen.last(Side.FRONTEND));
    }

    @Test
    void aRemovalIsReportedOnceAndAReappearanceStartsAfresh() {
        seen.observe(Side.BACKEND, value("4"));
        seen.observe(Side.BACKEND, null);
        assertTrue(seen.removed(Side.BACKEND));
        seen.observe(Side.BACKEND, null);
        assertFalse(seen.removed(Side.BACKEND));
        seen.observe(Side.BACKEND, value("1"));
        assertEquals(XenbusState.INITIALISING, seen.last(Side.BACKEND));
    }

    @Test
    void somethingOtherThanAStateIsAProtocolErrorNamingTheNode() {
        XenbusProtocolException e = assertThrows(XenbusProtocolException.class,
                () -> seen.observe(Side.BACKEND, value("connected")));
        assertEquals("vif 0 of domain 5: the back-end state node /local/domain/0/backend/vif/5/0/state: "
                + "'connected' is not a XenBus state: the states are the numbers 0 (Unknown) to 8 (Reconfigured)",
                e.getMessage());
    }

    private static byte[] value(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
