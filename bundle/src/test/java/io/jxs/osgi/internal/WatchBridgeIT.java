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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jxs.Client;
import io.jxs.XenStoreTimeoutException;
import io.jxs.event.WatchEvents;
import io.jxs.testing.RequiredDaemon;
import io.jxs.testing.XenStoreDaemon;
import io.jxs.testing.XenStoreDaemon.Kind;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** The EventAdmin bridge against a real daemon that stalls. */
class WatchBridgeIT {
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aWatchTheDaemonLeftUnansweredIsTriedAgainUntilItHolds(Kind kind) throws Exception {
        withFrozenDaemon(kind, (daemon, bridge, posted) -> {
            bridge.modified(EndpointTest.config(Map.of("watches", new String[] {"/stalled"})));
            // Longer than the request timeout: the first attempt times out.
            Thread.sleep(REQUEST_TIMEOUT.toMillis() * 3);
            daemon.thaw();
            awaitEventOf(daemon, posted, "/stalled");
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aJmxWatchTheDaemonLeftUnansweredIsKeptAndTriedAgain(Kind kind) throws Exception {
        withFrozenDaemon(kind, (daemon, bridge, posted) -> {
            XenStoreTimeoutException unanswered = assertThrows(XenStoreTimeoutException.class,
                    () -> bridge.watch("/stalled-jmx"));
            assertTrue(unanswered.getMessage().contains("kept and tried again"), unanswered.getMessage());
            daemon.thaw();
            assertTrue(bridge.watched().contains("/stalled-jmx"));
            awaitEventOf(daemon, posted, "/stalled-jmx");
        });
    }

    /** What a test does with a bridge bound to a client of a daemon that was just frozen. */
    private interface FrozenDaemonTest {
        void run(XenStoreDaemon daemon, WatchBridge bridge, BlockingQueue<Event> posted) throws Exception;
    }

    private static void withFrozenDaemon(Kind kind, FrozenDaemonTest test) throws Exception {
        BlockingQueue<Event> posted = new LinkedBlockingQueue<>();
        try (XenStoreDaemon daemon = RequiredDaemon.start(kind);
                Client client = Client.builder().unixSocket(daemon.socketPath()).requestTimeout(REQUEST_TIMEOUT).build()) {
            WatchBridge bridge = new WatchBridge(recordingEventAdmin(posted), EndpointTest.config(Map.of()));
            try {
                bridge.bindStore(client);
                daemon.freeze();
                test.run(daemon, bridge, posted);
            } finally {
                bridge.deactivate();
            }
        }
    }

    /** Writes below the watched path until its event is posted. */
    private static void awaitEventOf(XenStoreDaemon daemon, BlockingQueue<Event> posted, String watched)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            daemon.xenstoreCli("xenstore-write", watched + "/node", "1");
            Event event;
            while ((event = posted.poll(500, TimeUnit.MILLISECONDS)) != null) {
                if ((watched + "/node").equals(event.getProperty(WatchEvents.PATH))) {
                    assertEquals(watched, event.getProperty(WatchEvents.WATCH));
                    return;
                }
            }
        }
        fail("the watch of " + watched + " never came back after the daemon stalled");
    }

    private static EventAdmin recordingEventAdmin(BlockingQueue<Event> posted) {
        return new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                posted.add(event);
            }
        };
    }
}
