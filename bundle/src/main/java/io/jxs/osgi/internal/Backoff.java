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

/** Delays between connection attempts: doubling from a first delay up to a maximum. */
final class Backoff {
    private final long first;
    private final long max;
    private long next;

    Backoff(long first, long max) {
        this.first = first;
        this.max = Math.max(first, max);
        this.next = first;
    }

    /**
     * Returns the delay before the next attempt and doubles the one after.
     *
     * @return milliseconds
     */
    long next() {
        long delay = next;
        next = Math.min(max, next * 2);
        return delay;
    }

    /** Starts again from the first delay, after a success. */
    void reset() {
        next = first;
    }
}
