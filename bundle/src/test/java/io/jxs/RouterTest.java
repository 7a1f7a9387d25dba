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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.connection.Op;
import io.jxs.connection.Packet;
import io.jxs.connection.UnknownTypeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final FakeConnection daemon = new FakeConnection();
    private final Router router = new Router(daemon);

    @AfterEach
    void terminate() {
        router.terminate();
    }

    private static Packet read(String path) {
        return new Packet(Op.READ, 0, 0, (path + "\0").getBytes());
    }

    private static Throwable failure(CompletableFuture<Packet> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void pipelinedRequestsAreMatchedByRequestIdInAnyOrder() throws Exception {
        router.start(TIMEOUT);
        CompletableFuture<Packet> first = router.send(read("/a"));
        CompletableFuture<Packet> second = router.send(read("/b"));
        Packet a = daemon.nextRequest();
        Packet b = daemon.nextRequest();
        assertNotEquals(a.rqId(), b.rqId());
        daemon.reply(b, "B".getBytes());
        daemon.reply(a, "A".getBytes());
        assertArrayEquals("A".getBytes(), first.get(5, TimeUnit.SECONDS).payload());
        assertArrayEquals("B".getBytes(), second.get(5, TimeUnit.SECONDS).payload());
    }

    @Test
    void oversizedPayloadFailsInSendBeforeAnythingIsWritten() {
        router.start(TIMEOUT);
        Packet big = new Packet(Op.WRITE, 0, 0, new byte[4097]);
        InvalidPayloadException e = assertThrows(InvalidPayloadException.class, () -> router.send(big));
        assertTrue(e.getMessage().contains("4097"), e.getMessage());
        assertFalse(daemon.hasRequest());
    }

    @Test
    void payloadLimitIsTheTransports() throws Exception {
        FakeConnection xenbus = new FakeConnection(4080);
        Router limited = new Router(xenbus);
        limited.start(TIMEOUT);
        try {
            assertThrows(InvalidPayloadException.class, () -> limited.send(new Packet(Op.WRITE, 0, 0, new byte[4081])));
            limited.send(new Packet(Op.WRITE, 0, 0, new byte[4080]));
            assertEquals(4080, xenbus.nextRequest().payload().length);
        } finally {
            limited.terminate();
        }
    }

    @Test
    void replyOfTheWrongTypeFailsThatRequestOnly() throws Exception {
        router.start(TIMEOUT);
        CompletableFuture<Packet> reply = router.send(read("/a"));
        Packet request = daemon.nextRequest();
        daemon.send(new Packet(Op.WRITE, request.rqId(), 0, "OK\0".getBytes()));
        assertInstanceOf(UnexpectedPacketException.class, failure(reply));
        CompletableFuture<Packet> next = router.send(read("/b"));
        daemon.reply(daemon.nextRequest(), "v".getBytes());
        assertArrayEquals("v".getBytes(), next.get(5, TimeUnit.SECONDS).payload());
    }

    @Test
    void replyOfTypeInvalidFailsThatRequestOnly() throws Exception {
        router.start(TIMEOUT);
        CompletableFuture<Packet> reply = router.send(read("/a"));
        Packet request = daemon.nextRequest();
        daemon.send(new Packet(Op.INVALID, request.rqId(), 0, new byte[0]));
        assertInstanceOf(UnexpectedPacketException.class, failure(reply));
        assertTrue(router.isConnected());
    }

    @Test
    void unknownOperationCodeInAReplyFailsThatRequestOnly() throws Exception {
        router.start(TIMEOUT);
        CompletableFuture<Packet> reply = router.send(read("/a"));
        Packet request = daemon.nextRequest();
        daemon.fail(new UnknownTypeException(99, request.rqId()));
        assertInstanceOf(InvalidOperationException.class, failure(reply));
        assertTrue(router.isConnected());
        CompletableFuture<Packet> next = router.send(read("/b"));
        daemon.reply(daemon.nextRequest(), "v".getBytes());
        assertArrayEquals("v".getBytes(), next.get(5, TimeUnit.SECONDS).payload());
    }

    @Test
    void anErrorThatEndsTheReaderStillFailsPendingRequests() throws Exception {
        router.start(TIMEOUT);
        CompletableFuture<Packet> pending = router.send(read("/a"));
        daemon.nextRequest();
        daemon.fail(new StackOverflowError("simulated"));
        assertInstanceOf(ConnectionException.class, failure(pending));
        assertFalse(router.isConnected());
        assertInstanceOf(ConnectionException.class, failure(router.send(read("/b"))));
    }

    @Test
    void watchEventsGoToListenersAndDoNotDisturbReplies() throws Exception {
        List<WatchEvent> events = new CopyOnWriteArrayList<>();
        router.addListener(new Router.Listener() {
            @Override
            public void watchEvent(WatchEvent event) {
                events.add(event);
            }

            @Override
            public void disconnected(ConnectionException cause) {
            }
        });
        router.start(TIMEOUT);
        CompletableFuture<Packet> reply = router.send(read("/a"));
        Packet request = daemon.nextRequest();
        daemon.event("/a", "tok");
        daemon.reply(request, "x".getBytes());
        reply.get(5, TimeUnit.SECONDS);
        assertEquals(List.of(new WatchEvent("/a", "tok")), events);
    }

    @Test
    void lostConnectionFailsPendingAndLaterRequestsAndTellsListeners() throws Exception {
        CompletableFuture<ConnectionException> told = new CompletableFuture<>();
        router.addListener(new Router.Listener() {
            @Override
            public void watchEvent(WatchEvent event) {
            }

            @Override
            public void disconnected(ConnectionException cause) {
                told.complete(cause);
            }
        });
        router.start(TIMEOUT);
        CompletableFuture<Packet> pending = router.send(read("/a"));
        daemon.nextRequest();
        daemon.hangUp();
        assertInstanceOf(ConnectionException.class, failure(pending));
        assertInstanceOf(ConnectionException.class, failure(router.send(read("/b"))));
        assertInstanceOf(ConnectionException.class, told.get(5, TimeUnit.SECONDS));
        assertFalse(router.isConnected());
    }

    @Test
    void terminateFailsPendingRequestsAndCannotBeUndone() {
        router.start(TIMEOUT);
        CompletableFuture<Packet> pending = router.send(read("/a"));
        router.terminate();
        assertInstanceOf(ConnectionException.class, failure(pending));
        assertThrows(ConnectionException.class, () -> router.start(TIMEOUT));
        router.terminate();
    }

    @Test
    void requestsBeforeStartFail() {
        assertInstanceOf(ConnectionException.class, failure(router.send(read("/a"))));
    }
}
