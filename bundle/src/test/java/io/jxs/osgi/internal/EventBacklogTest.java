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
package io.jxs.osgi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jxs.WatchEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The EventAdmin bridge's backlog: bounded, coalescing, in order. */
class EventBacklogTest {

    @Test
    void anEventThatAlreadyWaitsIsCoalescedAndOrderIsKept() throws Exception {
        EventBacklog backlog = new EventBacklog(10);
        backlog.offer(new WatchEvent("/a", "/a"));
        backlog.offer(new WatchEvent("/b", "/b"));
        backlog.offer(new WatchEvent("/a", "/a"));
        assertEquals(1, backlog.coalesced());
        assertEquals(new WatchEvent("/a", "/a"), backlog.take());
        assertEquals(new WatchEvent("/b", "/b"), backlog.take());
        backlog.offer(new WatchEvent("/a", "/a"));
        assertEquals(new WatchEvent("/a", "/a"), backlog.take(), "taken events no longer coalesce");
    }

    @Test
    void pastItsCapacityNewEventsAreDroppedAndCounted() throws Exception {
        EventBacklog backlog = new EventBacklog(2);
        for (int i = 0; i < 1000; i++) {
            backlog.offer(new WatchEvent("/flood/" + i, "/flood"));
        }
        assertEquals(998, backlog.dropped());
        assertEquals("/flood/0", backlog.take().path());
        assertEquals("/flood/1", backlog.take().path());
    }

    @Test
    void closingWakesTheTaker() throws Exception {
        EventBacklog backlog = new EventBacklog(2);
        CompletableFuture<WatchEvent> taker = CompletableFuture.supplyAsync(() -> {
            try {
                return backlog.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        backlog.close();
        assertNull(taker.get(5, TimeUnit.SECONDS));
    }
}
