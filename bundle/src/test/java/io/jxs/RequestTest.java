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
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.connection.Op;
import io.jxs.connection.Packet;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A request's stages: written at most once, never after it failed, on its own connection generation. */
class RequestTest {
    private static Request<Packet> request(int generation) {
        return new Request<>(Op.READ, 0, generation, new byte[] {'/', 0}, "/", Function.identity(), Request.NO_DEADLINE, 0,
                false);
    }

    @Test
    void aRequestFailedBeforeItWasClaimedCanNeverBeClaimed() {
        Request<Packet> request = request(Request.ANY_CONNECTION);
        assertTrue(request.fail(new ConnectionException("lost")));
        assertFalse(request.claimForWrite());
        assertFalse(request.isWritten());
    }

    @Test
    void aRequestIsClaimedOnce() {
        Request<Packet> request = request(Request.ANY_CONNECTION);
        assertTrue(request.claimForWrite());
        assertFalse(request.claimForWrite());
    }

    @Test
    void aFailureWhileTheRequestIsWrittenIsDeliveredOnlyOnceTheWriteReturned() throws Exception {
        Request<Packet> request = request(Request.ANY_CONNECTION);
        assertTrue(request.claimForWrite());
        ConnectionException lost = new ConnectionException("lost");
        assertTrue(request.fail(lost));
        assertFalse(request.isDone(), "the caller must not see the failure while the request is being written");
        assertFalse(request.fail(new ConnectionException("again")), "a second failure changes nothing");
        request.endWrite();
        ExecutionException failure = assertThrows(ExecutionException.class, request::get);
        assertSame(lost, failure.getCause());
        assertTrue(request.isWritten());
    }

    @Test
    void completingExceptionallyOrCancellingGoesThroughTheSameStages() {
        Request<Packet> failed = request(Request.ANY_CONNECTION);
        failed.completeExceptionally(new IllegalStateException("from a chained stage"));
        assertFalse(failed.claimForWrite());
        Request<Packet> cancelled = request(Request.ANY_CONNECTION);
        assertTrue(cancelled.cancel(false));
        assertTrue(cancelled.isCancelled());
        assertFalse(cancelled.claimForWrite());
    }

    @Test
    void aRequestOutsideATransactionBelongsToTheGenerationItWasRegisteredIn() {
        Request<Packet> request = request(Request.ANY_CONNECTION);
        request.register(7, 3);
        assertEquals(7, request.rqId());
        assertEquals(3, request.generation());
    }

    @Test
    void aTransactionsRequestBelongsToItsTransactionsGenerationWhateverTheCurrentOne() {
        Request<Packet> request = request(2);
        request.register(7, 3);
        assertEquals(2, request.generation());
    }
}
