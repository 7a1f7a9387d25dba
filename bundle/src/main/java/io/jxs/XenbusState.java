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

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The states of a XenBus device, as front-end and back-end write them to their {@code state} nodes
 * ({@code enum xenbus_state} in Xen's {@code xen/include/public/io/xenbus.h}), with the protocol's
 * numbers and names.
 *
 * <p>Two rules come with the states. {@link #canSwitchTo(XenbusState)} says which state a driver may
 * write after its current one. {@link #canLeadTo(XenbusState)} says which state a reader may find after
 * the one it saw last: since a reader re-reads on events and may miss states in between, it allows any
 * forward jump ({@code Initialising} then {@code Connected}), but never one that skips
 * {@code Closed}: a driver that goes from {@code Closing} back to {@code Connected} has not torn the
 * connection down, and crashes the other side.
 */
public enum XenbusState {
    /** 0: no state, or no {@code state} node. */
    UNKNOWN(0, "Unknown"),
    /** 1: the driver is setting the device up. */
    INITIALISING(1, "Initialising"),
    /** 2: the back-end waits for the front-end's details (hot-plug scripts done). */
    INIT_WAIT(2, "InitWait"),
    /** 3: the front-end has published its details and waits for the back-end. */
    INITIALISED(3, "Initialised"),
    /** 4: the connection is up. */
    CONNECTED(4, "Connected"),
    /** 5: the driver is tearing the connection down. */
    CLOSING(5, "Closing"),
    /** 6: the connection is down. */
    CLOSED(6, "Closed"),
    /** 7: the back-end is changing the device's configuration. */
    RECONFIGURING(7, "Reconfiguring"),
    /** 8: the new configuration is in place. */
    RECONFIGURED(8, "Reconfigured");

    private static final XenbusState[] BY_NUMBER = values();

    private final int number;
    private final String protocolName;

    XenbusState(int number, String protocolName) {
        this.number = number;
        this.protocolName = protocolName;
    }

    /**
     * Returns the state's number, as written to a {@code state} node.
     *
     * @return 0 to 8
     */
    public int number() {
        return number;
    }

    /**
     * Returns the state's name in the protocol.
     *
     * @return for example {@code InitWait}
     */
    public String protocolName() {
        return protocolName;
    }

    /**
     * Returns the value a driver writes to its {@code state} node for this state.
     *
     * @return the decimal number, for example {@code "4"}
     */
    public String value() {
        return Integer.toString(number);
    }

    /**
     * Returns the state with a number.
     *
     * @param number 0 to 8
     * @return the state
     * @throws IllegalArgumentException when the number is not a XenBus state
     */
    public static XenbusState fromNumber(int number) {
        if (number < 0 || number >= BY_NUMBER.length) {
            throw new IllegalArgumentException(number + " is not a XenBus state: the states are 0 (Unknown) to 8 (Reconfigured)");
        }
        return BY_NUMBER[number];
    }

    /**
     * Parses the value of a {@code state} node.
     *
     * @param value the node's value: the state's decimal number, as drivers write it
     * @return the state
     * @throws IllegalArgumentException when the value is not one of the numbers 0 to 8
     */
    public static XenbusState parse(String value) {
        Objects.requireNonNull(value, "value");
        if (value.length() != 1 || value.charAt(0) < '0' || value.charAt(0) > '8') {
            throw new IllegalArgumentException("'" + printable(value)
                    + "' is not a XenBus state: the states are the numbers 0 (Unknown) to 8 (Reconfigured)");
        }
        return fromNumber(value.charAt(0) - '0');
    }

    /**
     * Parses the value of a {@code state} node as read from XenStore.
     *
     * @param value the node's bytes
     * @return the state
     * @throws IllegalArgumentException when the value is not one of the numbers 0 to 8
     */
    public static XenbusState parse(byte[] value) {
        Objects.requireNonNull(value, "value");
        return parse(new String(value, StandardCharsets.ISO_8859_1));
    }

    /**
     * Parses the value of a {@code state} node, or tells that it is none.
     *
     * @param value the node's bytes
     * @return the state, or empty when the value is not one of the numbers 0 to 8
     */
    public static Optional<XenbusState> tryParse(byte[] value) {
        if (value == null || value.length != 1 || value[0] < '0' || value[0] > '8') {
            return Optional.empty();
        }
        return Optional.of(fromNumber(value[0] - '0'));
    }

    /**
     * Tells whether a driver in this state may write {@code next}: the steps of the handshake
     * ({@code Initialising}, {@code InitWait} or {@code Initialised}, {@code Connected}), the
     * reconfiguration ({@code Reconfiguring}, {@code Reconfigured}, {@code Connected}), the close
     * ({@code Closing} from any live state, {@code Closed} from any live state or from {@code Closing})
     * and a new start after {@code Closed}. Staying in the same state is always allowed.
     *
     * @param next the state to write
     * @return true when the protocol allows the step
     */
    public boolean canSwitchTo(XenbusState next) {
        Objects.requireNonNull(next, "next");
        return next == this || successors().contains(next);
    }

    /**
     * Tells whether a reader that saw this state may later find {@code later}: true when the driver can
     * have got there by allowed steps without passing through {@code Closed} on the way (it may start or
     * end there). So {@code Initialising} then {@code Connected} is fine (a burst of writes the reader
     * saw only the ends of), {@code Closed} then {@code Connected} too (a new start), but
     * {@code Closing} then {@code Connected} or {@code Connected} then {@code InitWait} are not.
     *
     * @param later the state read afterwards
     * @return true when the sequence is possible under the protocol
     */
    public boolean canLeadTo(XenbusState later) {
        Objects.requireNonNull(later, "later");
        if (later == this) {
            return true;
        }
        Set<XenbusState> seen = EnumSet.of(this);
        Set<XenbusState> frontier = EnumSet.of(this);
        while (!frontier.isEmpty()) {
            Set<XenbusState> next = EnumSet.noneOf(XenbusState.class);
            for (XenbusState state : frontier) {
                for (XenbusState successor : state.successors()) {
                    if (successor == later) {
                        return true;
                    }
                    // Closed ends a connection: a path through it is a new one, which the reader must see.
                    if (successor != CLOSED && seen.add(successor)) {
                        next.add(successor);
                    }
                }
            }
            frontier = next;
        }
        return false;
    }

    /** The states a driver may write next, besides staying put. */
    private Set<XenbusState> successors() {
        return switch (this) {
            case UNKNOWN -> EnumSet.of(INITIALISING);
            case INITIALISING -> EnumSet.of(INIT_WAIT, INITIALISED, CONNECTED, CLOSING, CLOSED);
            case INIT_WAIT -> EnumSet.of(INITIALISED, CONNECTED, CLOSING, CLOSED);
            case INITIALISED -> EnumSet.of(CONNECTED, CLOSING, CLOSED);
            case CONNECTED -> EnumSet.of(RECONFIGURING, CLOSING, CLOSED);
            case CLOSING -> EnumSet.of(CLOSED);
            case CLOSED -> EnumSet.of(INITIALISING, INIT_WAIT);
            case RECONFIGURING -> EnumSet.of(RECONFIGURED, CLOSING, CLOSED);
            case RECONFIGURED -> EnumSet.of(CONNECTED, CLOSING, CLOSED);
        };
    }

    /**
     * Returns the state's name and number.
     *
     * @return for example {@code Connected (4)}
     */
    @Override
    public String toString() {
        return protocolName + " (" + number + ")";
    }

    private static String printable(String value) {
        StringBuilder text = new StringBuilder();
        for (char c : value.toCharArray()) {
            text.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return text.toString();
    }
}
