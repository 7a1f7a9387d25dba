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
package io.jxs.itests;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.jxs.event.WatchEvents;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.remote.JMXConnector;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * A flood of watch events through the EventAdmin bridge, in a container of its own: it leaves up to
 * 10,000 events to post and tens of thousands of nodes behind, which the other tests need not share.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class WatchFloodTestBase extends JxsInKarafSupport {

    @Test
    public void aWatchEventFloodLeavesTheHeapBounded() throws Exception {
        // A handler that takes a millisecond per event against a writer with no pause: without bounds,
        // every event would wait in the heap (about 125 MB for a 15 s flood before the bridge was bounded).
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, WatchEvents.TOPIC);
        properties.put(EventConstants.EVENT_FILTER, "(" + WatchEvents.WATCH + "=/itest/flood)");
        properties.put(WatchEvents.WATCH_PROPERTY, "/itest/flood");
        ServiceRegistration<EventHandler> slow = bundleContext.registerService(EventHandler.class, event -> {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, properties);
        try (io.jxs.Client writer = io.jxs.Client.unixSocket(daemon.socketPath().toString());
                JMXConnector connector = getJMXConnector()) {
            long before = usedHeapAfterGc();
            // Distinct paths (the backlog coalesces events of one path), at most 100 children per node
            // (the C daemon slows down as one node's children grow), written until the bridge has had
            // to drop events, however fast this machine's daemon is, and for 10 s more.
            long deadline = System.currentTimeMillis() + 60_000;
            long firstOverflowAt = 0;
            int writes = 0;
            long overflows = 0;
            while (System.currentTimeMillis() < (firstOverflowAt == 0 ? deadline : firstOverflowAt + 10_000)) {
                List<java.util.concurrent.CompletableFuture<Void>> batch = new ArrayList<>();
                for (int i = 0; i < 256; i++, writes++) {
                    batch.add(writer.async().write("/itest/flood/" + writes / 100 + "/n" + writes % 100, "x"));
                }
                batch.forEach(java.util.concurrent.CompletableFuture::join);
                overflows = (Long) connector.getMBeanServerConnection().getAttribute(mbeanName(), "WatchEventOverflows");
                if (overflows > 0 && firstOverflowAt == 0) {
                    firstOverflowAt = System.currentTimeMillis();
                }
            }
            long grown = usedHeapAfterGc() - before;
            System.out.printf("flood: %d writes, heap grew %d KB, overflows %d%n", writes, grown / 1024, overflows);
            assertTrue("no overflow was counted in " + writes + " writes in 60 s", overflows > 0);
            assertTrue("the heap grew by " + grown / (1024 * 1024) + " MB", grown < 48L * 1024 * 1024);
        } finally {
            slow.unregister();
            awaitEventAdminBacklogDrained();
            store.delete("/itest/flood");
        }
    }

    /**
     * Waits until the EventAdmin bridge has posted what a flood left in its backlog (up to 10,000 events),
     * so that the tests after this one get their events at once: the registration event of a new watch
     * is posted after everything queued before it.
     */
    private void awaitEventAdminBacklogDrained() throws InterruptedException {
        BlockingQueue<Event> marker = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> registration = registerHandler(marker, "/itest/drained", "/itest/drained");
        try {
            assertNotNull("the bridge's backlog did not drain", marker.poll(180, TimeUnit.SECONDS));
        } finally {
            registration.unregister();
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
