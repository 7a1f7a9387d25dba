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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.TraceRecord;
import io.jxs.connection.Op;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page's trace table reads the lines the MBean's traceLines prints ({@link TraceRecord#line}) back. */
class TraceViewTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant NOON = Instant.parse("2024-05-01T12:00:01.234567Z");

    private static TraceRow row(Op op, String path, int tx, long latencyNanos, String error) {
        return TraceRow.parse(new TraceRecord(NOON, op, path, tx, latencyNanos, error).line(UTC));
    }

    @Test
    void aReplyLineGivesBackEveryField() {
        assertEquals(new TraceRow("12:00:01.234567", "READ", "/local/domain/0/name", 0, 38, ""),
                row(Op.READ, "/local/domain/0/name", 0, 38_400, ""));
    }

    @Test
    void aRefusalKeepsItsErrorWordAndATransactionItsUnsignedId() {
        assertEquals(new TraceRow("12:00:01.234567", "WRITE", "/x", 4_294_967_295L, 1200, "EACCES"),
                row(Op.WRITE, "/x", -1, 1_200_000, "EACCES"));
    }

    @Test
    void anEmptyPathAndAPathThatLooksLikeTheLineEndKeepTheirPlace() {
        assertEquals("", row(Op.TRANSACTION_START, "", 0, 5000, "").path());
        TraceRow tricky = row(Op.WRITE, "/a b tx=1 2us OK", 7, 3000, "EINVAL");
        assertEquals(List.of("/a b tx=1 2us OK", 7L, 3L, "EINVAL"),
                List.of(tricky.path(), tricky.tx(), tricky.latencyMicros(), tricky.error()));
    }

    @Test
    void aWatchEventHasNoLatencyAndItsControlCharactersStayEscaped() {
        TraceRow event = row(Op.WATCH_EVENT, "/w\u001b", 0, 0, "");
        assertEquals(new TraceRow("12:00:01.234567", "WATCH_EVENT", "/w\\u001b", 0, 0, ""), event);
    }

    @Test
    void aLineOfAnotherFormatIsRefused() {
        for (String line : List.of("", "12:00:00 READ", "12:00:00 READ /x tx=0 5ms OK", "12:00:00 READ /x 0 5us OK",
                "12:00:00 READ /x tx=a 5us OK")) {
            assertThrows(IllegalStateException.class, () -> TraceRow.parse(line), line);
        }
    }

    @Test
    void theViewIsJsonWithItsTextEscapedAsEverywhereOnThePage() {
        TraceView view = new TraceView(true, 3, List.of(row(Op.WRITE, "/<script>", 2, 9000, "EACCES")));
        String json = view.toJson();
        assertEquals("{\"on\":true,\"dropped\":3,\"records\":[{\"time\":\"12:00:01.234567\",\"op\":\"WRITE\","
                + "\"path\":\"/\\u003cscript\\u003e\",\"tx\":2,\"latencyMicros\":9,\"error\":\"EACCES\"}]}", json);
        assertFalse(json.contains("<"), json);
        assertEquals("{\"on\":false,\"dropped\":0,\"records\":[]}", new TraceView(false, 0, List.of()).toJson());
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
