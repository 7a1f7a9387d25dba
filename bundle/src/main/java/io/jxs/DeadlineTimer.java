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
import java.util.concurrent.locks.LockSupport;

/**
 * One timer thread per router that fails the requests in flight whose deadline has passed, every
 * {@link #TICK_NANOS}: the requests of asynchronous callers, who do not wait on a thread of their own.
 * A synchronous caller's wait ends at its deadline by itself. So an asynchronous request fails at most
 * {@link #TICK_NANOS} after its deadline.
 *
 * <p>Invariant: the thread parks without a time limit only after it found nothing in flight with
 * {@link #idle} set; {@link #registered()} clears the flag and wakes it, so a request registered meanwhile
 * is looked at within a tick.
 */
final class DeadlineTimer {
    /** How often the requests in flight are looked at. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final InFlight inFlight;
    private final Thread thread;
    private volatile boolean idle;
    private volatile boolean ended;

    /**
     * Creates the timer, not started.
     *
     * @param inFlight the requests it looks at
     * @param name the connection's description, for the thread's name
     */
    DeadlineTimer(InFlight inFlight, String name) {
        this.inFlight = inFlight;
        this.thread = new Thread(this::run, "jxs-deadlines " + name);
        thread.setDaemon(true);
    }

    /** Starts the timer thread. */
    void start() {
        thread.start();
    }

    /** Told after a request was registered: wakes the timer if it sleeps for lack of requests. */
    void registered() {
        if (idle) {
            idle = false;
            LockSupport.unpark(thread);
        }
    }

    /** Stops the timer. */
    void end() {
        ended = true;
        LockSupport.unpark(thread);
    }

    private void run() {
        while (!ended) {
            inFlight.expireOverdue(System.nanoTime());
            if (inFlight.isEmpty()) {
                idle = true;
                if (inFlight.isEmpty() && !ended) {
                    LockSupport.park(this);
                }
                idle = false;
            } else {
                LockSupport.parkNanos(this, TICK_NANOS);
            }
        }
    }
}
