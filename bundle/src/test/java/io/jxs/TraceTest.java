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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.connection.Op;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The trace's buffer: bounded, oldest first, counting what it dropped, safe for racing writers; its JSON. */
class TraceTest {
    private final Trace trace = new Trace();

    private void read(String path) {
        Trace.Buffer buffer = trace.recording();
        if (buffer != null) {
            Trace.reply(buffer, Op.READ, (path + "\0").getBytes(StandardCharsets.UTF_8), 0, 1000, "");
        }
    }

    private static List<String> paths(List<TraceRecord> records) {
        return records.stream().map(TraceRecord::path).toList();
    }

    @Test
    void isOffAndEmptyUntilStarted() {
        assertFalse(trace.isOn());
        read("/a");
        assertEquals(List.of(), trace.records());
        assertEquals(0, trace.capacity());
    }

    @Test
    void keepsTheNewestRecordsOldestFirstAndCountsTheDroppedOnes() {
        trace.start(3);
        for (int i = 1; i <= 5; i++) {
            read("/" + i);
        }
        assertEquals(List.of("/3", "/4", "/5"), paths(trace.records()));
        assertEquals(2, trace.dropped());
    }

    @Test
    void stopKeepsWhatWasRecordedAndRecordsNothingMore() {
        trace.start(10);
        read("/before");
        trace.stop();
        read("/after");
        assertFalse(trace.isOn());
        assertEquals(List.of("/before"), paths(trace.records()));
    }

    @Test
    void startEmptiesTheBufferAndTheDroppedCount() {
        trace.start(1);
        read("/a");
        read("/b");
        trace.start(4);
        assertEquals(List.of(), trace.records());
        assertEquals(0, trace.dropped());
        assertEquals(4, trace.capacity());
    }

    @Test
    void refusesACapacityOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> trace.start(0));
        assertThrows(IllegalArgumentException.class, () -> trace.start(Trace.MAX_CAPACITY + 1));
    }

    @Test
    void keepsOnlyThePayloadsFirstString() {
        trace.start(2);
        Trace.reply(trace.recording(), Op.WRITE, "/k\0value".getBytes(StandardCharsets.UTF_8), 7, 5, "EACCES");
        TraceRecord record = trace.records().get(0);
        assertEquals("/k", record.path());
        assertEquals(7, record.txId());
        assertEquals("EACCES", record.error());
        assertTrue(record.refused());
    }

    @Test
    void jsonEscapesQuotesBackslashesAndControlCharacters() throws Exception {
        trace.start(1);
        Trace.reply(trace.recording(), Op.READ, "/a\"b\\c\nd\u0001e\u007f\0".getBytes(StandardCharsets.UTF_8), 0, 38_000, "ENOENT");
        Instant time = trace.records().get(0).time();
        StringBuilder out = new StringBuilder();
        trace.writeJsonLines(out);
        assertEquals("{\"time\":\"" + time + "\",\"op\":\"READ\",\"path\":\"/a\\\"b\\\\c\\nd\\u0001e\\u007f\","
                + "\"tx\":0,\"latencyNanos\":38000,\"error\":\"ENOENT\"}\n", out.toString());
    }

    @Test
    void aLineNamesTimeOpPathTransactionLatencyAndOutcome() {
        Instant time = Instant.parse("2024-05-01T12:00:01.234567891Z");
        assertEquals("12:00:01.234567 READ /local/domain/0/name tx=0 38us OK",
                new TraceRecord(time, Op.READ, "/local/domain/0/name", 0, 38_400, "").line(ZoneOffset.UTC));
        assertEquals("12:00:01.234567 WRITE /x\\u000ay tx=4294967295 0us EACCES",
                new TraceRecord(time, Op.WRITE, "/x\ny", -1, 12, "EACCES").line(ZoneOffset.UTC));
    }

    @Test
    void writersRacingLoseNoRecordAndKeepTheBound() throws Exception {
        int writers = 4;
        int each = 20_000;
        trace.start(writers * each);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String prefix = "/w" + w + "/";
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    read(prefix + i);
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        // A reader racing the writers sees a bounded, gap-free prefix each time.
        while (threads.stream().anyMatch(Thread::isAlive)) {
            assertTrue(trace.records().size() <= writers * each);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        List<TraceRecord> records = trace.records();
        assertEquals(writers * each, records.size());
        assertEquals(writers * each, new HashSet<>(paths(records)).size());
        assertEquals(0, trace.dropped());
        for (int w = 0; w < writers; w++) {
            String prefix = "/w" + w + "/";
            List<String> own = paths(records).stream().filter(p -> p.startsWith(prefix)).toList();
            for (int i = 0; i < each; i++) {
                assertEquals(prefix + i, own.get(i), "each writer's records in its order");
            }
        }
    }

    @Test
    void writersRacingAFullBufferCountEveryDroppedRecord() throws Exception {
        int writers = 4;
        int each = 10_000;
        trace.start(100);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    read("/p");
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(100, trace.records().size());
        assertEquals(writers * each - 100, trace.dropped());
        Set<Object> none = new HashSet<>(trace.records());
        assertFalse(none.contains(null));
    }
}
