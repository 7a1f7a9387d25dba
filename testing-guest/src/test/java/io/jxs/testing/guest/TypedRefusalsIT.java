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
package io.jxs.testing.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Monitor;
import io.jxs.Permission;
import io.jxs.PermissionDeniedException;
import io.jxs.Quota;
import io.jxs.QuotaExceededException;
import io.jxs.Transaction;
import io.jxs.XenStore;
import io.jxs.connection.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A real guest's refusals arrive typed: EACCES and EPERM as {@link PermissionDeniedException}, quota refusals
 * as {@link QuotaExceededException} naming the {@link Quota}, each naming the operation and the path; and
 * dom0's {@code quota(N)} counts what guest N created. Every store; oxenstored's words and limits stated.
 */
class TypedRefusalsIT {

    private static boolean c(StoreKind kind) {
        return kind.expectedAs() == StoreKind.XENSTORED;
    }

    @GuestTest
    void eaccesNamesTheOperationAndThePath(@Guest(5) XenStore guest, XenStore dom0) {
        dom0.write("/typed/secret", "s");
        PermissionDeniedException e = assertThrows(PermissionDeniedException.class, () -> guest.write("/typed/secret", "5"));
        assertEquals("EACCES", e.errorName());
        assertEquals(Op.WRITE, e.operation());
        assertEquals("/typed/secret", e.subject());
        dom0.delete("/typed");
    }

    @GuestTest
    void anOwnerChangeIsEpermOnCAndEaccesOnOxenstored(@Guest(5) XenStore guest, StoreKind kind) {
        guest.write("data/x", "x");
        PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
                () -> guest.setPerms("data/x", List.of(Permission.parse("n0"))));
        assertEquals(c(kind) ? "EPERM" : "EACCES", e.errorName());
        assertEquals(Op.SET_PERMS, e.operation());
        assertTrue(e.subject().endsWith("data/x"), e.subject());
    }

    @GuestTest
    void theWatchPastTheQuotaIsRefused(@Guest(5) XenStore guest, StoreKind kind) {
        try (Monitor monitor = guest.monitor()) {
            int accepted = c(kind) ? 129 : 101;
            for (int i = 0; i < accepted; i++) {
                monitor.watch("data/w" + i, "t");
            }
            QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> monitor.watch("data/over", "t"));
            assertEquals(c(kind) ? "E2BIG" : "EQUOTA", e.errorName());
            assertEquals(Op.WATCH, e.operation());
            assertEquals("data/over", e.subject());
            assertTrue(e.quotas().contains(Quota.WATCHES), e.quotas()::toString);
        }
    }

    @GuestTest
    void theTwelfthTransactionIsRefused(@Guest(5) XenStore guest, StoreKind kind) {
        List<Transaction> open = new ArrayList<>();
        try {
            for (int i = 0; i < 11; i++) {
                open.add(guest.transaction());
            }
            QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> open.add(guest.transaction()));
            assertEquals(c(kind) ? "ENOSPC" : "EQUOTA", e.errorName());
            assertEquals(Op.TRANSACTION_START, e.operation());
            assertTrue(e.quotas().contains(Quota.TRANSACTIONS), e.quotas()::toString);
        } finally {
            open.forEach(Transaction::close);
        }
    }

    @GuestTest
    void aValuePastTheNodeSizeIsRefused(@Guest(5) XenStore guest, StoreKind kind) {
        int size = c(kind) ? 2008 : 2049; // C counts the whole record (2007 bytes of value fit), oxenstored the value
        QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> guest.write("data/big", new byte[size]));
        assertEquals(c(kind) ? "ENOSPC" : "E2BIG", e.errorName());
        assertEquals(Op.WRITE, e.operation());
        assertTrue(e.subject().endsWith("data/big"), e.subject());
        assertTrue(e.quotas().contains(Quota.NODE_SIZE), e.quotas()::toString);
    }

    @GuestTest({StoreKind.XENSTORED, StoreKind.EMBEDDED}) // oxenstored has no limit on permission entries
    void aSixthPermissionEntryIsRefusedOnC(@Guest(5) XenStore guest) {
        guest.write("data/x", "x");
        List<Permission> six = Arrays.stream("n5 r0 r0 r0 r0 r0".split(" ")).map(Permission::parse).toList();
        QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> guest.setPerms("data/x", six));
        assertEquals("ENOSPC", e.errorName());
        assertEquals(Op.SET_PERMS, e.operation());
        assertTrue(e.quotas().contains(Quota.PERMISSIONS), e.quotas()::toString);
    }

    @GuestTest
    void theNodePastTheQuotaIsRefusedAndQuotaCountsTheGuestsNodes(@Guest(5) XenStore guest, XenStore dom0,
            StoreKind kind) {
        int before = dom0.quota(5).nodes();
        guest.write("data/s0/n0", "");
        assertEquals(before + 3, dom0.quota(5).nodes(), "data, data/s0 and data/s0/n0");
        // 40 children per directory, so that no directory's record fills before the node quota (row c3g).
        QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> {
            for (int i = 1; i < 1001; i++) {
                guest.write("data/s" + i / 40 + "/n" + i % 40, "");
            }
        });
        assertEquals(c(kind) ? "ENOSPC" : "EQUOTA", e.errorName());
        assertEquals(Op.WRITE, e.operation());
        assertTrue(e.quotas().contains(Quota.NODES), e.quotas()::toString);
        assertEquals(1000, dom0.quota(5).nodes(), kind.displayName());
        guest.delete("data");
        assertEquals(before, dom0.quota(5).nodes());
    }
}
