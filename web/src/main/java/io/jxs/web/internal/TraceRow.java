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
package io.jxs.web.internal;

/**
 * One row of the page's trace table: a trace record as {@link io.jxs.TraceRecord#line} prints it for the
 * {@code XenStoreMBean}'s {@code traceLines} ({@code 12:00:01.234567 READ /local/domain/0/name tx=0 38us OK}), taken
 * apart into its fields. The path is read between the operation and the last three words, so that an empty path
 * (a transaction's start) or one with spaces keeps its place.
 *
 * @param time the clock time in the container's zone, to the microsecond
 * @param op the operation, such as {@code READ} or {@code WATCH_EVENT}
 * @param path the request's first payload string, control characters escaped as {@code \u001b}
 * @param tx the transaction id, 0 outside one
 * @param latencyMicros from writing the request to reading its reply
 * @param error the daemon's error word, empty when it answered with success
 */
record TraceRow(String time, String op, String path, long tx, long latencyMicros, String error) {
    private static final String TX = "tx=";
    private static final String MICROS = "us";
    private static final String OK = "OK";

    /**
     * Takes a trace line apart.
     *
     * @param line the line, without its line end
     * @return its fields
     * @throws IllegalStateException when the line is not one that {@code TraceRecord.line} prints
     */
    static TraceRow parse(String line) {
        int afterTime = line.indexOf(' ');
        int afterOp = afterTime < 0 ? -1 : line.indexOf(' ', afterTime + 1);
        int beforeWord = line.lastIndexOf(' ');
        int beforeLatency = beforeWord <= 0 ? -1 : line.lastIndexOf(' ', beforeWord - 1);
        int beforeTx = beforeLatency <= 0 ? -1 : line.lastIndexOf(' ', beforeLatency - 1);
        if (afterOp < 0 || beforeTx < afterOp) {
            throw new IllegalStateException("not a trace line: " + line);
        }
        String tx = line.substring(beforeTx + 1, beforeLatency);
        String latency = line.substring(beforeLatency + 1, beforeWord);
        String word = line.substring(beforeWord + 1);
        if (!tx.startsWith(TX) || !latency.endsWith(MICROS) || word.isEmpty()) {
            throw new IllegalStateException("not a trace line: " + line);
        }
        return new TraceRow(line.substring(0, afterTime), line.substring(afterTime + 1, afterOp),
                line.substring(afterOp + 1, beforeTx), number(tx.substring(TX.length()), line),
                number(latency.substring(0, latency.length() - MICROS.length()), line), OK.equals(word) ? "" : word);
    }

    private static long number(String digits, String line) {
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 18) {
            throw new IllegalStateException("not a trace line: " + line);
        }
        return Long.parseLong(digits);
    }

    /**
     * Writes the row as a JSON object with the fields {@code time}, {@code op}, {@code path}, {@code tx},
     * {@code latencyMicros} and {@code error}.
     *
     * @return the JSON text
     */
    String toJson() {
        return "{\"time\":" + Json.quote(time) + ",\"op\":" + Json.quote(op) + ",\"path\":" + Json.quote(path)
                + ",\"tx\":" + tx + ",\"latencyMicros\":" + latencyMicros + ",\"error\":" + Json.quote(error) + "}";
    }
}
