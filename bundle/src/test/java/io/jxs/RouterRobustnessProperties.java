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
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.connection.Op;
import io.jxs.connection.Packet;
import io.jxs.connection.StreamConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

/**
 * Whatever bytes come from the daemon (well-framed replies to real, unknown or wrong requests, unknown
 * types, absurd or negative lengths, truncated frames, garbage), the router never hands a request
 * the reply of another, never dies without failing every caller, and never allocates what a length
 * field asks for beyond the frame limit.
 */
class RouterRobustnessProperties {
    private static final int REQUESTS = 8;

    /** A connection whose incoming bytes the property writes, and whose outgoing ones are dropped. */
    private static final class ScriptedConnection extends StreamConnection {
        final PipedOutputStream daemon = new PipedOutputStream();

        @Override
        protected Streams open(Duration timeout) throws IOException {
            PipedInputStream in = new PipedInputStream(daemon, 1 << 16);
            OutputStream out = OutputStream.nullOutputStream();
            return new Streams(in, out, in);
        }

        @Override
        public String describe() {
            return "scripted";
        }
    }

    @Provide
    Arbitrary<List<byte[]>> streams() {
        return segment().list().ofMaxSize(24);
    }

    private Arbitrary<byte[]> segment() {
        Arbitrary<Integer> rqIds = Arbitraries.integers().between(-2, REQUESTS + 3);
        Arbitrary<Integer> types = Arbitraries.oneOf(Arbitraries.of(Op.READ.code(), Op.WRITE.code(), Op.ERROR.code(),
                Op.WATCH_EVENT.code(), Op.DIRECTORY.code()), Arbitraries.integers().between(-5, 70000));
        Arbitrary<byte[]> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> wellFramed = Combinators.combine(types, rqIds, payloads).as(RouterRobustnessProperties::frame);
        Arbitrary<byte[]> absurdLength = Combinators.combine(types, rqIds,
                Arbitraries.oneOf(Arbitraries.integers().lessOrEqual(-1), Arbitraries.integers().greaterOrEqual((1 << 20) + 1)))
                .as((type, rqId, length) -> header(type, rqId, length));
        Arbitrary<byte[]> truncated = wellFramed.map(frame -> java.util.Arrays.copyOf(frame, Math.max(1, frame.length / 2)));
        Arbitrary<byte[]> garbage = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, wellFramed),
                net.jqwik.api.Tuple.of(1, absurdLength),
                net.jqwik.api.Tuple.of(1, truncated),
                net.jqwik.api.Tuple.of(1, garbage));
    }

    @Property(tries = 150)
    void noRequestGetsAnotherOnesReplyAndEveryCallerIsAnswered(
            @ForAll("streams") List<byte[]> segments) throws Exception {
        ScriptedConnection connection = new ScriptedConnection();
        Router router = new Router(connection);
        router.start(Duration.ofSeconds(5));
        try {
            List<CompletableFuture<Packet>> replies = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                // A fresh router numbers its requests 1, 2, ...: request i has id i + 1 and alternates READ and WRITE.
                replies.add(router.send(new Packet(i % 2 == 0 ? Op.READ : Op.WRITE, 0, 0, new byte[] {'x', 0})));
            }
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            segments.forEach(stream::writeBytes);
            connection.daemon.write(stream.toByteArray());
            connection.daemon.close(); // the daemon goes away: every request still pending must fail
            for (int i = 0; i < REQUESTS; i++) {
                Op expected = i % 2 == 0 ? Op.READ : Op.WRITE;
                try {
                    Packet reply = replies.get(i).get(5, TimeUnit.SECONDS);
                    assertEquals(i + 1, reply.rqId(), "reply of another request");
                    assertTrue(reply.op() == expected || reply.op() == Op.ERROR, "reply of the wrong type: " + reply);
                } catch (ExecutionException e) {
                    assertTrue(e.getCause() instanceof XenStoreException, "not a XenStoreException: " + e.getCause());
                }
            }
            assertTrue(waitUntil(router::isTerminated), "the router did not end with its connection");
        } finally {
            router.terminate();
        }
    }

    private static boolean waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    static byte[] header(int type, int rqId, int length) {
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(type).putInt(rqId).putInt(0).putInt(length).array();
    }

    static byte[] frame(int type, int rqId, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(16 + payload.length).order(ByteOrder.nativeOrder());
        frame.put(header(type, rqId, payload.length)).put(payload);
        return frame.array();
    }
}
