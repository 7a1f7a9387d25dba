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
package io.jxs.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that do not read what they are sent: the store stops reading them (or the writers that fill them) once a
 * megabyte waits, serves everyone else meanwhile, keeps its memory bounded, and carries on when they read again.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BackPressureTest {

    private static final int VALUE_SIZE = 4000;
    private static final long HEAP_SLACK = 64L << 20;

    @TempDir
    Path dir;

    @Test
    void aClientPipeliningReadsWithoutReadingIsHeldBackWhileOthersAreServed() throws Exception {
        byte[] read = Wire.string("/big");
        int count = 200_000;
        try (EmbeddedXenStore store = new EmbeddedXenStore(dir.resolve("socket")).start();
                RawClient other = new RawClient(store.socketPath())) {
            assertEquals("OK\0", other.call(Wire.WRITE, "/big\0" + "v".repeat(VALUE_SIZE)).text());
            long heapBefore = usedHeapAfterGc();
            try (Pipeline careless = new Pipeline(store.socketPath(), count,
                    i -> Wire.encode(Wire.READ, i + 1, 0, read))) {
                int written = careless.writeUntilStalled(500);
                assertTrue(written < count, "the store kept reading all " + count + " requests");

                long start = System.nanoTime();
                assertEquals("v".repeat(VALUE_SIZE), other.call(Wire.READ, "/big\0").text());
                assertEquals("OK\0", other.call(Wire.WRITE, "/other\0x").text());
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(millis < 1000, "the other client waited " + millis + " ms");

                long grown = usedHeapAfterGc() - heapBefore;
                assertTrue(grown < HEAP_SLACK, "the heap grew by " + grown + " bytes");

                assertEquals(count, drain(careless, count), "replies once the client reads");
            }
            assertEquals("OK\0", other.call(Wire.WRITE, "/after\0x").text());
        }
    }

    @Test
    void aWatcherThatNeverReadsHoldsBackOnlyTheWriterThatFillsIt() throws Exception {
        String token = "t".repeat(200);
        int count = 40_000;
        try (EmbeddedXenStore store = new EmbeddedXenStore(dir.resolve("socket")).start();
                Pipeline watcher = new Pipeline(store.socketPath(), 1,
                        i -> Wire.encode(Wire.WATCH, 1, 0, Wire.strings(java.util.List.of("/w", token))));
                RawClient bystander = new RawClient(store.socketPath())) {
            watcher.writeUntilStalled(100);
            assertTrue(watcher.allWritten());
            assertEquals(Wire.WATCH, next(watcher).type(), "the watch is set");
            try (Pipeline writer = new Pipeline(store.socketPath(), count, i -> Wire.encode(Wire.WRITE, i + 1, 0,
                    String.format("/w/%05d\0", i).getBytes(StandardCharsets.ISO_8859_1)))) {
                int written = writer.writeUntilStalled(500);
                assertTrue(written < count, "the writer was never held back");

                long start = System.nanoTime();
                assertEquals("OK\0", bystander.call(Wire.WRITE, "/elsewhere\0x").text());
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(millis < 1000, "the bystander waited " + millis + " ms");

                int events = 0;
                int replies = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while ((events < count + 1 || replies < count) && System.nanoTime() < deadline) {
                    writer.writeSome();
                    for (RawClient.Message m = watcher.poll(); m != null; m = watcher.poll()) {
                        events++;
                    }
                    for (RawClient.Message m = writer.poll(); m != null; m = writer.poll()) {
                        assertEquals(replies + 1, m.reqId(), "replies in order");
                        replies++;
                    }
                }
                assertEquals(count, replies, "every write answered once the watcher reads");
                assertEquals(count + 1, events, "the initial event and one per write, none lost");
            }
        }
    }

    /** Reads the replies of every request while writing the rest; returns how many arrived, all checked. */
    private static int drain(Pipeline careless, int count) throws Exception {
        int replies = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (replies < count && System.nanoTime() < deadline) {
            careless.writeSome();
            boolean progress = false;
            for (RawClient.Message reply = careless.poll(); reply != null; reply = careless.poll()) {
                progress = true;
                replies++;
                assertEquals(replies, reply.reqId(), "replies in order");
                assertEquals(VALUE_SIZE, reply.payload().length);
            }
            if (!progress) {
                Thread.sleep(1);
            }
        }
        assertFalse(careless.written() < count, "requests left unwritten: " + (count - careless.written()));
        return replies;
    }

    private static RawClient.Message next(Pipeline pipeline) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            RawClient.Message message = pipeline.poll();
            if (message != null) {
                return message;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("no message within 5 s");
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
