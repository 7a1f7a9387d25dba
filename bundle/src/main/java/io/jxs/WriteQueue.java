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

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The requests waiting to be written, oldest first, bounded in bytes: past {@link #MAX_BYTES}, callers
 * wait for room within their own deadline instead of filling the heap. Thread-safe; only the thread
 * that holds the router's write lock takes requests out.
 */
final class WriteQueue {
    /** How many bytes of requests may wait to be written before callers wait for room. */
    static final int MAX_BYTES = 1 << 20;

    private final ConcurrentLinkedQueue<Request<?>> requests = new ConcurrentLinkedQueue<>();
    private final AtomicLong bytes = new AtomicLong();
    private final Object room = new Object();
    private volatile int waitingForRoom;

    /** Tells whether the request fits without going past the bound. */
    boolean hasRoomFor(Request<?> request) {
        return bytes.get() + request.size() <= MAX_BYTES;
    }

    /**
     * Waits until the request fits, its deadline passes (it then fails with its timeout) or the router
     * stops running.
     *
     * @param request the request
     * @param running whether the router still runs
     */
    void awaitRoom(Request<?> request, BooleanSupplier running) {
        synchronized (room) {
            waitingForRoom++;
            try {
                long left;
                while (!hasRoomFor(request) && (left = request.deadline() - System.nanoTime()) > 0
                        && running.getAsBoolean()) {
                    TimeUnit.NANOSECONDS.timedWait(room, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                request.completeExceptionally(new ConnectionException("interrupted while waiting to send " + request.op()));
            } finally {
                waitingForRoom--;
            }
        }
        if (!hasRoomFor(request) && !request.isDone()) {
            request.expire();
        }
    }

    /** Adds a request at the end. */
    void add(Request<?> request) {
        bytes.addAndGet(request.size());
        requests.offer(request);
    }

    /** Returns the oldest request without taking it, or null. */
    Request<?> peek() {
        return requests.peek();
    }

    /** Takes the oldest request, or null, and wakes callers waiting for room once half of it is free. */
    Request<?> poll() {
        Request<?> request = requests.poll();
        if (request != null) {
            long left = bytes.addAndGet(-request.size());
            if (waitingForRoom > 0 && left <= MAX_BYTES / 2) {
                wakeWaiters();
            }
        }
        return request;
    }

    boolean isEmpty() {
        return requests.isEmpty();
    }

    /** Wakes every caller waiting for room, to look again (at the room, or at the router's state). */
    void wakeWaiters() {
        synchronized (room) {
            room.notifyAll();
        }
    }
}
