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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.connection.Op;
import io.jxs.connection.Packet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The requests in flight: ids, generations, and what is forgotten when. */
class InFlightTest {
    private final InFlight inFlight = new InFlight();

    private static Request<Packet> request(long deadline) {
        return new Request<>(Op.READ, 0, Request.ANY_CONNECTION, new byte[] {'/', 0}, "/", Function.identity(),
                deadline, 1, false);
    }

    @Test
    void everyRequestGetsItsOwnIdAndTheCurrentGeneration() {
        Request<Packet> first = request(Request.NO_DEADLINE);
        Request<Packet> second = request(Request.NO_DEADLINE);
        inFlight.register(first);
        inFlight.nextGeneration();
        inFlight.register(second);
        assertNotEquals(first.rqId(), second.rqId());
        assertEquals(0, first.generation());
        assertEquals(1, second.generation());
        assertSame(first, inFlight.answered(first.rqId()));
        assertNull(inFlight.answered(first.rqId()), "a reply is taken once");
    }

    @Test
    void anOverdueRequestNotWrittenIsFailedAndForgotten() {
        Request<Packet> overdue = request(System.nanoTime() - 1);
        inFlight.register(overdue);
        inFlight.expireOverdue(System.nanoTime());
        assertTrue(overdue.isCompletedExceptionally());
        assertTrue(inFlight.isEmpty());
    }

    @Test
    void anOverdueRequestAlreadyWrittenStaysUntilItsReplyGivesBackItsCharge() {
        Request<Packet> overdue = request(System.nanoTime() - 1);
        inFlight.register(overdue);
        overdue.claimForWrite();
        overdue.endWrite();
        inFlight.expireOverdue(System.nanoTime());
        assertTrue(overdue.isCompletedExceptionally());
        assertSame(overdue, inFlight.answered(overdue.rqId()));
    }

    @Test
    void failAllFailsAndForgetsEveryRequest() {
        Request<Packet> written = request(Request.NO_DEADLINE);
        Request<Packet> queued = request(Request.NO_DEADLINE);
        inFlight.register(written);
        inFlight.register(queued);
        written.claimForWrite();
        written.endWrite();
        inFlight.failAll(new ConnectionException("lost"));
        assertTrue(written.isCompletedExceptionally());
        assertTrue(queued.isCompletedExceptionally());
        assertTrue(inFlight.isEmpty());
    }
}
