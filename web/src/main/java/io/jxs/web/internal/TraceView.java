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
import java.util.Arrays;
import java.util.List;

/**
 * What the page's trace panel shows: whether the container's connection is traced, how many records were dropped
 * for newer ones, and the newest records, oldest first, read through the {@link XenStoreMBean} as the shell's
 * {@code xenstore:trace show} reads them.
 *
 * @param on whether the trace records
 * @param dropped how many records were dropped since the trace was switched on
 * @param rows the newest records, oldest first
 */
record TraceView(boolean on, long dropped, List<TraceRow> rows) {
    /**
     * Reads the trace's state and its newest records.
     *
     * @param management the container's XenStore MBean
     * @param count how many of the newest records to read, at least 1
     * @return the view
     * @throws IllegalArgumentException when the count is not positive
     * @throws IllegalStateException when the MBean returns a line that is not a trace line
     */
    static TraceView read(XenStoreMBean management, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        List<TraceRow> rows = Arrays.stream(management.traceLines(count)).map(TraceRow::parse).toList();
        return new TraceView(management.isTracing(), management.getTraceDropped(), rows);
    }

    /**
     * Writes the view as a JSON object {@code {"on", "dropped", "records": [...]}}, each record as
     * {@link TraceRow#toJson()}.
     *
     * @return the JSON text
     */
    String toJson() {
        StringBuilder json = new StringBuilder(64 + 128 * rows.size()).append("{\"on\":").append(on)
                .append(",\"dropped\":").append(dropped).append(",\"records\":[");
        for (int i = 0; i < rows.size(); i++) {
            json.append(i == 0 ? "" : ",").append(rows.get(i).toJson());
        }
        return json.append("]}").toString();
    }
}
