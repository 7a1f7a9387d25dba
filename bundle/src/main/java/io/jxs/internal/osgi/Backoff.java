package io.jxs.internal.osgi;

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
