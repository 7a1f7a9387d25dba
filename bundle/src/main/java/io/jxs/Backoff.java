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

import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays that double from a first delay up to a maximum, each drawn at random from its upper half so
 * that clients retrying together spread out. Used between reconnection attempts and between the
 * attempts of a conflicting transaction. Not thread-safe.
 */
final class Backoff {
    private final long firstNanos;
    private final long maxNanos;
    private long nextNanos;

    /**
     * Creates a back-off.
     *
     * @param firstNanos the first delay's upper bound
     * @param maxNanos the largest upper bound
     */
    Backoff(long firstNanos, long maxNanos) {
        this.firstNanos = firstNanos;
        this.maxNanos = Math.max(firstNanos, maxNanos);
        this.nextNanos = firstNanos;
    }

    /**
     * Returns the delay before the next attempt, between half and all of the current bound, and
     * doubles the bound.
     *
     * @return nanoseconds
     */
    long nextNanos() {
        long bound = nextNanos;
        nextNanos = Math.min(maxNanos, bound * 2);
        return bound / 2 + ThreadLocalRandom.current().nextLong(bound / 2 + 1);
    }

    /** Starts again from the first delay, after a success. */
    void reset() {
        nextNanos = firstNanos;
    }
}
