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
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * One exchange in a {@link Trace}: a request and its reply, or a watch event.
 *
 * @param time when the request was written (for a watch event: when it was read)
 * @param op the request's type, or {@link Op#WATCH_EVENT}
 * @param path the first string of the request's payload (the path for most requests; empty for a
 *     transaction's start), or the event's path
 * @param txId the transaction the request belongs to, 0 outside one
 * @param latencyNanos the time from writing the request to reading its reply; 0 for a watch event
 * @param error the daemon's error word ({@code ENOENT}, {@code EACCES}, ...), or empty when it
 *     answered with success
 */
public record TraceRecord(Instant time, Op op, String path, int txId, long latencyNanos, String error) {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    /**
     * Checks the fields.
     *
     * @throws NullPointerException when a field is null
     * @throws IllegalArgumentException when the latency is negative
     */
    public TraceRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(error, "error");
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latency must not be negative: " + latencyNanos);
        }
    }

    /**
     * Tells whether the daemon refused the request.
     *
     * @return true when it answered with an error word
     */
    public boolean refused() {
        return !error.isEmpty();
    }

    /**
     * Formats the record as one line for people, such as
     * {@code 12:00:01.234567 READ /local/domain/0/name tx=0 38us OK}: the wall-clock time in the zone,
     * the operation, the path with control characters escaped, the transaction, the latency in
     * microseconds, and {@code OK} or the error word.
     *
     * @param zone the time zone of the clock time
     * @return the line, without a line end
     */
    public String line(ZoneId zone) {
        return CLOCK.format(LocalTime.ofInstant(time, zone)) + " " + op + " " + Json.escapeControls(path)
                + " tx=" + Integer.toUnsignedString(txId) + " " + latencyNanos / 1000 + "us " + (refused() ? error : "OK");
    }

    /**
     * Formats the record as one JSON object on one line, such as
     * {@code {"time":"2024-05-01T10:00:01.234567Z","op":"READ","path":"/x","tx":0,"latencyNanos":38000,"error":""}}.
     *
     * @return the JSON text, without a line end
     */
    public String json() {
        StringBuilder out = new StringBuilder(96 + path.length());
        out.append("{\"time\":\"").append(time).append("\",\"op\":\"").append(op).append("\",\"path\":");
        Json.string(path, out);
        out.append(",\"tx\":").append(Integer.toUnsignedString(txId)).append(",\"latencyNanos\":").append(latencyNanos)
                .append(",\"error\":");
        Json.string(error, out);
        return out.append('}').toString();
    }
}
