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
package io.jxs.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Domain 5 on its own socket gets C xenstored 4.17's answers: the rows of {@code guest-domains.md} (C column), named by
 * their ids. The setup is the reference's: dom0 writes {@code /local/domain/5} [n5 r0], INTRODUCE 5, and
 * {@code /test} [n0] with {@code secret} [n0], {@code pub} [n0 r5], {@code wo} [n0 w5], {@code open} [n0 b5].
 */
@Timeout(60) // a domain the store holds (C's domain_can_read) never answers: fail, not hang
class GuestDomainTest {

    @TempDir
    Path dir;
    private EmbeddedXenStore store;
    private RawClient dom0;
    private RawClient guest;

    @BeforeEach
    void introduceDomain5() throws IOException {
        store = new EmbeddedXenStore(dir.resolve("socket")).start();
        store.createDomain(5);
        dom0 = new RawClient(store.socketPath());
        ok(dom0, Wire.WRITE, "/local/domain/5\0");
        ok(dom0, Wire.SET_PERMS, "/local/domain/5\0n5\0r0\0");
        ok(dom0, Wire.INTRODUCE, "5\0001\0005\0");
        for (String[] node : new String[][] {{"/test", "n0"}, {"/test/secret", "n0"}, {"/test/pub", "n0\0r5"},
            {"/test/wo", "n0\0w5"}, {"/test/open", "n0\0b5"}}) {
            ok(dom0, Wire.WRITE, node[0] + "\0" + NodePaths.basename(node[0]));
            ok(dom0, Wire.SET_PERMS, node[0] + "\0" + node[1] + "\0");
        }
        guest = new RawClient(store.domainSocketPath(5));
    }

    @AfterEach
    void close() throws IOException {
        guest.close();
        dom0.close();
        store.close();
    }

    private static String reply(RawClient client, int type, String payload) throws IOException {
        RawClient.Message message = client.call(type, payload);
        String text = message.text();
        return message.type() == Wire.ERROR ? text.substring(0, text.length() - 1) : text;
    }

    private static void ok(RawClient client, int type, String payload) throws IOException {
        String answer = reply(client, type, payload);
        if (answer.startsWith("E")) {
            throw new AssertionError(Outcome.typeName(type) + " " + payload + " -> " + answer);
        }
    }

    @Test
    void domainSocketExistsFromIntroduceToRelease() throws IOException {
        assertTrue(Files.exists(store.domainSocketPath(5)));
        assertEquals(store.socketPath().resolveSibling("5").resolve("socket"), store.domainSocketPath(5));
        ok(dom0, Wire.RELEASE, "5\0");
        assertFalse(Files.exists(store.domainSocketPath(5)));
    }

    @Test
    void guestWritesAndReadsItsHomeWithRelativePathsA4toA12() throws IOException {
        assertEquals("OK\0", reply(guest, Wire.WRITE, "/local/domain/5/data/x\0hello"));
        assertEquals("hello", reply(guest, Wire.READ, "/local/domain/5/data/x\0"));
        assertEquals("OK\0", reply(guest, Wire.WRITE, "data/y\0rel"));
        assertEquals("rel", reply(dom0, Wire.READ, "/local/domain/5/data/y\0"));
        assertEquals("x\0y\0", reply(guest, Wire.DIRECTORY, "data\0"));
        assertEquals("n5\0r0\0", reply(guest, Wire.GET_PERMS, "data/x\0"));
        assertEquals("ENOENT", reply(guest, Wire.READ, "data/nope\0"));
    }

    @Test
    void permissionErrorsAreCsB1toB16() throws IOException {
        assertEquals("EACCES", reply(guest, Wire.WRITE, "/local/domain/0/x\0v"));
        assertEquals("EACCES", reply(guest, Wire.READ, "/local/domain/0\0"));
        assertEquals("EACCES", reply(guest, Wire.READ, "/test/secret\0"));
        assertEquals("EACCES", reply(guest, Wire.DIRECTORY, "/test\0"));
        assertEquals("EACCES", reply(guest, Wire.GET_PERMS, "/test/secret\0"));
        assertEquals("EACCES", reply(guest, Wire.WRITE, "/test/secret\0v"));
        assertEquals("EACCES", reply(guest, Wire.WRITE, "/test/secret/child\0v"));
        assertEquals("EACCES", reply(guest, Wire.RM, "/test/secret\0"));
        assertEquals("EACCES", reply(guest, Wire.SET_PERMS, "/test/secret\0n5\0"));
        assertEquals("EACCES", reply(guest, Wire.READ, "/test/missing\0"), "b10");
        assertEquals("EACCES", reply(guest, Wire.READ, "/nonexistent/deep\0"), "b11");
        assertEquals("pub", reply(guest, Wire.READ, "/test/pub\0"));
        assertEquals("EACCES", reply(guest, Wire.WRITE, "/test/pub\0v"));
        assertEquals("EACCES", reply(guest, Wire.READ, "/test/wo\0"));
        assertEquals("OK\0", reply(guest, Wire.WRITE, "/test/wo\0v"));
        assertEquals("OK\0", reply(guest, Wire.WRITE, "/test/open\0v"));
        assertEquals("OK\0", reply(guest, Wire.WRITE, "/test/open/kid\0v"));
        assertEquals("n5\0b5\0", reply(dom0, Wire.GET_PERMS, "/test/open/kid\0"), "b16c: the creator owns it");
        assertEquals("EACCES", reply(guest, Wire.MKDIR, "/local/domain/6\0"));
        assertEquals("EACCES", reply(guest, Wire.WRITE, "/\0v"));
    }

    @Test
    void ownerChangesByTheGuestAreRefusedB17B18B18b() throws IOException {
        store.createDomain(9);
        ok(guest, Wire.WRITE, "data/x\0v");
        assertEquals("OK\0", reply(guest, Wire.SET_PERMS, "data/x\0n5\0r0\0"));
        assertEquals("EPERM", reply(guest, Wire.SET_PERMS, "data/x\0n0\0"));
        assertEquals("ENOENT", reply(guest, Wire.SET_PERMS, "data/x\0n7\0"));
        assertEquals("EPERM", reply(guest, Wire.SET_PERMS, "data/x\0n9\0"));
    }

    @Test
    void privilegedOperationsAreRefusedB21toB31() throws IOException {
        for (int type : new int[] {Wire.INTRODUCE, Wire.RELEASE, Wire.SET_TARGET, Wire.IS_DOMAIN_INTRODUCED,
            Wire.RESUME, Wire.CONTROL}) {
            assertEquals("EACCES", reply(guest, type, "5\0"), Outcome.typeName(type));
        }
        assertEquals("EACCES", reply(guest, Wire.SET_PERMS, "@introduceDomain\0n5\0"), "b29");
        assertEquals("EINVAL", reply(guest, Wire.GET_PERMS, "@introduceDomain\0"), "b30");
        assertEquals("ENOSYS", reply(guest, 99, "x\0"), "b31");
        assertEquals("EINVAL", reply(guest, Wire.READ, "data/\0"), "b33");
    }

    @Test
    void ownerMustExistInTheHypervisorA0() throws IOException {
        assertEquals("ENOENT", reply(dom0, Wire.SET_PERMS, "/test\0n7\0"));
        store.createDomain(7);
        assertEquals("OK\0", reply(dom0, Wire.SET_PERMS, "/test\0n7\0"));
    }

    @Test
    void eventsAreFilteredByReadPermissionD1toD6() throws IOException {
        List<RawClient.Message> initial = guest.until(guest.send(Wire.WATCH, 0, bytes("/test/secret\0sec\0")));
        initial.add(guest.read());
        assertEquals("/test/secret\0sec\0", initial.get(initial.size() - 1).text(), "the initial event is sent");
        ok(guest, Wire.WATCH, "/test/pub\0pub\0");
        assertEquals("/test/pub\0pub\0", guest.read().text());
        ok(dom0, Wire.WRITE, "/test/secret\0changed");
        ok(dom0, Wire.WRITE, "/test/pub\0changed");
        RawClient.Message next = guest.read();
        assertEquals("/test/pub\0pub\0", next.text(), "no event for the unreadable node, one for the readable one");
        guest.until(guest.send(Wire.WATCH, 0, bytes("data\0rel\0")));
        assertEquals("data\0rel\0", guest.read().text());
        ok(dom0, Wire.WRITE, "/local/domain/5/data/z\0v");
        assertEquals("data/z\0rel\0", guest.read().text(), "relative event path");
    }

    @Test
    void specialEventsNeedReadPermissionD7toD10() throws IOException {
        store.createDomain(6);
        guest.until(guest.send(Wire.WATCH, 0, bytes("@introduceDomain\0intro\0")));
        assertEquals("@introduceDomain\0intro\0", guest.read().text());
        ok(dom0, Wire.INTRODUCE, "6\0001\0006\0");
        ok(dom0, Wire.RELEASE, "6\0");
        ok(dom0, Wire.SET_PERMS, "@introduceDomain\0n0\0r5\0");
        ok(dom0, Wire.INTRODUCE, "6\0001\0006\0");
        ok(guest, Wire.READ, "data\0".replace("data", "/local/domain/5"));
        // The only event before that reply is the one allowed by [n0 r5].
        List<RawClient.Message> messages = guest.until(guest.send(Wire.READ, 0, bytes("/local/domain/5\0")));
        List<String> events = new ArrayList<>();
        for (RawClient.Message m : messages) {
            if (m.isEvent()) {
                events.add(m.text());
            }
        }
        assertTrue(events.isEmpty() || events.equals(List.of("@introduceDomain\0intro\0")), events.toString());
    }

    @Test
    void quirk129WatchesAcceptedThenE2bigC1() throws IOException {
        for (int i = 0; i < 129; i++) {
            guest.until(guest.send(Wire.WATCH, 0, bytes("data\0t" + i + "\0")));
        }
        assertEquals("E2BIG", reply(guest, Wire.WATCH, "data\0t129\0"));
    }

    @Test
    void quirk11TransactionsThenEnospcC2() throws IOException {
        for (int i = 0; i < 11; i++) {
            ok(guest, Wire.TRANSACTION_START, "\0");
        }
        assertEquals("ENOSPC", reply(guest, Wire.TRANSACTION_START, "\0"));
        ok(guest, Wire.RESET_WATCHES, "");
        ok(guest, Wire.TRANSACTION_START, "\0");
    }

    @Test
    void quirk422FlatChildrenFillTheParentsRecordC3() throws IOException {
        ok(guest, Wire.WRITE, "data/x\0hello");
        ok(guest, Wire.WRITE, "data/y\0rel");
        ok(guest, Wire.WRITE, "data/t\0t");
        int accepted = 0;
        while (reply(guest, Wire.WRITE, "data/n" + accepted + "\0v").equals("OK\0")) {
            accepted++;
        }
        assertEquals(422, accepted);
        assertEquals("ENOSPC", reply(guest, Wire.WRITE, "data/n" + accepted + "\0v"));
        assertEquals("OK\0", reply(dom0, Wire.WRITE, "/local/domain/5/data/bydom0\0v"), "dom0 is exempt");
    }

    @Test
    void quirkValueMax2007BytesC4() throws IOException {
        assertEquals("OK\0", reply(guest, Wire.WRITE, "data/v\0" + "a".repeat(2007)));
        assertEquals("ENOSPC", reply(guest, Wire.WRITE, "data/v\0" + "a".repeat(2008)));
        assertEquals("OK\0", reply(dom0, Wire.WRITE, "/local/domain/5/big\0" + "a".repeat(4000)), "c4c");
    }

    @Test
    void nodeQuotaCountsNodesPerOwnerC3g() throws IOException {
        int writes = 0;
        String answer;
        do {
            answer = reply(guest, Wire.WRITE, "data/s" + writes / 40 + "/n" + writes % 40 + "\0v");
            writes++;
        } while (answer.equals("OK\0"));
        assertEquals("ENOSPC", answer);
        String quota = reply(dom0, Wire.CONTROL, "quota\0005\0");
        assertTrue(quota.startsWith("Domain 5:\nnodes           :     1000\n"), quota);
    }

    @Test
    void permissionEntriesQuotaC5() throws IOException {
        ok(guest, Wire.WRITE, "data/p\0v");
        assertEquals("OK\0", reply(guest, Wire.SET_PERMS, "data/p\0n5\0r1\0r2\0r3\0r4\0"));
        assertEquals("ENOSPC", reply(guest, Wire.SET_PERMS, "data/p\0n5\0r1\0r2\0r3\0r4\0r6\0"));
    }

    @Test
    void pathLengthCountsBelowTheDomainPrefixC6() throws IOException {
        String home = "/local/domain/5/";
        String ok = home + ("a".repeat(99) + "/").repeat(20) + "a".repeat(48);
        assertEquals(2064, ok.length());
        assertEquals("OK\0", reply(guest, Wire.WRITE, ok + "\0v"));
        assertEquals("EINVAL", reply(guest, Wire.WRITE, ok + "b\0v"));
    }

    @Test
    void controlQuotaShowsCsDefaultsC0() throws IOException {
        assertEquals("Quota settings:\n"
                + "nodes            :     1000 Nodes per domain\n"
                + "watches          :      128 Watches per domain\n"
                + "transactions     :       10 Transactions per domain\n"
                + "outstanding      :       20 Outstanding requests per domain\n"
                + "transaction-nodes:     1024 Max. number of accessed nodes per transaction\n"
                + "memory           :  2621440 Total Xenstore memory per domain (error level)\n"
                + "node-size        :     2048 Max. size of a node\n"
                + "path-max         :     2048 Max. length of a node path\n"
                + "permissions      :        5 Max. number of permissions per node\n\0",
                reply(dom0, Wire.CONTROL, "quota\0"));
        assertEquals("OK\0", reply(dom0, Wire.CONTROL, "quota\0set\0watches\0002\0"));
        assertEquals(2, store.quotas().watches());
    }

    @Test
    void releaseRemovesNodesWatchesAndSilencesTheGuestE1toE7() throws IOException {
        ok(guest, Wire.WRITE, "data/x\0v");
        guest.until(guest.send(Wire.WATCH, 0, bytes("/local/domain/5/data\0abs\0")));
        guest.read();
        ok(dom0, Wire.WATCH, "@releaseDomain\0c-rel\0");
        dom0.read();
        ok(dom0, Wire.RELEASE, "5\0");
        assertEquals("@releaseDomain\0c-rel\0", dom0.read().text());
        assertEquals("F", reply(dom0, Wire.IS_DOMAIN_INTRODUCED, "5\0").substring(0, 1));
        assertEquals("ENOENT", reply(dom0, Wire.READ, "/local/domain/5/data/x\0"));
        assertEquals("n0\0r5\0", reply(dom0, Wire.GET_PERMS, "/test/pub\0"), "e3c: the grant is still listed");
        assertEquals("ENOENT", reply(dom0, Wire.RELEASE, "5\0"), "e6");
        guest.send(Wire.READ, 0, bytes("data/x\0"));
        ok(dom0, Wire.INTRODUCE, "5\0001\0005\0");
        assertEquals("ENOENT", reply(dom0, Wire.READ, "/local/domain/5\0"), "nodes owned by 5 are gone");
        try (RawClient again = new RawClient(store.domainSocketPath(5))) {
            assertEquals("EACCES", reply(again, Wire.READ, "/local/domain/5\0"), "missing below unreadable [n0]");
        }
        assertFalse(guest.hasInput(), "the released connection is never answered");
    }

    /** The reply to a request in transaction {@code txId}, error words without their NUL. */
    private static String inTransaction(RawClient client, String txId, int type, String payload) throws IOException {
        List<RawClient.Message> messages = client.until(client.send(type, Integer.parseInt(txId), bytes(payload)));
        RawClient.Message message = messages.get(messages.size() - 1);
        String text = message.text();
        return message.type() == Wire.ERROR ? text.substring(0, text.length() - 1) : text;
    }

    private static String startTransaction(RawClient client) throws IOException {
        String id = reply(client, Wire.TRANSACTION_START, "\0");
        return id.substring(0, id.length() - 1);
    }

    @Test
    void transactionNodesQuotaGivesEnospcAndFailsTheCommit() throws IOException {
        ok(guest, Wire.WRITE, "data/x\0v");
        ok(dom0, Wire.CONTROL, "quota\0set\0transaction-nodes\0003\0");
        String tx = startTransaction(guest);
        assertEquals("", inTransaction(guest, tx, Wire.READ, "/local/domain/5\0"));
        assertEquals("", inTransaction(guest, tx, Wire.READ, "data\0"));
        assertEquals("v", inTransaction(guest, tx, Wire.READ, "data/x\0"));
        assertEquals("ENOSPC", inTransaction(guest, tx, Wire.READ, "/test/pub\0"), "a fourth node");
        assertEquals("v", inTransaction(guest, tx, Wire.READ, "data/x\0"), "a node already accessed");
        assertEquals("ENOMEM", inTransaction(guest, tx, Wire.TRANSACTION_END, "T\0"), "C's trans->fail");
        String dom0Tx = startTransaction(dom0);
        for (String node : new String[] {"/test", "/test/pub", "/test/open", "/test/wo"}) {
            assertEquals(NodePaths.basename(node).replace("test", ""), inTransaction(dom0, dom0Tx, Wire.READ,
                    node + "\0").replace("test", ""), "dom0 is exempt");
        }
        assertEquals("OK\0", inTransaction(dom0, dom0Tx, Wire.TRANSACTION_END, "T\0"));
    }

    @Test
    void aTransactionReachingTheNodesQuotaGetsEnospcAtCommit() throws IOException {
        ok(dom0, Wire.CONTROL, "quota\0set\0nodes\0004\0");
        String tx = startTransaction(guest);
        assertEquals("OK\0", inTransaction(guest, tx, Wire.WRITE, "data/a\0v"));
        assertEquals("OK\0", inTransaction(guest, tx, Wire.TRANSACTION_END, "T\0"), "3 nodes");
        tx = startTransaction(guest);
        assertEquals("OK\0", inTransaction(guest, tx, Wire.WRITE, "data/b\0v"));
        assertEquals("ENOSPC", inTransaction(guest, tx, Wire.TRANSACTION_END, "T\0"), "4 >= 4 at commit");
        assertEquals("OK\0", reply(guest, Wire.WRITE, "data/b\0v"), "outside a transaction the 4th is fine");
        assertEquals("ENOSPC", reply(guest, Wire.WRITE, "data/c\0v"));
    }

    @Test
    void resetWatchesDropsTheOpenTransactions() throws IOException {
        String tx = startTransaction(guest);
        ok(guest, Wire.RESET_WATCHES, "");
        assertEquals("ENOENT", inTransaction(guest, tx, Wire.READ, "/local/domain/5\0"));
        assertTrue(reply(dom0, Wire.CONTROL, "quota\0005\0").contains("transactions    :        0\n"));
    }

    @Test
    void aStubDomainActsForItsTargetAsCsPermForConn() throws IOException {
        store.createDomain(6);
        ok(dom0, Wire.INTRODUCE, "6\0001\0006\0");
        ok(dom0, Wire.WRITE, "/test/six\0s");
        ok(dom0, Wire.SET_PERMS, "/test/six\0n6\0");
        try (RawClient stub = new RawClient(store.domainSocketPath(6))) {
            assertEquals("EACCES", reply(stub, Wire.GET_PERMS, "/local/domain/5\0"), "before SET_TARGET");
            ok(dom0, Wire.SET_TARGET, "6\0005\0");
            assertEquals("n5\0r0\0", reply(stub, Wire.GET_PERMS, "/local/domain/5\0"), "the target's node");
            assertEquals("OK\0", reply(stub, Wire.WRITE, "/local/domain/5/data/bystub\0v"));
            assertEquals("pub", reply(stub, Wire.READ, "/test/pub\0"), "an entry naming the target");
            assertEquals("EACCES", reply(stub, Wire.WRITE, "/test/pub\0v"));
            assertEquals("EACCES", reply(stub, Wire.READ, "/test/secret\0"));
            assertEquals("s", reply(stub, Wire.READ, "/test/six\0"), "its own node");
            assertEquals("EACCES", reply(guest, Wire.READ, "/test/six\0"), "the target does not act for the stub");
            assertEquals("EACCES", reply(stub, Wire.SET_TARGET, "6\0005\0"), "still unprivileged");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The node of the write that {@link #fillMemory()} saw refused. */
    private String refusedNode;

    /** Writes 1,900-byte nodes {@code data/mN} until one is refused; returns the refusal. */
    private String fillMemory() throws IOException {
        for (int i = 0; i < 100; i++) {
            String answer = reply(guest, Wire.WRITE, "data/m" + i + "\0" + "x".repeat(1900));
            if (!answer.equals("OK\0")) {
                refusedNode = "/local/domain/5/data/m" + i;
                return answer;
            }
        }
        throw new AssertionError("100 writes of 1,900 bytes passed a memory quota of 12,000 bytes");
    }

    @Test
    void aNodeCreatedPastTheMemoryQuotaIsEioAsCsWriteNodeRawAnswers() throws IOException {
        ok(dom0, Wire.CONTROL, "quota\0set\0memory\0" + "12000\0");
        assertEquals("EIO", fillMemory());
        // The refused node was not created; RM frees memory and the next creation passes.
        assertEquals("ENOENT", reply(dom0, Wire.READ, refusedNode + "\0"));
        ok(guest, Wire.RM, "data/m0\0");
        assertEquals("OK\0", reply(guest, Wire.WRITE, "data/again\0" + "x".repeat(1900)));
    }

    @Test
    void theNodesOwnerIsChargedSoDom0IsRefusedOnANodeTheGuestOwns() throws IOException {
        ok(dom0, Wire.CONTROL, "quota\0set\0memory\0" + "12000\0");
        fillMemory();
        assertEquals("EIO", reply(dom0, Wire.WRITE, "/local/domain/5/data/bydom0\0" + "y".repeat(1990)));
        // dom0's own nodes are not charged to domain 5.
        assertEquals("OK\0", reply(dom0, Wire.WRITE, "/test/big\0" + "y".repeat(1990)));
    }

    @Test
    void aWatchPastTheMemoryQuotaIsEnomemAndARaisedQuotaLetsItPass() throws IOException {
        ok(dom0, Wire.CONTROL, "quota\0set\0memory\0" + "12000\0");
        fillMemory();
        // Each watch accepted adds its path and token to the domain's memory, until one would pass the quota.
        int accepted = 0;
        while (reply(guest, Wire.WATCH, "data/w" + accepted + "\0" + "t".repeat(200) + "\0").equals("OK\0")) {
            accepted++;
            assertTrue(accepted < 20, "20 watches of 200-byte tokens passed a full memory quota");
        }
        assertEquals("ENOMEM", reply(guest, Wire.WATCH, "data/wlast\0" + "t".repeat(200) + "\0"));
        ok(dom0, Wire.CONTROL, "quota\0set\0memory\0" + "1000000\0");
        assertEquals("OK\0", reply(guest, Wire.WATCH, "data/wfree\0" + "t".repeat(200) + "\0"));
        assertEquals("OK\0", reply(guest, Wire.WRITE, "data/free\0" + "x".repeat(1900)));
    }

    /** Domain 5's memory figure as {@code CONTROL quota 5} reports it. */
    private long memoryOf5() throws IOException {
        String usage = reply(dom0, Wire.CONTROL, "quota\0" + "5\0");
        String line = usage.substring(usage.indexOf("memory"));
        return Long.parseLong(line.substring(line.indexOf(':') + 1, line.indexOf('\n')).trim());
    }

    @Test
    void aCreationInATransactionPastTheMemoryQuotaIsEioAndItsCommitEnomem() throws IOException {
        ok(dom0, Wire.CONTROL, "quota\0set\0memory\0" + "12000\0");
        long before = memoryOf5();
        String tx = startTransaction(guest);
        String refusal = null;
        for (int i = 0; i < 10 && refusal == null; i++) {
            String answer = inTransaction(guest, tx, Wire.WRITE, "data/t" + i + "\0" + "x".repeat(1900));
            if (!answer.equals("OK\0")) {
                refusal = answer;
            }
        }
        assertEquals("EIO", refusal, "a transaction's copies are charged to its domain, as C's do_tdb_write does");
        assertTrue(memoryOf5() < 12000, "the refused copy was not charged");
        assertEquals("ENOMEM", inTransaction(guest, tx, Wire.TRANSACTION_END, "T\0"), "C's fail_transaction");
        assertEquals("ENOENT", reply(dom0, Wire.READ, "/local/domain/5/data/t0\0"), "nothing was committed");
        assertEquals(before, memoryOf5(), "the ended transaction's copies are freed");
    }

    @Test
    void readsInATransactionAreChargedUncheckedUntilItEnds() throws IOException {
        for (int i = 0; i < 4; i++) {
            ok(guest, Wire.WRITE, "data/r" + i + "\0" + "x".repeat(1000));
        }
        long before = memoryOf5();
        ok(dom0, Wire.CONTROL, "quota\0set\0memory\0" + (before + 100) + "\0");
        String tx = startTransaction(guest);
        // GET_PERMS: its short reply is not checked against the quota, as a READ's would be.
        assertEquals("n5\0r0\0", inTransaction(guest, tx, Wire.GET_PERMS, "data/r0\0"),
                "C copies a node a transaction reads with no quota check");
        assertTrue(memoryOf5() > before + 1000, "the copy is charged to the domain");
        // Past its quota the domain is not read (C's domain_can_read), until dom0 raises the quota.
        int held = guest.send(Wire.GET_PERMS, Integer.parseInt(tx), bytes("data/r1\0"));
        assertFalse(guest.hasInput(), "held");
        ok(dom0, Wire.CONTROL, "quota\0set\0memory\0" + (before + 5000) + "\0");
        assertEquals("n5\0r0\0", guest.until(held).get(0).text());
        assertTrue(memoryOf5() > before + 2 * 1000, "the second copy is charged too");
        int end = guest.send(Wire.TRANSACTION_END, Integer.parseInt(tx), bytes("F\0"));
        assertEquals("OK\0", guest.until(end).get(0).text());
        assertEquals(before, memoryOf5(), "the copies are freed");
    }

    @Test
    void dom0sTransactionCommitsANodeToTheGuestsAccountUnchecked() throws IOException {
        ok(dom0, Wire.CONTROL, "quota\0set\0memory\0" + "12000\0");
        fillMemory();
        assertEquals("EIO", reply(dom0, Wire.WRITE, "/local/domain/5/data/bydom0\0" + "y".repeat(1990)),
                "outside a transaction the owner's quota is checked");
        String tx = startTransaction(dom0);
        assertEquals("OK\0", inTransaction(dom0, tx, Wire.WRITE, "/local/domain/5/data/bydom0\0" + "y".repeat(1990)),
                "the copy is charged to dom0, which has no quota");
        assertEquals("OK\0", inTransaction(dom0, tx, Wire.TRANSACTION_END, "T\0"),
                "C's finalize_transaction writes the nodes to their owners with no quota check");
        assertTrue(memoryOf5() > 12000, "guest 5 now owns more than its quota");
        int read = guest.send(Wire.READ, 0, bytes("data/m0\0"));
        assertFalse(guest.hasInput(), "at its quota the guest is not read");
        ok(dom0, Wire.RM, "/local/domain/5/data/bydom0\0");
        assertEquals("ENOMEM", guest.until(read).get(0).text().trim(), "read again below it; the reply would pass it");
    }

    @Test
    void atTheQuotaAReplyOver16BytesIsEnomemAsCsDefaultBufferSize() throws IOException {
        ok(guest, Wire.WRITE, "data/sixteen\0" + "x".repeat(16));
        ok(guest, Wire.WRITE, "data/seventeen\0" + "x".repeat(17));
        // One byte under its quota: C still reads the domain (domain_can_read holds it at the quota).
        ok(dom0, Wire.CONTROL, "quota\0set\0memory\0" + (memoryOf5() + 1) + "\0");
        assertEquals("x".repeat(16), reply(guest, Wire.READ, "data/sixteen\0"), "fits C's request buffer");
        assertEquals("ENOMEM", reply(guest, Wire.READ, "data/seventeen\0"));
        assertEquals("ENOMEM", reply(guest, Wire.DIRECTORY, "data\0"), "'sixteen\\0seventeen\\0' is 18 bytes");
        assertEquals("n5\0r0\0", reply(guest, Wire.GET_PERMS, "data/seventeen\0"));
    }
}
