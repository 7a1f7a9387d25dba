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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The invariants of a monitor's one watch path: callbacks of one queue one at a time, in order, never
 * on the offering thread; an overflow replaced by one event per watch; an end that lets what waited
 * be taken first.
 */
class WatchEventQueueTest {
    private static final List<WatchEvent> WATCHES = List.of(new WatchEvent("/a", "ta"), new WatchEvent("/b", "tb"));
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void shutDown() {
        pool.shutdownNow();
    }

    private static WatchEvent event(int i) {
        return new WatchEvent("/a/" + i, "ta");
    }

    @Test
    void callbacksOfOneQueueRunOneAtATimeInOrderOffTheOfferingThread() throws Exception {
        int events = 20_000;
        AtomicInteger running = new AtomicInteger();
        List<Integer> seen = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(events);
        Thread offering = Thread.currentThread();
        boolean[] wrong = new boolean[1];
        WatchEventQueue queue = new WatchEventQueue(events, event -> true, () -> WATCHES, event -> {
            if (running.incrementAndGet() != 1 || Thread.currentThread() == offering) {
                wrong[0] = true;
            }
            seen.add(Integer.parseInt(event.path().substring(3))); // one callback at a time, each after the last
            running.decrementAndGet();
            all.countDown();
        }, pool);
        for (int i = 0; i < events; i++) {
            queue.offer(event(i));
        }
        assertTrue(all.await(10, TimeUnit.SECONDS));
        assertFalse(wrong[0], "two callbacks overlapped, or one ran on the offering thread");
        for (int i = 0; i < events; i++) { // seen after all.await(): each callback happened before it
            assertEquals(i, seen.get(i));
        }
        assertEquals(0, queue.overflows());
    }

    @Test
    void pastItsCapacityTheWaitingEventsAreReplacedByOnePerWatch() throws Exception {
        WatchEventQueue queue = new WatchEventQueue(3, event -> true, () -> WATCHES, null, null);
        for (int i = 0; i < 4; i++) {
            queue.offer(event(i));
        }
        assertEquals(1, queue.overflows());
        assertEquals(Set.copyOf(WATCHES), Set.of(queue.take(0), queue.take(0)));
        assertNull(queue.take(0));
    }

    @Test
    void anEndedQueueHandsOutWhatWaitedThenTheCause() throws Exception {
        WatchEventQueue queue = new WatchEventQueue(10, event -> !event.path().equals("/a/1"), () -> WATCHES, null, null);
        queue.offer(event(0));
        queue.offer(event(1));
        queue.offer(event(2));
        queue.end(new ConnectionException("gone"));
        queue.offer(event(3));
        assertEquals(event(0), queue.take(-1));
        assertEquals(event(2), queue.take(-1), "an event no longer watched is skipped");
        assertEquals("gone", assertThrows(ConnectionException.class, () -> queue.take(-1)).getMessage());
    }

    @Test
    void aWaitingTakerIsWokenByAnEventAndByTheEnd() throws Exception {
        WatchEventQueue queue = new WatchEventQueue(10, event -> true, () -> WATCHES, null, null);
        Thread offerer = new Thread(() -> {
            sleep(50);
            queue.offer(event(7));
            sleep(50);
            queue.end(new ConnectionException("closed"));
        });
        offerer.start();
        assertEquals(event(7), queue.take(TimeUnit.SECONDS.toNanos(5)));
        assertThrows(ConnectionException.class, () -> queue.take(TimeUnit.SECONDS.toNanos(5)));
        offerer.join();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
