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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.connection.Op;
import io.jxs.connection.Packet;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The write path writes a request only on the connection generation it was registered in. */
class WritePathGenerationTest {
    private final FakeConnection connection = fakeWithWindow();
    private final InFlight inFlight = new InFlight();
    private final WritePath writePath = new WritePath(connection, inFlight, () -> 0, new WritePath.Events() {
        @Override
        public void written(Request<?> request) {
        }

        @Override
        public void writeFailed(IOException e) {
        }

        @Override
        public void transportFailed(ConnectionException failure) {
        }
    });

    private static FakeConnection fakeWithWindow() {
        FakeConnection fake = new FakeConnection();
        fake.bufferUnanswered(4); // a window: requests are written on the caller's thread
        return fake;
    }

    private static Request<Packet> read(String path) {
        return new Request<>(Op.READ, 0, Request.ANY_CONNECTION, (path + "\0").getBytes(), path, Function.identity(),
                Request.NO_DEADLINE, 0, false);
    }

    @Test
    void aRequestRegisteredBeforeANewGenerationFailsInsteadOfGoingOutOnTheNewConnection() throws Exception {
        connection.connect(Duration.ofSeconds(1));
        Request<Packet> stale = read("/stale");
        inFlight.register(stale);
        writePath.nextGeneration(); // the connection was lost and is being opened again
        writePath.submit(stale);
        ExecutionException failure = assertThrows(ExecutionException.class, stale::get);
        assertTrue(failure.getCause() instanceof ConnectionException, failure.getCause().toString());
        assertFalse(connection.hasRequest());
        assertTrue(inFlight.isEmpty());

        Request<Packet> fresh = read("/fresh");
        inFlight.register(fresh);
        writePath.submit(fresh);
        assertEquals(fresh.rqId(), connection.nextRequest().rqId());
        assertEquals(1, writePath.unanswered());
    }
}
