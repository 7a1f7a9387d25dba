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
