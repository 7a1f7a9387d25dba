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

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests written and not answered yet, and what they occupy in the transport's buffer: each is
 * charged what the kernel charges for it ({@link Request#bufferCost()}). While the charges fit in the
 * transport's write window ({@link io.jxs.connection.Connection#writeWindow()}), a write cannot block,
 * whatever the daemon does. Requests whose callers gave up stay charged until their reply comes: the
 * daemon may not have read them. Thread-safe.
 */
final class WriteWindow {
    private final int size;
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicLong charged = new AtomicLong();

    /**
     * Creates an empty window.
     *
     * @param size the bytes the transport is sure to buffer; 0 when a write may always block
     */
    WriteWindow(int size) {
        this.size = size;
    }

    /** Tells whether the transport has a window; without one, every write may block. */
    boolean exists() {
        return size > 0;
    }

    /** Tells whether writing the request now cannot block; always, on an open window, when nothing is unanswered. */
    boolean fits(Request<?> request) {
        return size > 0 && (unanswered.get() == 0 || charged.get() + request.bufferCost() <= size);
    }

    /** Charges a request about to be written. */
    void charge(Request<?> request) {
        unanswered.incrementAndGet();
        charged.addAndGet(request.bufferCost());
    }

    /** Takes back the charge of a request whose write failed. */
    void refund(Request<?> request) {
        unanswered.decrementAndGet();
        charged.addAndGet(-request.bufferCost());
    }

    /**
     * Takes back the charge of an answered request. The cost of a request that was forgotten meanwhile
     * is not known any more: the least is taken back, so the estimate stays high.
     *
     * @param request the request, or null when it was forgotten
     */
    void answered(Request<?> request) {
        unanswered.updateAndGet(count -> Math.max(0, count - 1));
        charged.addAndGet(-(request != null && request.isWritten() ? request.bufferCost() : Request.SMALL_BUFFER_COST));
    }

    /** Returns how many written requests wait for their reply, also those whose callers gave up. */
    int unanswered() {
        return unanswered.get();
    }

    /** Empties the window: a new connection, where nothing of ours is unread. */
    void reset() {
        unanswered.set(0);
        charged.set(0);
    }
}
