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

import io.jxs.management.XenStoreMBean;
import java.util.stream.Collectors;

/**
 * What the page's trace panel shows: whether the container's connection is traced, how many records were dropped
 * for newer ones, and the newest records, oldest first, as the {@link XenStoreMBean}'s {@code traceJsonLines} gives
 * them (one {@code TraceRecord.json()} object each, the same objects as the export's lines).
 *
 * @param on whether the trace records
 * @param dropped how many records were dropped since the trace was switched on
 * @param jsonLines the newest records, oldest first, one JSON object per line
 */
record TraceView(boolean on, long dropped, String jsonLines) {
    /**
     * Reads the trace's state and its newest records.
     *
     * @param management the container's XenStore MBean
     * @param count how many of the newest records to read, at least 1
     * @return the view
     * @throws IllegalArgumentException when the count is not positive
     */
    static TraceView read(XenStoreMBean management, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        return new TraceView(management.isTracing(), management.getTraceDropped(), management.traceJsonLines(count));
    }

    /**
     * Writes the view as a JSON object {@code {"on", "dropped", "records": [...]}}, the records as they came.
     *
     * @return the JSON text
     */
    String toJson() {
        return "{\"on\":" + on + ",\"dropped\":" + dropped + ",\"records\":["
                + jsonLines.lines().collect(Collectors.joining(",")) + "]}";
    }
}
