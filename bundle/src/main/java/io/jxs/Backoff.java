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
