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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxs.connection.Op;
import io.jxs.connection.Packet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CONTROL and its quota replies, and typed refusals, as the client sends and decodes them, against an
 * in-process fake daemon answering with the daemons' own texts.
 */
class ControlAndRefusalsThroughTheClientTest {
    /** C xenstored 4.17's reply to CONTROL quota with its defaults, as its quota_show_current formats it. */
    static final String C_QUOTA_SETTINGS = "Quota settings:\n"
            + "nodes            :     1000 Nodes per domain\n"
            + "watches          :      128 Watches per domain\n"
            + "transactions     :       10 Transactions per domain\n"
            + "outstanding      :       20 Outstanding requests per domain\n"
            + "transaction-nodes:     1024 Max. number of accessed nodes per transaction\n"
            + "memory           :  2621440 Total Xenstore memory per domain (error level)\n"
            + "node-size        :     2048 Max. size of a node\n"
            + "path-max         :     2048 Max. length of a node path\n"
            + "permissions      :        5 Max. number of permissions per node\n\0";

    private final FakeConnection daemon = new FakeConnection();
    private final Router router = new Router(daemon);
    private final Client client = Client.builder().router(router).requestTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void close() {
        router.terminate();
        client.close();
    }

    /** Runs {@code call} on another thread, answers its one request with {@code answer}, and returns the request. */
    private <T> Packet answered(Function<Client, T> call, Function<Packet, Packet> answer, CompletableFuture<T> result)
            throws Exception {
        CompletableFuture.supplyAsync(() -> call.apply(client)).whenComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure.getCause() != null ? failure.getCause() : failure);
            } else {
                result.complete(value);
            }
        });
        Packet request = daemon.nextRequest();
        daemon.send(answer.apply(request));
        return request;
    }

    private static Function<Packet, Packet> ok(String payload) {
        return request -> new Packet(request.op(), request.rqId(), request.txId(), payload.getBytes());
    }

    private static Function<Packet, Packet> error(String word) {
        return request -> new Packet(Op.ERROR, request.rqId(), request.txId(), (word + "\0").getBytes());
    }

    private static Throwable failure(CompletableFuture<?> result) {
        return assertThrows(ExecutionException.class, () -> result.get(5, TimeUnit.SECONDS)).getCause();
    }

    @Test
    void controlSendsEachWordNulTerminatedAndReturnsTheReplyText() throws Exception {
        CompletableFuture<String> result = new CompletableFuture<>();
        Packet request = answered(c -> c.control("print", "hello world"), ok("OK\0"), result);
        assertEquals(Op.CONTROL, request.op());
        assertEquals("print\0hello world\0", new String(request.payload()));
        assertEquals("OK", result.get(5, TimeUnit.SECONDS));
    }

    @Test
    void controlRefusesBadWordsBeforeSending() {
        assertEquals("CONTROL needs a command", assertThrows(IllegalArgumentException.class, () -> client.control()).getMessage());
        assertEquals("CONTROL argument 1 is null",
                assertThrows(IllegalArgumentException.class, () -> client.control("print", null)).getMessage());
        assertEquals("CONTROL argument 1 contains a NUL byte: 'a|b'",
                assertThrows(IllegalArgumentException.class, () -> client.control("print", "a\0b")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> client.quota(65536));
        assertFalse(daemon.hasRequest());
    }

    @Test
    void quotaParsesCxenstoredsSettings() throws Exception {
        CompletableFuture<QuotaSettings> result = new CompletableFuture<>();
        Packet request = answered(Client::quota, ok(C_QUOTA_SETTINGS), result);
        assertEquals("quota\0", new String(request.payload()));
        QuotaSettings settings = result.get(5, TimeUnit.SECONDS);
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (Quota quota : Quota.values()) {
            expected.put(quota.controlName(), quota.defaultLimit());
        }
        assertEquals(expected, settings.limits());
        assertEquals(OptionalInt.of(128), settings.limit(Quota.WATCHES));
    }

    @Test
    void quotaOnOxenstoredWhichOnlyAcknowledgesSaysSo() throws Exception {
        CompletableFuture<QuotaSettings> result = new CompletableFuture<>();
        answered(Client::quota, ok("OK\0"), result);
        UnexpectedPacketException e = assertInstanceOf(UnexpectedPacketException.class, failure(result));
        assertEquals("CONTROL quota answered 'OK' instead of the quota settings (oxenstored does not report them)",
                e.getMessage());
    }

    @Test
    void domainQuotaParsesCxenstoredsUsage() throws Exception {
        CompletableFuture<DomainQuota> result = new CompletableFuture<>();
        Packet request = answered(c -> c.quota(5), ok("Domain 5:\nnodes           :        6\nwatches         :        0\n"
                + "transactions    :        0\noutstanding     :        0\nmemory          :      376\n\0"), result);
        assertEquals("quota\0005\0", new String(request.payload()));
        DomainQuota quota = result.get(5, TimeUnit.SECONDS);
        assertEquals(Map.of("nodes", 6, "watches", 0, "transactions", 0, "outstanding", 0, "memory", 376), quota.usage());
        assertEquals(6, quota.nodes());
        assertEquals(OptionalInt.of(376), quota.used(Quota.MEMORY));
        assertEquals(OptionalInt.empty(), quota.nodeLimit());
    }

    @Test
    void domainQuotaParsesOxenstoredsNodesAndLimit() throws Exception {
        CompletableFuture<DomainQuota> result = new CompletableFuture<>();
        answered(c -> c.quota(5), ok("dom5 quota: 1000/1000\0"), result);
        DomainQuota quota = result.get(5, TimeUnit.SECONDS);
        assertEquals(1000, quota.nodes());
        assertEquals(OptionalInt.of(1000), quota.nodeLimit());
        assertEquals(OptionalInt.empty(), quota.used(Quota.WATCHES));
        assertEquals(0, DomainQuota.parse(7, "dom7 quota: not set").nodes());
    }

    @Test
    void domainQuotaAboutAnotherDomainIsRefused() {
        assertThrows(UnexpectedPacketException.class, () -> DomainQuota.parse(5, "dom6 quota: 1/1000"));
        assertThrows(UnexpectedPacketException.class, () -> DomainQuota.parse(5, "Domain 6:\nnodes : 1\n"));
        assertThrows(UnexpectedPacketException.class, () -> DomainQuota.parse(5, "OK"));
    }

    @Test
    void aPermissionRefusalNamesTheOperationAndPath() throws Exception {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        answered(c -> c.read("/test/secret"), error("EACCES"), result);
        PermissionDeniedException e = assertInstanceOf(PermissionDeniedException.class, failure(result));
        assertEquals(Op.READ, e.operation());
        assertEquals("EACCES: READ /test/secret: permission denied", e.getMessage());
    }

    @Test
    void aQuotaRefusalInATransactionCountsTheTransactionsNodes() throws Exception {
        CompletableFuture<Transaction> started = new CompletableFuture<>();
        answered(Client::transaction, ok("3\0"), started);
        try (Transaction tx = started.get(5, TimeUnit.SECONDS)) {
            CompletableFuture<Void> write = CompletableFuture.runAsync(() -> tx.write("/local/domain/5/a", "v"));
            Packet request = daemon.nextRequest();
            assertEquals(3, request.txId());
            daemon.error(request, "ENOSPC");
            Throwable cause = assertThrows(ExecutionException.class, () -> write.get(5, TimeUnit.SECONDS)).getCause();
            QuotaExceededException e = assertInstanceOf(QuotaExceededException.class, cause);
            assertEquals(Set.of(Quota.NODES, Quota.NODE_SIZE, Quota.TRANSACTION_NODES), e.quotas());
            CompletableFuture.runAsync(() -> {
                try {
                    daemon.reply(daemon.nextRequest(), "OK\0".getBytes());
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    @Test
    void accessReadsThePermissionsUpToTheNearestExistingNode() throws Exception {
        CompletableFuture<DomainAccess> result = CompletableFuture.supplyAsync(() -> client.access(5, "data/new"));
        Packet first = daemon.nextRequest();
        assertEquals(Op.GET_PERMS, first.op());
        assertEquals("/local/domain/5/data/new\0", new String(first.payload()));
        daemon.error(first, "ENOENT");
        Packet second = daemon.nextRequest();
        assertEquals("/local/domain/5/data\0", new String(second.payload()));
        daemon.error(second, "ENOENT");
        Packet third = daemon.nextRequest();
        assertEquals("/local/domain/5\0", new String(third.payload()));
        daemon.reply(third, "n5\0r0\0".getBytes());
        DomainAccess access = result.get(5, TimeUnit.SECONDS);
        assertEquals("/local/domain/5/data/new", access.path());
        assertFalse(access.exists());
        assertEquals(java.util.EnumSet.allOf(DomainAccess.Operation.class), access.allowed());
        assertFalse(daemon.hasRequest());
    }

    @Test
    void accessOfAnExistingNodeAlsoReadsItsParentOnly() throws Exception {
        CompletableFuture<DomainAccess> result = CompletableFuture.supplyAsync(() -> client.access(5, "/test/pub/hidden"));
        Packet node = daemon.nextRequest();
        daemon.reply(node, "n0\0".getBytes());
        Packet parent = daemon.nextRequest();
        assertEquals("/test/pub\0", new String(parent.payload()));
        daemon.reply(parent, "n0\0r5\0".getBytes());
        DomainAccess access = result.get(5, TimeUnit.SECONDS);
        assertEquals(java.util.EnumSet.of(DomainAccess.Operation.WATCH_EVENTS), access.allowed());
        assertFalse(daemon.hasRequest());
    }
}
