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
package io.jxs.osgi.internal;

import io.jxs.WatchEvent;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The watch events waiting to be posted to EventAdmin, bounded: an event for a path and watch that
 * already waits is coalesced with it (consumers re-read on every event, so one says as much as
 * many), and past the capacity new events are dropped and counted. Thread-safe.
 */
final class EventBacklog {
    private final int capacity;
    private final Map<WatchEvent, WatchEvent> waiting = new LinkedHashMap<>(); // guarded by this
    private final LongAdder coalesced = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private boolean closed; // guarded by this

    /**
     * Creates an empty backlog.
     *
     * @param capacity the most events that wait at once
     */
    EventBacklog(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Adds an event unless the same one already waits or the backlog is full.
     *
     * @param event the event
     */
    synchronized void offer(WatchEvent event) {
        if (closed) {
            return;
        }
        if (waiting.containsKey(event)) {
            coalesced.increment();
        } else if (waiting.size() >= capacity) {
            dropped.increment();
        } else {
            waiting.put(event, event);
            notifyAll();
        }
    }

    /**
     * Waits for the oldest event and removes it.
     *
     * @return the event, or null once the backlog is closed
     * @throws InterruptedException when the waiting thread is interrupted
     */
    synchronized WatchEvent take() throws InterruptedException {
        while (waiting.isEmpty() && !closed) {
            wait();
        }
        if (closed) {
            return null;
        }
        Iterator<WatchEvent> oldest = waiting.keySet().iterator();
        WatchEvent event = oldest.next();
        oldest.remove();
        return event;
    }

    /** Drops what waits and wakes the taker, which then gets null. */
    synchronized void close() {
        closed = true;
        waiting.clear();
        notifyAll();
    }

    long coalesced() {
        return coalesced.sum();
    }

    long dropped() {
        return dropped.sum();
    }
}
