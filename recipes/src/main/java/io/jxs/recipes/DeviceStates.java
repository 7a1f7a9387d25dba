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

import io.jxs.Monitor;
import io.jxs.XenStore;
import io.jxs.XenStoreException;
import io.jxs.XenbusState;
import io.jxs.recipes.XenbusDevice.Side;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The XenBus handshake of devices, for either side: reads a side's state, waits until it reaches a
 * wanted state within a deadline, writes a side's state (only as the protocol allows) and drives the
 * orderly close. Works for any device class (vif, vbd, ...).
 *
 * <pre>{@code
 * DeviceStates states = new DeviceStates(client);
 * XenbusDevice vif = XenbusDevice.of(5, "vif", 0);
 * states.switchState(vif, Side.BACKEND, XenbusState.INIT_WAIT);
 * states.await(vif, Side.FRONTEND, XenbusState.INITIALISED, Duration.ofSeconds(10));
 * states.switchState(vif, Side.BACKEND, XenbusState.CONNECTED);
 * ...
 * states.close(vif, Side.BACKEND, Duration.ofSeconds(10));  // Closing, wait for the front-end, Closed
 * }</pre>
 *
 * <p>A wait watches both {@code state} nodes and re-reads both on every event; it never counts events,
 * so states that came and went between two readings are not seen. Each reading is checked against the
 * one before ({@link XenbusState#canLeadTo(XenbusState)}): a side that skips {@code Closed}, such as
 * {@code Closing} back to {@code Connected}, ends the wait with {@link IllegalTransitionException}.
 * Thread-safe: an instance holds nothing but the store.
 */
public final class DeviceStates {
    private final XenStore store;

    /**
     * Creates the helper.
     *
     * @param store the connection to use; watches are registered on monitors of their own
     */
    public DeviceStates(XenStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Reads a side's state.
     *
     * @param device the device
     * @param side the side
     * @return the state; {@code Unknown} when the node does not exist
     * @throws XenbusProtocolException when the node holds something other than a state number
     */
    public XenbusState read(XenbusDevice device, Side side) {
        Objects.requireNonNull(device, "device");
        byte[] value = store.read(device.statePath(side), null);
        return value == null ? XenbusState.UNKNOWN : DeviceObserver.parse(device, side, value);
    }

    /**
     * Waits until a side is in a wanted state.
     *
     * @param device the device
     * @param side the side to wait for
     * @param wanted the state
     * @param timeout how long to wait at most
     * @return the state reached
     * @throws DeviceStateTimeoutException when the deadline passes first; it names the last state of
     *     both sides
     * @throws DeviceRemovedException when the side's node is removed while waiting (unless
     *     {@code wanted} is {@code Unknown})
     * @throws IllegalTransitionException when either side makes a transition the protocol does not allow
     * @throws XenbusProtocolException when a node holds something other than a state number
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public XenbusState await(XenbusDevice device, Side side, XenbusState wanted, Duration timeout)
            throws InterruptedException {
        return await(device, side, EnumSet.of(Objects.requireNonNull(wanted, "wanted")), timeout);
    }

    /**
     * Waits until a side is in one of several wanted states.
     *
     * @param device the device
     * @param side the side to wait for
     * @param wanted the states, at least one; {@code Unknown} is reached when the node is missing
     * @param timeout how long to wait at most
     * @return the state reached
     * @throws IllegalArgumentException when {@code wanted} is empty or the timeout is not positive
     * @throws DeviceStateTimeoutException when the deadline passes first; it names the last state of
     *     both sides
     * @throws DeviceRemovedException when the side's node is removed while waiting (unless
     *     {@code wanted} holds {@code Unknown})
     * @throws IllegalTransitionException when either side makes a transition the protocol does not allow
     * @throws XenbusProtocolException when a node holds something other than a state number
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public XenbusState await(XenbusDevice device, Side side, Set<XenbusState> wanted, Duration timeout)
            throws InterruptedException {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(wanted, "wanted");
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("wanted states must not be empty");
        }
        Set<XenbusState> targets = EnumSet.copyOf(wanted);
        long deadline = System.nanoTime() + checkPositive(timeout).toNanos();
        DeviceObserver seen = new DeviceObserver(device);
        try (Monitor monitor = store.monitor()) {
            monitor.watch(device.statePath(Side.FRONTEND), Side.FRONTEND.name());
            monitor.watch(device.statePath(Side.BACKEND), Side.BACKEND.name());
            while (true) {
                readBoth(device, seen, side, targets, timeout, deadline);
                if (seen.removed(side) && !targets.contains(XenbusState.UNKNOWN)) {
                    throw new DeviceRemovedException(device, side, "while waiting for " + describe(targets));
                }
                if (targets.contains(seen.last(side))) {
                    return seen.last(side);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || monitor.poll(left, TimeUnit.NANOSECONDS) == null) {
                    throw timedOut(device, side, targets, timeout, seen);
                }
                // One reading answers every event queued meanwhile.
                while (monitor.poll(0, TimeUnit.NANOSECONDS) != null) {
                    continue;
                }
            }
        }
    }

    /**
     * Writes a side's state, in a transaction with the read of the state before, so that only steps the
     * protocol allows are written ({@link XenbusState#canSwitchTo(XenbusState)}). Writes nothing when the
     * side is in that state already.
     *
     * @param device the device
     * @param side the side to write
     * @param next the new state
     * @throws IllegalTransitionException when the protocol does not allow {@code next} after the current
     *     state; nothing is written then
     * @throws DeviceRemovedException when the node is missing and {@code next} is not
     *     {@code Initialising}; nothing is written then
     * @throws XenbusProtocolException when the node holds something other than a state number
     */
    public void switchState(XenbusDevice device, Side side, XenbusState next) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(next, "next");
        String path = device.statePath(side);
        store.inTransaction(tx -> {
            byte[] value = tx.read(path, null);
            XenbusState current = value == null ? XenbusState.UNKNOWN : DeviceObserver.parse(device, side, value);
            if (current == next) {
                return null;
            }
            if (value == null && next != XenbusState.INITIALISING) {
                throw new DeviceRemovedException(device, side, "when switching it to " + next);
            }
            if (!current.canSwitchTo(next)) {
                throw new IllegalTransitionException(device, side, current, next);
            }
            tx.write(path, next.value());
            return null;
        });
    }

    /**
     * Closes a side in order: writes {@code Closing}, waits until the other side is {@code Closing},
     * {@code Closed} or gone, then writes {@code Closed}. Does nothing when the side is {@code Closed}
     * or its node is missing already.
     *
     * @param device the device
     * @param side the side to close
     * @param timeout how long to wait for the other side at most
     * @throws DeviceStateTimeoutException when the other side does not follow in time; the side stays
     *     {@code Closing}
     * @throws IllegalTransitionException when either side makes a transition the protocol does not allow
     * @throws XenbusProtocolException when a node holds something other than a state number
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void close(XenbusDevice device, Side side, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(side, "side");
        checkPositive(timeout);
        XenbusState current = read(device, side);
        if (current == XenbusState.CLOSED || current == XenbusState.UNKNOWN) {
            return;
        }
        switchState(device, side, XenbusState.CLOSING);
        await(device, side.other(), EnumSet.of(XenbusState.CLOSING, XenbusState.CLOSED, XenbusState.UNKNOWN), timeout);
        switchState(device, side, XenbusState.CLOSED);
    }

    /** Reads both sides at once (pipelined), within the deadline, and records them. */
    private void readBoth(XenbusDevice device, DeviceObserver seen, Side side, Set<XenbusState> targets,
            Duration timeout, long deadline) throws InterruptedException {
        CompletableFuture<byte[]> frontend = store.async().read(device.statePath(Side.FRONTEND), null);
        CompletableFuture<byte[]> backend = store.async().read(device.statePath(Side.BACKEND), null);
        try {
            byte[] front = frontend.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            byte[] back = backend.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            seen.observe(Side.FRONTEND, front);
            seen.observe(Side.BACKEND, back);
        } catch (TimeoutException e) {
            throw timedOut(device, side, targets, timeout, seen);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof XenStoreException cause) {
                throw cause;
            }
            throw new XenStoreException("EIO", "reading the states of " + device + " failed: " + e.getCause(), e.getCause());
        }
    }

    private static DeviceStateTimeoutException timedOut(XenbusDevice device, Side side, Set<XenbusState> targets,
            Duration timeout, DeviceObserver seen) {
        return new DeviceStateTimeoutException(device + ": wanted the " + side + " in " + describe(targets)
                + ", still waiting after " + timeout.toMillis() + " ms; last seen: " + seen.describe(),
                side, seen.last(Side.FRONTEND), seen.last(Side.BACKEND));
    }

    private static String describe(Set<XenbusState> states) {
        return states.size() == 1 ? states.iterator().next().toString()
                : states.stream().map(XenbusState::toString).collect(Collectors.joining(", ", "one of ", ""));
    }

    private static Duration checkPositive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return timeout;
    }
}
