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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jxs.connection.Op;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which exception each refusal of the daemon becomes, by the request's type and the error word. */
class RefusalsTest {

    private static Set<Quota> quotas(String names) {
        return names.isBlank() ? Set.of()
                : Arrays.stream(names.split(" ")).map(Quota::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Quota.class)));
    }

    @ParameterizedTest(name = "{0} {2} in transaction {1} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            WATCH             | 0 | E2BIG  | WATCHES
            WATCH             | 0 | EQUOTA | WATCHES
            TRANSACTION_START | 0 | ENOSPC | TRANSACTIONS
            TRANSACTION_START | 0 | EQUOTA | TRANSACTIONS
            WRITE             | 0 | ENOSPC | NODES NODE_SIZE
            MKDIR             | 0 | ENOSPC | NODES NODE_SIZE
            WRITE             | 3 | ENOSPC | NODES NODE_SIZE TRANSACTION_NODES
            WRITE             | 0 | EQUOTA | NODES
            WRITE             | 3 | EQUOTA | NODES TRANSACTION_NODES
            WRITE             | 0 | E2BIG  | NODE_SIZE
            SET_PERMS         | 0 | ENOSPC | PERMISSIONS NODE_SIZE
            READ              | 3 | ENOSPC | TRANSACTION_NODES
            READ              | 3 | EQUOTA | TRANSACTION_NODES
            TRANSACTION_END   | 3 | ENOSPC | NODES
            TRANSACTION_END   | 3 | EQUOTA | TRANSACTION_NODES
            READ              | 0 | ENOSPC | ''
            """)
    void quotaRefusalsNameTheQuotasTheyCanMean(Op op, int txId, String word, String expected) {
        XenStoreException e = Refusals.of(op, txId, word, "/local/domain/5/data/x");
        QuotaExceededException quota = assertInstanceOf(QuotaExceededException.class, e);
        assertEquals(word, quota.errorName());
        assertEquals(op, quota.operation());
        assertEquals("/local/domain/5/data/x", quota.subject());
        assertEquals(quotas(expected), quota.quotas());
    }

    @ParameterizedTest
    @CsvSource({"EACCES, READ", "EACCES, INTRODUCE", "EPERM, SET_PERMS", "EACCES, CONTROL"})
    void permissionRefusalsAreTheirOwnException(String word, Op op) {
        PermissionDeniedException e = assertInstanceOf(PermissionDeniedException.class, Refusals.of(op, 0, word, "/test/secret"));
        assertEquals(word, e.errorName());
        assertEquals(op, e.operation());
        assertEquals("/test/secret", e.subject());
        assertEquals(word + ": " + op + " /test/secret: permission denied", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"ENOENT, READ", "E2BIG, DIRECTORY", "EINVAL, WRITE", "EAGAIN, TRANSACTION_END", "E2BIG, MKDIR"})
    void otherRefusalsStayPlainWithTheirWordAndSubject(String word, Op op) {
        XenStoreException e = Refusals.of(op, 0, word, "/x");
        assertSame(XenStoreException.class, e.getClass());
        assertEquals(word + ": /x", e.getMessage());
    }

    @Test
    void theMessageSaysWhichQuotasAndTheirDefaults() {
        assertEquals("ENOSPC: WRITE /local/domain/5/data/x: quota nodes (C default 1000) or node-size (C default 2048) exhausted",
                Refusals.of(Op.WRITE, 0, "ENOSPC", "/local/domain/5/data/x").getMessage());
        assertEquals("E2BIG: WATCH /a: quota watches (C default 128) exhausted",
                Refusals.of(Op.WATCH, 0, "E2BIG", "/a").getMessage());
    }

    @Test
    void theClientsOwnOversizeCheckStaysDistinctFromTheDaemonsE2big() {
        XenStoreException own = new InvalidPayloadException("WRITE payload of 4097 bytes exceeds the maximum of 4096 bytes");
        XenStoreException daemons = Refusals.of(Op.WRITE, 0, "E2BIG", "/big");
        assertEquals(own.errorName(), daemons.errorName());
        assertInstanceOf(QuotaExceededException.class, daemons);
        assertEquals(false, own instanceof QuotaExceededException);
    }
}
