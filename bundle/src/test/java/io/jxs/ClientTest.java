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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Permission.Access;
import io.jxs.connection.Op;
import io.jxs.connection.Packet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's request encoding and reply handling, against an in-process fake daemon. */
class ClientTest {
    private final FakeConnection daemon = new FakeConnection();
    private final Router router = new Router(daemon);
    private final Client client = Client.builder().router(router).requestTimeout(Duration.ofSeconds(5)).transactionAttempts(3).build();

    @AfterEach
    void close() {
        // The fake answers nothing by itself: end the connection first, so monitors do not wait to unwatch.
        router.terminate();
        client.close();
    }

    /** Runs {@code call} on another thread and answers its requests with {@code answers}. */
    @SafeVarargs
    private <T> T answered(Function<Client, T> call, Function<Packet, Packet>... answers) throws Exception {
        CompletableFuture<T> result = CompletableFuture.supplyAsync(() -> call.apply(client));
        for (Function<Packet, Packet> answer : answers) {
            daemon.send(answer.apply(daemon.nextRequest()));
        }
        return result.get(5, TimeUnit.SECONDS);
    }

    private static Function<Packet, Packet> ok(String payload) {
        return request -> new Packet(request.op(), request.rqId(), request.txId(), payload.getBytes());
    }

    private static Function<Packet, Packet> error(String word) {
        return request -> new Packet(Op.ERROR, request.rqId(), request.txId(), (word + "\0").getBytes());
    }

    private static String text(Packet packet) {
        return new String(packet.payload());
    }

    @Test
    void writeSendsPathNulAndRawBytes() throws Exception {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> client.write("/k", new byte[] {0, 1, (byte) 0xfe}));
        Packet request = daemon.nextRequest();
        assertEquals(Op.WRITE, request.op());
        assertArrayEquals(new byte[] {'/', 'k', 0, 0, 1, (byte) 0xfe}, request.payload());
        daemon.reply(request, "OK\0".getBytes());
        done.get(5, TimeUnit.SECONDS);
    }

    @Test
    void errorReplyBecomesAnExceptionWithTheDaemonsWord() {
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> client.read("/local/domain/9"));
        try {
            daemon.error(daemon.nextRequest(), "ENOENT");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        XenStoreException e = assertThrows(XenStoreException.class, () -> {
            try {
                read.join();
            } catch (java.util.concurrent.CompletionException c) {
                throw c.getCause();
            }
        });
        assertEquals("ENOENT", e.errorName());
        assertEquals(2, e.errno());
        assertEquals("ENOENT: /local/domain/9", e.getMessage());
    }

    @Test
    void unknownErrorWordsArePassedThrough() throws Exception {
        XenStoreException e = answered(c -> {
            try {
                c.write("/q", "v");
                return null;
            } catch (XenStoreException x) {
                return x;
            }
        }, error("EQUOTA"));
        assertEquals("EQUOTA", e.errorName());
        assertEquals(122, e.errno());
    }

    @Test
    void readWithDefaultReplacesOnlyAMissingNode() throws Exception {
        byte[] fallback = {9};
        assertArrayEquals(fallback, answered(c -> c.read("/x", fallback), error("ENOENT")));
        XenStoreException denied = answered(c -> {
            try {
                c.read("/x", fallback);
                return null;
            } catch (XenStoreException e) {
                return e;
            }
        }, error("EACCES"));
        assertEquals("EACCES", denied.errorName());
    }

    @Test
    void invalidInputIsRefusedBeforeSendingAndTheClientStaysUsable() throws Exception {
        assertThrows(InvalidPathException.class, () -> client.read("/bad path"));
        assertThrows(InvalidPathException.class, () -> client.write("/a/", "v"));
        assertThrows(InvalidPermissionException.class, () -> client.setPerms("/a", List.of()));
        assertThrows(IllegalArgumentException.class, () -> client.introduceDomain(0, 1, 1));
        assertThrows(InvalidPayloadException.class, () -> client.write("/a", new byte[5000]));
        assertFalse(daemon.hasRequest());
        assertEquals("v", answered(c -> c.readString("/a"), ok("v")));
    }

    @Test
    void largeDirectoryFallsBackToDirectoryPartAndRestartsWhenTheGenerationChanges() throws Exception {
        List<String> names = answered(c -> c.list("/big"),
                error("E2BIG"),
                request -> {
                    assertEquals("/big\u00000\u0000", text(request));
                    return ok("7\0a\0bb\0").apply(request);
                },
                request -> {
                    assertEquals("/big\u00005\u0000", text(request));
                    return ok("8\0zz\0").apply(request);
                },
                request -> {
                    assertEquals("/big\u00000\u0000", text(request));
                    return ok("8\0a\0").apply(request);
                },
                request -> {
                    assertEquals("/big\u00002\u0000", text(request));
                    return ok("8\0c\0\0").apply(request);
                });
        assertEquals(List.of("a", "c"), names);
    }

    @Test
    void largeDirectoryOnADaemonWithoutDirectoryPartStaysE2big() {
        XenStoreException e = assertThrows(XenStoreException.class, () -> {
            try {
                answered(c -> c.list("/big"), error("E2BIG"), error("ENOSYS"));
            } catch (java.util.concurrent.ExecutionException x) {
                throw x.getCause();
            }
        });
        assertEquals("E2BIG", e.errorName());
    }

    @Test
    void permissionsAreSentAndParsedInWireForm() throws Exception {
        List<Permission> perms = answered(c -> c.getPerms("/p"), ok("n0\0r5\0b7\0"));
        assertEquals(List.of(new Permission(Access.NONE, 0), new Permission(Access.READ, 5),
                new Permission(Access.BOTH, 7)), perms);
        answered(c -> {
            c.setPerms("/p", perms);
            return null;
        }, request -> {
            assertEquals("/p\0n0\0r5\0b7\0", text(request));
            return ok("OK\0").apply(request);
        });
    }

    @Test
    void inTransactionRetriesTheWholeBodyOnEagain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        String result = answered(c -> c.inTransaction(tx -> {
                    runs.incrementAndGet();
                    return tx.readString("/t");
                }),
                ok("4\0"), request -> {
                    assertEquals(4, request.txId());
                    return ok("old").apply(request);
                }, error("EAGAIN"),
                ok("5\0"), ok("new"), request -> {
                    assertEquals("T\0", text(request));
                    assertEquals(5, request.txId());
                    return ok("OK\0").apply(request);
                });
        assertEquals("new", result);
        assertEquals(2, runs.get());
    }

    @Test
    void inTransactionGivesUpAfterTheConfiguredAttempts() {
        Function<Packet, Packet> start = ok("1\0");
        XenStoreException e = assertThrows(XenStoreException.class, () -> {
            try {
                answered(c -> c.inTransaction(tx -> tx.readString("/t")),
                        start, ok("v"), error("EAGAIN"),
                        start, ok("v"), error("EAGAIN"),
                        start, ok("v"), error("EAGAIN"));
            } catch (java.util.concurrent.ExecutionException x) {
                throw x.getCause();
            }
        });
        assertEquals("EAGAIN", e.errorName());
    }

    @Test
    void endedTransactionRefusesFurtherUse() throws Exception {
        Transaction tx = answered(Client::transaction, ok("3\0"));
        assertEquals(3, tx.id());
        answered(c -> tx.commit(), ok("OK\0"));
        assertThrows(IllegalStateException.class, () -> tx.read("/a"));
        assertThrows(IllegalStateException.class, tx::commit);
        tx.close();
        assertFalse(daemon.hasRequest());
    }

    @Test
    void monitorsSharingAConnectionOnlySeeTheirOwnWatches() throws Exception {
        Monitor first = client.monitor();
        Monitor second = client.monitor();
        Packet firstWatch = answeredRequest(() -> first.watch("/w", "tok"));
        Packet secondWatch = answeredRequest(() -> second.watch("/w", "tok"));
        String firstToken = Payloadless.token(firstWatch);
        String secondToken = Payloadless.token(secondWatch);
        assertFalse(firstToken.equals(secondToken));
        daemon.event("/w/child", firstToken);
        daemon.event("/other", firstToken);
        assertEquals(new WatchEvent("/w/child", "tok"), first.poll(5, TimeUnit.SECONDS));
        assertNull(second.poll(100, TimeUnit.MILLISECONDS));
        assertNull(first.poll(100, TimeUnit.MILLISECONDS));
        assertEquals(java.util.Set.of("/w"), first.watched());
    }

    @Test
    void eventsForUnwatchedPathsAreDropped() throws Exception {
        Monitor monitor = client.monitor();
        String token = Payloadless.token(answeredRequest(() -> monitor.watch("/w", "t")));
        answeredRequest(() -> monitor.unwatch("/w", "t"));
        daemon.event("/w", token);
        assertNull(monitor.poll(100, TimeUnit.MILLISECONDS));
    }

    @Test
    void takeThrowsWhenTheConnectionIsLost() throws Exception {
        Monitor monitor = client.monitor();
        answeredRequest(() -> monitor.watch("/w", "t"));
        CompletableFuture<Throwable> consumer = waitingConsumer(monitor);
        daemon.hangUp();
        assertTrue(consumer.get(5, TimeUnit.SECONDS) instanceof ConnectionException);
        assertThrows(ConnectionException.class, () -> monitor.poll(1, TimeUnit.MILLISECONDS));
    }

    @Test
    void takeThrowsWhenTheClientCloses() throws Exception {
        Monitor monitor = client.monitor();
        client.connect();
        CompletableFuture<Throwable> consumer = waitingConsumer(monitor);
        client.close();
        assertTrue(consumer.get(5, TimeUnit.SECONDS) instanceof ConnectionException);
    }

    @Test
    void domainOperationsUseDecimalArguments() throws Exception {
        answered(c -> {
            c.introduceDomain(5, 0xfeffL, 3);
            return null;
        }, request -> {
            assertEquals(Op.INTRODUCE, request.op());
            assertEquals("5\u000065279\u00003\u0000", text(request));
            return ok("OK\0").apply(request);
        });
        assertEquals(Boolean.TRUE, answered(c -> c.isDomainIntroduced(5), ok("T\0")));
        assertEquals("/local/domain/5", answered(c -> c.getDomainPath(5), ok("/local/domain/5\0")));
    }

    @Test
    void oversizedPayloadIsRefusedEvenBeforeConnecting() {
        FakeConnection unreachable = new FakeConnection();
        unreachable.refuseConnections();
        try (Client offline = new Client(new Router(unreachable))) {
            assertThrows(InvalidPayloadException.class, () -> offline.write("/a", new byte[5000]));
            assertThrows(ConnectionException.class, () -> offline.write("/a", new byte[10]));
        }
    }

    @Test
    void unansweredRequestTimesOutAndItsLateReplyIsIgnored() throws Exception {
        Client impatient = Client.builder().router(router).requestTimeout(Duration.ofMillis(200)).transactionAttempts(1).build();
        XenStoreTimeoutException e = assertThrows(XenStoreTimeoutException.class, () -> impatient.read("/slow"));
        assertEquals("ETIMEDOUT", e.errorName());
        assertTrue(e.getMessage().contains("/slow"), e.getMessage());
        Packet late = daemon.nextRequest();
        daemon.reply(late, "late".getBytes());
        assertEquals("now", answered(c -> c.readString("/next"), ok("now")));
    }

    @Test
    void closingAClientOnASharedRouterUnwatchesAndLeavesTheRouterRunning() throws Exception {
        Client sharing = new Client(router);
        Monitor monitor = sharing.monitor();
        answeredRequest(() -> monitor.watch("/w", "t"));
        CompletableFuture<Void> closed = CompletableFuture.runAsync(sharing::close);
        Packet unwatch = daemon.nextRequest();
        assertEquals(Op.UNWATCH, unwatch.op());
        daemon.reply(unwatch, "OK\0".getBytes());
        closed.get(5, TimeUnit.SECONDS);
        assertTrue(router.isConnected());
        assertThrows(ConnectionException.class, () -> monitor.poll(1, TimeUnit.MILLISECONDS));
        assertThrows(ConnectionException.class, () -> sharing.read("/a"));
    }

    @Test
    void duplicateWatchIsRefusedWithoutSending() throws Exception {
        Monitor monitor = client.monitor();
        answeredRequest(() -> monitor.watch("/w", "t"));
        XenStoreException e = assertThrows(XenStoreException.class, () -> monitor.watch("/w", "t"));
        assertEquals("EEXIST", e.errorName());
        assertThrows(IllegalArgumentException.class, () -> monitor.watch("/w", "bad\0token"));
        assertThrows(InvalidPathException.class, () -> monitor.watch("@unknownSpecial", "t"));
        assertFalse(daemon.hasRequest());
    }

    @Test
    void walkGivesUnreadableNodesAnEmptyValue() throws Exception {
        List<Node> nodes = answered(c -> c.walk("/top").toList(),
                ok("secret\0"), ok("top value"),
                error("EACCES"), error("EACCES"));
        assertEquals(2, nodes.size());
        assertEquals(new Node("/top", "top value".getBytes(), List.of("secret")), nodes.get(0));
        assertEquals(new Node("/top/secret", new byte[0], List.of()), nodes.get(1));
    }

    @Test
    void directoryPartWithNeitherNamesNorEndIsRefused() {
        XenStoreException e = assertThrows(XenStoreException.class, () -> {
            try {
                answered(c -> c.list("/big"), error("E2BIG"), ok("7\0"));
            } catch (java.util.concurrent.ExecutionException x) {
                throw x.getCause();
            }
        });
        assertTrue(e instanceof UnexpectedPacketException, e.toString());
    }

    /** A consumer blocked in {@link Monitor#take()}; completes with what ended its wait. */
    private static CompletableFuture<Throwable> waitingConsumer(Monitor monitor) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                monitor.take();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
    }

    /** Answers the single request {@code action} makes with OK and returns that request. */
    private Packet answeredRequest(Runnable action) throws Exception {
        CompletableFuture<Void> done = CompletableFuture.runAsync(action);
        Packet request = daemon.nextRequest();
        daemon.reply(request, "OK\0".getBytes());
        done.get(5, TimeUnit.SECONDS);
        return request;
    }

    /** Reads the token of a WATCH request. */
    private static final class Payloadless {
        static String token(Packet watch) {
            return io.jxs.protocol.Payloads.split(watch.payload()).get(1);
        }
    }
}
