package io.jxs.internal.osgi;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the container's XenStore traffic, over every connection, for the MBean. */
final class Statistics {
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder replies = new LongAdder();
    private final LongAdder latencyNanos = new LongAdder();
    private final AtomicLong maxLatencyNanos = new AtomicLong();

    void requestSent() {
        requests.increment();
    }

    void replyReceived(long nanos, boolean error) {
        replies.increment();
        latencyNanos.add(nanos);
        maxLatencyNanos.accumulateAndGet(nanos, Math::max);
        if (error) {
            errors.increment();
        }
    }

    long requestsSent() {
        return requests.sum();
    }

    long errors() {
        return errors.sum();
    }

    double averageLatencyMillis() {
        long count = replies.sum();
        return count == 0 ? 0 : latencyNanos.sum() / (double) count / 1e6;
    }

    double maxLatencyMillis() {
        return maxLatencyNanos.get() / 1e6;
    }
}
