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

import io.jxs.connection.Op;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The traffic trace of one {@link Router}: its requests with their replies, and the watch events it
 * reads, kept in a bounded buffer while switched on. Off when the router is made; while off, recording
 * costs the router one volatile read per reply and per event.
 *
 * <p>A record is made on the thread that reads the reply, when it is read: a request that gets no reply
 * (its connection is lost first, or it was abandoned before it was written) leaves none; one whose caller
 * gave up at its deadline leaves none either, unless its reply comes later.
 *
 * <p>Thread-safe. Invariants: {@link #recording} is the buffer records go to, null while off; it is
 * replaced only by {@link #start}, so a record made by a thread that read the old buffer goes to the old
 * one, which {@link #records()} no longer shows. {@link #kept} is the buffer {@link #records()} shows: the
 * one recording now, or the last one after {@link #stop()}. Each buffer guards its own slots with its lock.
 */
public final class Trace {
    /** The largest capacity {@link #start} accepts. */
    public static final int MAX_CAPACITY = 1 << 20;

    private volatile Buffer recording;
    private volatile Buffer kept = new Buffer(0);

    /** Creates a trace that is off and holds no record. */
    Trace() {
    }

    /**
     * Switches the trace on with an empty buffer of the given size, dropping what it held; while on,
     * the oldest record makes room for a new one when the buffer is full.
     *
     * @param capacity how many records the buffer keeps, 1 to {@link #MAX_CAPACITY}
     * @throws IllegalArgumentException when the capacity is out of that range
     */
    public void start(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("trace capacity must be between 1 and " + MAX_CAPACITY + ": " + capacity);
        }
        Buffer buffer = new Buffer(capacity);
        synchronized (this) {
            kept = buffer;
            recording = buffer;
        }
    }

    /** Switches the trace off; what it recorded stays readable until the next {@link #start}. */
    public synchronized void stop() {
        recording = null;
    }

    /**
     * Tells whether the trace records.
     *
     * @return true between {@link #start} and {@link #stop()}
     */
    public boolean isOn() {
        return recording != null;
    }

    /**
     * Returns how many records the buffer keeps.
     *
     * @return the capacity given to the last {@link #start}, 0 before the first
     */
    public int capacity() {
        return kept.slots.length;
    }

    /**
     * Returns the records kept, oldest first.
     *
     * @return a copy, empty before the first {@link #start}
     */
    public List<TraceRecord> records() {
        return kept.snapshot();
    }

    /**
     * Returns how many records were dropped to make room for newer ones since the last {@link #start}.
     *
     * @return the count
     */
    public long dropped() {
        return kept.dropped();
    }

    /**
     * Writes the records kept, oldest first, one JSON object per line ({@link TraceRecord#json()}),
     * each line ended by {@code \n}.
     *
     * @param out where to write
     * @throws IOException when {@code out} fails
     */
    public void writeJsonLines(Appendable out) throws IOException {
        Objects.requireNonNull(out, "out");
        for (TraceRecord record : records()) {
            out.append(record.json()).append('\n');
        }
    }

    /**
     * Returns the buffer to record into, or null while off: the one volatile read of a router that
     * does not trace.
     */
    Buffer recording() {
        return recording;
    }

    /**
     * Records a reply; the router calls it on the reading thread, with the buffer it got from
     * {@link #recording()}.
     *
     * @param buffer the buffer
     * @param op the request's type
     * @param payload the request's payload, of which the first string is kept
     * @param txId the request's transaction
     * @param latencyNanos from writing the request to reading its reply
     * @param error the error word, or empty
     */
    static void reply(Buffer buffer, Op op, byte[] payload, int txId, long latencyNanos, String error) {
        Instant written = Instant.now().minusNanos(latencyNanos);
        buffer.add(new TraceRecord(written, op, firstString(payload), txId, latencyNanos, error));
    }

    /**
     * Records a watch event.
     *
     * @param buffer the buffer
     * @param path the event's path
     */
    static void event(Buffer buffer, String path) {
        buffer.add(new TraceRecord(Instant.now(), Op.WATCH_EVENT, path, 0, 0, ""));
    }

    private static String firstString(byte[] payload) {
        int end = 0;
        while (end < payload.length && payload[end] != 0) {
            end++;
        }
        return new String(payload, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        Buffer buffer = kept;
        return "Trace[" + (isOn() ? "on" : "off") + ", capacity " + buffer.slots.length + ", dropped " + buffer.dropped() + "]";
    }

    /** A ring of records: the newest {@code slots.length} of all those added; guarded by its own lock. */
    static final class Buffer {
        private final TraceRecord[] slots;
        /** How many records were ever added; the next goes to {@code added % slots.length}. */
        private long added;

        Buffer(int capacity) {
            this.slots = new TraceRecord[capacity];
        }

        synchronized void add(TraceRecord record) {
            slots[(int) (added % slots.length)] = record;
            added++;
        }

        synchronized List<TraceRecord> snapshot() {
            int size = (int) Math.min(added, slots.length);
            List<TraceRecord> out = new ArrayList<>(size);
            for (long i = added - size; i < added; i++) {
                out.add(slots[(int) (i % slots.length)]);
            }
            return out;
        }

        synchronized long dropped() {
            return Math.max(0, added - slots.length);
        }
    }
}
