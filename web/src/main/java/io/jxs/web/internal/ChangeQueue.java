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
package io.jxs.web.internal;

import io.jxs.WatchEvent;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The changes waiting for one page client, bounded: past {@link #capacity} waiting changes it forgets them all and
 * hands out one {@link #RELOAD} instead, after which the page reloads its view, so that a flood of changes costs
 * a client at most {@code capacity} paths of memory.
 *
 * <p>Thread-safe: the monitor's callback thread offers, the client's request thread takes; both hold this
 * object's lock, and {@code reload} is set only together with an empty queue.
 */
final class ChangeQueue {
    /** What {@link #take} returns after an overflow. */
    static final String RELOAD = "\0reload";

    private final int capacity;
    private final ArrayDeque<String> paths = new ArrayDeque<>();
    private boolean reload;

    /**
     * Makes an empty queue.
     *
     * @param capacity the most changes it holds
     * @throws IllegalArgumentException when the capacity is not positive
     */
    ChangeQueue(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Adds a watch event's path, or turns the queue into one reload when it is full.
     *
     * @param event the event
     */
    synchronized void offer(WatchEvent event) {
        if (reload) {
            return;
        }
        if (paths.size() == capacity) {
            paths.clear();
            reload = true;
        } else {
            paths.add(event.path());
        }
        notifyAll();
    }

    /**
     * Takes the next change, waiting at most the given time.
     *
     * @param timeout how long to wait
     * @param unit its unit
     * @return a path, {@link #RELOAD}, or null when nothing came in time
     * @throws InterruptedException when interrupted while waiting
     */
    synchronized String take(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (paths.isEmpty() && !reload) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (reload) {
            reload = false;
            return RELOAD;
        }
        return paths.poll();
    }
}
