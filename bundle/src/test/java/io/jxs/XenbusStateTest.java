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

import static io.jxs.XenbusState.CLOSED;
import static io.jxs.XenbusState.CLOSING;
import static io.jxs.XenbusState.CONNECTED;
import static io.jxs.XenbusState.INITIALISED;
import static io.jxs.XenbusState.INITIALISING;
import static io.jxs.XenbusState.INIT_WAIT;
import static io.jxs.XenbusState.RECONFIGURED;
import static io.jxs.XenbusState.RECONFIGURING;
import static io.jxs.XenbusState.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class XenbusStateTest {

    @Test
    void numbersAndNamesAreThoseOfXenbusH() {
        List<String> names = List.of("Unknown", "Initialising", "InitWait", "Initialised", "Connected", "Closing",
                "Closed", "Reconfiguring", "Reconfigured");
        for (int number = 0; number < names.size(); number++) {
            XenbusState state = XenbusState.fromNumber(number);
            assertEquals(number, state.number());
            assertEquals(names.get(number), state.protocolName());
            assertEquals(Integer.toString(number), state.value());
            assertEquals(names.get(number) + " (" + number + ")", state.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 9, 42})
    void fromNumberRefusesWhatIsNoState(int number) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> XenbusState.fromNumber(number));
        assertEquals(number + " is not a XenBus state: the states are 0 (Unknown) to 8 (Reconfigured)", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(XenbusState.class)
    void parseReadsWhatDriversWrite(XenbusState state) {
        assertEquals(state, XenbusState.parse(state.value()));
        assertEquals(state, XenbusState.parse(state.value().getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9", "10", "-1", "+4", " 4", "4\n", "04", "x"})
    void parseRefusesAnythingElseNamingTheValue(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> XenbusState.parse(value));
        assertTrue(e.getMessage().contains("not a XenBus state"), e.getMessage());
        assertTrue(e.getMessage().startsWith("'" + value.replace("\n", "\\x0a") + "'"), e.getMessage());
    }

    @Test
    void parseShowsNonPrintableBytesEscaped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> XenbusState.parse(new byte[] {'4', 0}));
        assertTrue(e.getMessage().startsWith("'4\\x00' is not a XenBus state"), e.getMessage());
    }

    @Test
    void aDriverMayWriteTheStepsOfTheHandshakeReconfigurationAndClose() {
        assertSteps(UNKNOWN, INITIALISING, INIT_WAIT, INITIALISED, CONNECTED, CLOSING, CLOSED);
        assertSteps(INITIALISING, CONNECTED); // netfront goes straight to Connected
        assertSteps(CONNECTED, RECONFIGURING, RECONFIGURED, CONNECTED);
        assertSteps(CONNECTED, CLOSED); // a front-end answering the back-end's Closing
        assertSteps(CLOSED, INITIALISING);
        assertSteps(CLOSED, INIT_WAIT);
        for (XenbusState state : XenbusState.values()) {
            assertTrue(state.canSwitchTo(state), state + " to itself");
        }
    }

    @Test
    void aDriverMayNotGoBackWithoutClosing() {
        assertFalse(CLOSING.canSwitchTo(CONNECTED));
        assertFalse(CONNECTED.canSwitchTo(INIT_WAIT));
        assertFalse(INITIALISED.canSwitchTo(INIT_WAIT));
        assertFalse(CLOSED.canSwitchTo(CONNECTED));
        assertFalse(UNKNOWN.canSwitchTo(CONNECTED));
        assertFalse(CONNECTED.canSwitchTo(UNKNOWN));
    }

    @Test
    void aReaderMaySeeABurstOnlyByItsEnds() {
        assertTrue(INITIALISING.canLeadTo(CONNECTED));
        assertTrue(UNKNOWN.canLeadTo(CONNECTED));
        assertTrue(INIT_WAIT.canLeadTo(CLOSED));
        assertTrue(CONNECTED.canLeadTo(RECONFIGURED));
        assertTrue(RECONFIGURED.canLeadTo(RECONFIGURING));
        assertTrue(CLOSED.canLeadTo(CONNECTED)); // a new start, seen from Closed
    }

    @Test
    void aReaderNeverSeesClosedSkipped() {
        assertFalse(CLOSING.canLeadTo(CONNECTED));
        assertFalse(CLOSING.canLeadTo(INITIALISING));
        assertFalse(CONNECTED.canLeadTo(INIT_WAIT));
        assertFalse(CONNECTED.canLeadTo(INITIALISING));
        assertFalse(INITIALISED.canLeadTo(INIT_WAIT));
        assertFalse(CONNECTED.canLeadTo(UNKNOWN));
    }

    @Test
    void everyStepADriverMayWriteIsOneAReaderMaySee() {
        for (XenbusState from : XenbusState.values()) {
            for (XenbusState to : XenbusState.values()) {
                if (from.canSwitchTo(to)) {
                    assertTrue(from.canLeadTo(to), from + " to " + to);
                }
            }
        }
    }

    private static void assertSteps(XenbusState... states) {
        for (int i = 1; i < states.length; i++) {
            assertTrue(states[i - 1].canSwitchTo(states[i]), states[i - 1] + " to " + states[i]);
        }
    }
}
