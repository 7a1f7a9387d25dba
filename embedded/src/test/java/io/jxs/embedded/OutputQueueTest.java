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

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** C's dropping of duplicate unsent events, at a cost that does not grow with the backlog. */
class OutputQueueTest {

    @Test
    void anIdenticalUnsentEventIsDroppedUntilTheFirstIsWritten() throws Exception {
        OutputQueue queue = new OutputQueue();
        assertTrue(queue.addEvent("/a", "t"));
        assertFalse(queue.addEvent("/a", "t"));
        assertTrue(queue.addEvent("/a", "u"), "another token");
        assertTrue(queue.addEvent("/b", "t"), "another path");
        long bytes = queue.bytes();
        queue.writeTo(Channels.newChannel(new ByteArrayOutputStream()));
        assertEquals(0, queue.bytes());
        assertTrue(queue.isEmpty());
        assertTrue(queue.addEvent("/a", "t"), "written events no longer count");
        assertEquals(3 * (Wire.HEADER_SIZE + 5), bytes);
    }

    @Test
    void specialEventsAreNeverDropped() {
        OutputQueue queue = new OutputQueue();
        assertTrue(queue.addEvent("@releaseDomain", "t"));
        assertTrue(queue.addEvent("@releaseDomain", "t"));
    }

    @Test
    void anEventLongerThanThePayloadLimitIsDropped() {
        OutputQueue queue = new OutputQueue();
        assertFalse(queue.addEvent("/" + "a".repeat(2100), "t".repeat(2000)));
        assertTrue(queue.isEmpty());
    }

    @Test
    void aPartlyWrittenEventStillCountsAsUnsent() throws Exception {
        OutputQueue queue = new OutputQueue();
        queue.addEvent("/a", "t");
        WritableByteChannel oneByte = new WritableByteChannel() {
            private boolean wrote;

            @Override
            public int write(java.nio.ByteBuffer src) {
                if (wrote) {
                    return 0;
                }
                wrote = true;
                src.get();
                return 1;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        assertFalse(queue.writeTo(oneByte));
        assertFalse(queue.addEvent("/a", "t"));
    }

    @Test
    void checkingForDuplicatesDoesNotSlowDownWithTheBacklog() {
        OutputQueue queue = new OutputQueue();
        int backlog = 100_000;
        long start = System.nanoTime();
        for (int i = 0; i < backlog; i++) {
            assertTrue(queue.addEvent("/node/" + i, "token"));
        }
        for (int i = 0; i < backlog; i++) {
            assertFalse(queue.addEvent("/node/" + i, "token"));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // A scan of the queue per event would take billions of comparisons here: minutes, not seconds.
        assertTrue(millis < 5_000, "200 000 events against a backlog of up to 100 000 took " + millis + " ms");
    }
}
