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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.TraceRecord;
import io.jxs.connection.Op;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The page's trace view passes the MBean's JSON lines ({@link TraceRecord#json}) through as one JSON array. */
class TraceViewTest {
    private static final Instant NOON = Instant.parse("2024-05-01T12:00:01.234567Z");

    @Test
    void theRecordsAreTheSameObjectsAsTheExportsLinesOldestFirst() {
        String write = new TraceRecord(NOON, Op.WRITE, "/<script>", 2, 9000, "EACCES").json();
        String event = new TraceRecord(NOON, Op.WATCH_EVENT, "/w\u001b", 0, 0, "").json();
        TraceView view = new TraceView(true, 3, write + "\n" + event + "\n");
        assertEquals("{\"on\":true,\"dropped\":3,\"records\":[" + write + "," + event + "]}", view.toJson());
    }

    @Test
    void anEmptyTraceHasNoRecords() {
        assertEquals("{\"on\":false,\"dropped\":0,\"records\":[]}", new TraceView(false, 0, "").toJson());
    }

    @Test
    void aCountOrCapacityIsAWholeNumberInItsRange() {
        assertEquals(50, TraceServlet.number("count", null, 50, 1000));
        assertEquals(7, TraceServlet.number("count", " 7 ", 50, 1000));
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> TraceServlet.number("count", "1001", 50, 1000));
        assertEquals("EINVAL: count must be between 1 and 1000: 1001", big.getMessage());
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
                () -> TraceServlet.number("capacity", "lots", 10, 20));
        assertEquals("EINVAL: capacity must be a whole number: lots", word.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TraceServlet.number("count", "0", 1, 2))
                .getMessage().startsWith("EINVAL: "));
    }
}
