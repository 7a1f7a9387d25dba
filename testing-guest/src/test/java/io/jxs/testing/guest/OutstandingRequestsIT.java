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
package io.jxs.testing.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.testing.RequiredDaemon;
import io.jxs.testing.XenStoreDaemon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * C xenstored 4.17's outstanding-requests quota ({@code -Q outstanding=}, 20; XSA-326): a request of a guest stays
 * outstanding while its reply or a watch event it fired is not completely written to the receiver, and C reads no
 * request of a guest with 20 outstanding. So guest 5, whose writes fire events for guest 6's watch while guest 6 does
 * not read, is held; once guest 6 reads, every event arrives in order and guest 5 is answered again. Proven on C over
 * the stand-in's rings and on the embedded store over its domain sockets.
 *
 * <p>Where the thresholds differ, stated rather than hidden: C writes an event into guest 6's 1 KiB ring, and an event
 * of 2 KiB never fits whole, so exactly 20 writes are answered; the store writes to a socket, whose buffer takes many
 * such events before it is full, so more are answered before the 21st outstanding one holds guest 5. oxenstored has no
 * such quota: it holds a domain at 1024 in-flight packets ({@code quota-maxoutstanding}) and bounds the events queued
 * per watch ({@code maxwatchevents}, 1024), not tested here.
 */
class OutstandingRequestsIT {

    private static final Duration REPLY = Duration.ofSeconds(5);
    private static final Duration HELD = Duration.ofSeconds(1);
    private static final String TOKEN = "t".repeat(2000);
    private static final int ENOUGH = 900;

    @Test
    void aWriterIsHeldWhileAWatcherDoesNotReadOnC() throws IOException {
        RequiredDaemon.assumeAvailable(XenStoreDaemon.Kind.XENSTORED);
        try (DiffStore store = DiffStore.xenstored()) {
            int answered = writerHeldThenResumed(store);
            assertEquals(20, answered, "C: the quota exactly, as no 2 KiB event fits the 1 KiB ring");
        }
    }

    @Test
    void aWriterIsHeldWhileAWatcherDoesNotReadOnTheEmbeddedStore() throws IOException {
        try (DiffStore store = DiffStore.embedded()) {
            int answered = writerHeldThenResumed(store);
            assertTrue(answered > 20, "the store: the quota plus the events the watcher's socket buffer took");
        }
    }

    /**
     * Guest 5 writes {@code data/xN} (one event of 2 KiB each for guest 6, which does not read) until a write is not
     * answered within a second; then guest 6 reads: every event in order, and guest 5's held write is answered.
     *
     * @return how many writes were answered before guest 5 was held
     */
    private static int writerHeldThenResumed(DiffStore store) throws IOException {
        RawConnection dom0 = new RawConnection(store.connectDom0());
        for (int domid : new int[] {5, 6}) {
            store.createDomain(domid);
            ok(dom0, Ops.WRITE, "/local/domain/" + domid + "\0");
            ok(dom0, Ops.SET_PERMS, "/local/domain/" + domid + "\0n" + domid + "\0r0\0");
            ok(dom0, Ops.INTRODUCE, domid + "\0" + "1\0" + domid + "\0");
        }
        ok(dom0, Ops.WRITE, "/local/domain/5/data\0");
        ok(dom0, Ops.SET_PERMS, "/local/domain/5/data\0n5\0r6\0");
        RawConnection writer = new RawConnection(store.connect(5));
        RawConnection watcher = new RawConnection(store.connect(6));
        watcher.until(watcher.send(Ops.WATCH, 0, bytes("/local/domain/5/data\0" + TOKEN + "\0")), REPLY);
        assertEquals(1, watcher.until(-1, HELD).size(), "the initial event, after the reply");
        int answered = 0;
        int held = -1;
        for (int i = 0; i < ENOUGH && held < 0; i++) {
            int reqId = writer.send(Ops.WRITE, 0, bytes("data/x" + i + "\0v"));
            List<RawConnection.Message> reply = writer.until(reqId, i < 20 ? REPLY : HELD);
            if (reply.isEmpty()) {
                held = reqId;
            } else {
                assertEquals("OK\0", reply.get(reply.size() - 1).text(), store.name() + " write " + i);
                answered++;
            }
        }
        assertTrue(held > 0, store.name() + " answered " + ENOUGH + " writes while the watcher did not read");
        // The watcher reads: every write's event, in order, and the held write is answered.
        List<RawConnection.Message> events = watcher.until(-1, HELD);
        assertEquals(answered + 1, events.size(), store.name() + ": one event per write, the held one's too");
        for (int i = 0; i <= answered; i++) {
            assertEquals("/local/domain/5/data/x" + i + "\0" + TOKEN + "\0", events.get(i).text(),
                    store.name() + " event " + i);
        }
        List<RawConnection.Message> late = writer.until(held, REPLY);
        assertEquals("OK\0", late.get(late.size() - 1).text(), store.name() + ": the held write, once the watcher read");
        ok(dom0, Ops.CONTROL, "quota\0" + "5\0");
        writer.close();
        watcher.close();
        dom0.close();
        return answered;
    }

    private static void ok(RawConnection connection, int type, String payload) throws IOException {
        List<RawConnection.Message> messages = connection.until(connection.send(type, 0, bytes(payload)), REPLY);
        RawConnection.Message reply = messages.get(messages.size() - 1);
        assertEquals(type, reply.type(), Ops.name(type) + " " + payload.replace('\0', ' ') + ": " + reply.text());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
