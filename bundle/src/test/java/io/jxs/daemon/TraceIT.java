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
package io.jxs.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import io.jxs.Monitor;
import io.jxs.TraceRecord;
import io.jxs.Transaction;
import io.jxs.XenStoreException;
import io.jxs.connection.Op;
import io.jxs.testing.DaemonPool;
import io.jxs.testing.XenStoreDaemon.Kind;
import io.jxs.testing.XenStoreDaemonExtension;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The traffic trace records what each real daemon answered, with the request's fields. */
@ExtendWith(XenStoreDaemonExtension.class)
class TraceIT {

    private static Client connect(Kind kind, DaemonPool daemons) {
        Client client = Client.unixSocket(daemons.get(kind).socketPath().toString());
        client.connect();
        return client;
    }

    private static TraceRecord only(List<TraceRecord> records, Op op, String path) {
        List<TraceRecord> found = records.stream().filter(r -> r.op() == op && r.path().equals(path)).toList();
        assertEquals(1, found.size(), () -> op + " " + path + " in " + records);
        return found.get(0);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aReadARefusedReadAndAWriteInATransactionAreRecordedWithTheirFields(Kind kind, DaemonPool daemons)
            throws Exception {
        try (Client client = connect(kind, daemons)) {
            client.trace().start(100);
            Instant before = Instant.now();
            client.write("/trace/present", "1");
            int txId;
            try (Transaction transaction = client.transaction()) {
                txId = transaction.id();
                transaction.write("/trace/in-tx", "2");
                assertTrue(transaction.commit());
            }
            assertEquals("1", client.readString("/trace/present"));
            XenStoreException refused = assertThrows(XenStoreException.class, () -> client.read("/trace/missing"));
            assertEquals("ENOENT", refused.errorName());
            Instant after = Instant.now();
            List<TraceRecord> records = client.trace().records();

            TraceRecord read = only(records, Op.READ, "/trace/present");
            assertEquals(0, read.txId());
            assertEquals("", read.error());
            assertTrue(read.latencyNanos() > 0, read::toString);
            assertFalse(read.time().isBefore(before.minusMillis(1)) || read.time().isAfter(after), read::toString);

            TraceRecord missing = only(records, Op.READ, "/trace/missing");
            assertEquals("ENOENT", missing.error());
            assertTrue(missing.refused());

            assertEquals(0, only(records, Op.TRANSACTION_START, "").txId());
            TraceRecord inTx = only(records, Op.WRITE, "/trace/in-tx");
            assertEquals(txId, inTx.txId());
            assertEquals("", inTx.error());
            assertEquals(txId, only(records, Op.TRANSACTION_END, "T").txId());

            assertEquals(List.of(Op.WRITE, Op.TRANSACTION_START, Op.WRITE, Op.TRANSACTION_END, Op.READ, Op.READ),
                    records.stream().map(TraceRecord::op).toList(), "oldest first");
            assertEquals(0, client.trace().dropped());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void watchEventsAreRecordedWithTheirPath(Kind kind, DaemonPool daemons) throws Exception {
        try (Client client = connect(kind, daemons); Monitor monitor = client.monitor()) {
            client.write("/trace/watched", "0");
            client.trace().start(100);
            monitor.watch("/trace/watched", "t");
            monitor.poll(5, TimeUnit.SECONDS); // the event of registration
            client.write("/trace/watched", "1");
            monitor.poll(5, TimeUnit.SECONDS);
            List<TraceRecord> events = client.trace().records().stream().filter(r -> r.op() == Op.WATCH_EVENT).toList();
            assertEquals(2, events.size(), events::toString);
            assertEquals("/trace/watched", events.get(1).path());
            assertEquals(0, events.get(1).latencyNanos());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aStoppedTraceRecordsNothingMoreAndKeepsWhatItHad(Kind kind, DaemonPool daemons) {
        try (Client client = connect(kind, daemons)) {
            client.trace().start(2);
            client.write("/trace/a", "1");
            client.write("/trace/b", "1");
            client.write("/trace/c", "1");
            client.trace().stop();
            client.write("/trace/d", "1");
            assertEquals(List.of("/trace/b", "/trace/c"), client.trace().records().stream().map(TraceRecord::path).toList());
            assertEquals(1, client.trace().dropped());
        }
    }
}
