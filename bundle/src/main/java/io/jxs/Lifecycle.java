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

import java.util.concurrent.TimeUnit;

/**
 * The state of a router's connection, and the one monitor on which threads wait for it to change:
 * {@code NEW} until started, {@code RUNNING} while requests can be sent, {@code RECONNECTING} after a
 * loss while the connection is opened again, {@code TERMINATED} for good.
 *
 * <p>Invariants: {@code TERMINATED} is never left; every change wakes every waiter; {@link #failure()} is
 * the cause of the last loss while not running, and null while running.
 */
final class Lifecycle {
    /** The states, in the order a router goes through them (RUNNING and RECONNECTING may alternate). */
    enum State { NEW, RUNNING, RECONNECTING, TERMINATED }

    private volatile State state = State.NEW;
    private volatile ConnectionException failure;

    /** Returns the state now. */
    State state() {
        return state;
    }

    /** Tells whether requests can be sent now. */
    boolean isRunning() {
        return state == State.RUNNING;
    }

    /** Returns the cause of the last loss while not running, or null. */
    ConnectionException failure() {
        return failure;
    }

    /**
     * Moves from {@code NEW} to {@code RUNNING}, or to {@code RECONNECTING} when the first connect failed.
     *
     * @param refused why the first connect failed, or null
     * @return false when terminated meanwhile
     */
    synchronized boolean started(ConnectionException refused) {
        if (state == State.TERMINATED) {
            return false;
        }
        state = refused == null ? State.RUNNING : State.RECONNECTING;
        failure = refused;
        notifyAll();
        return true;
    }

    /**
     * Records a loss: the router reconnects, or ends.
     *
     * @param cause why
     * @param reconnect true to reconnect
     * @return false when it had been terminated by the user already
     */
    synchronized boolean lost(ConnectionException cause, boolean reconnect) {
        if (state != State.RUNNING) {
            return false;
        }
        state = reconnect ? State.RECONNECTING : State.TERMINATED;
        failure = cause;
        notifyAll();
        return true;
    }

    /**
     * Moves from {@code RECONNECTING} back to {@code RUNNING} over a new connection.
     *
     * @return false when terminated meanwhile
     */
    synchronized boolean reconnected() {
        if (state != State.RECONNECTING) {
            return false;
        }
        state = State.RUNNING;
        failure = null;
        notifyAll();
        return true;
    }

    /**
     * Ends for good.
     *
     * @param cause the failure to report from now on, or null to keep the one recorded
     * @return false when it had ended already
     */
    synchronized boolean terminate(ConnectionException cause) {
        boolean first = state != State.TERMINATED;
        state = State.TERMINATED;
        if (cause != null) {
            failure = cause;
        }
        notifyAll();
        return first;
    }

    /**
     * Waits while reconnecting, until the deadline.
     *
     * @param deadline a {@link System#nanoTime()}
     */
    synchronized void awaitReconnection(long deadline) {
        try {
            long left;
            while (state == State.RECONNECTING && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Pauses between two reconnection attempts.
     *
     * @param nanos how long
     * @return true when still reconnecting afterwards; false when terminated or interrupted meanwhile
     */
    synchronized boolean pauseWhileReconnecting(long nanos) {
        long until = System.nanoTime() + nanos;
        try {
            long left;
            while (state == State.RECONNECTING && (left = until - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            return false;
        }
        return state == State.RECONNECTING;
    }
}
