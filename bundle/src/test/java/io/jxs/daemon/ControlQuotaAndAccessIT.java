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
package io.jxs.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import io.jxs.DomainAccess;
import io.jxs.DomainAccess.Operation;
import io.jxs.DomainQuota;
import io.jxs.Permission;
import io.jxs.Quota;
import io.jxs.QuotaExceededException;
import io.jxs.QuotaSettings;
import io.jxs.UnexpectedPacketException;
import io.jxs.XenStoreException;
import io.jxs.connection.Op;
import io.jxs.testing.DaemonPool;
import io.jxs.testing.XenStoreDaemon.Kind;
import io.jxs.testing.XenStoreDaemonExtension;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * dom0's CONTROL, the quota replies, the typed refusals dom0 can provoke and {@code access} against the real
 * C xenstored and oxenstored; where the daemons differ, each one's answer is stated.
 */
@ExtendWith(XenStoreDaemonExtension.class)
class ControlQuotaAndAccessIT {

    private static Client connect(Kind kind, DaemonPool daemons) {
        Client client = Client.unixSocket(daemons.get(kind).socketPath().toString());
        client.connect();
        return client;
    }

    @Test
    void cXenstoredListsItsQuotaSettingsWithTheDefaults(DaemonPool daemons) {
        try (Client client = connect(Kind.XENSTORED, daemons)) {
            Map<String, Integer> defaults = new LinkedHashMap<>();
            for (Quota quota : Quota.values()) {
                defaults.put(quota.controlName(), quota.defaultLimit());
            }
            assertEquals(defaults, client.quota().limits());
        }
    }

    @Test
    void oxenstoredOnlyAcknowledgesQuotaWithoutADomain(DaemonPool daemons) {
        try (Client client = connect(Kind.OXENSTORED, daemons)) {
            assertEquals("OK", client.control("quota"));
            assertThrows(UnexpectedPacketException.class, client::quota);
        }
    }

    @Test
    void cXenstoredSetsAQuotaThroughControl(DaemonPool daemons) {
        try (Client client = connect(Kind.XENSTORED, daemons)) {
            try {
                assertEquals("OK", client.control("quota", "set", "watches", "64"));
                assertEquals(OptionalInt.of(64), client.quota().limit(Quota.WATCHES));
            } finally {
                client.control("quota", "set", "watches", Integer.toString(Quota.WATCHES.defaultLimit()));
            }
            assertEquals(OptionalInt.of(128), client.quota().limit(Quota.WATCHES));
            assertEquals("EINVAL", assertThrows(XenStoreException.class,
                    () -> client.control("quota", "set", "no-such-quota", "1")).errorName());
        }
    }

    @Test
    void cXenstoredReportsDomainZerosUsage(DaemonPool daemons) {
        try (Client client = connect(Kind.XENSTORED, daemons)) {
            DomainQuota quota = client.quota(0);
            assertEquals(List.of("nodes", "watches", "transactions", "outstanding", "memory"), List.copyOf(quota.usage().keySet()));
            assertTrue(quota.nodes() > 0, "dom0 owns the nodes it made: " + quota);
            assertEquals(OptionalInt.empty(), quota.nodeLimit());
            XenStoreException unknown = assertThrows(XenStoreException.class, () -> client.quota(9));
            assertEquals("ENOENT: quota 9", unknown.getMessage());
        }
    }

    @Test
    void oxenstoredReportsNodesAndTheirLimit(DaemonPool daemons) {
        try (Client client = connect(Kind.OXENSTORED, daemons)) {
            DomainQuota unknown = client.quota(9);
            assertEquals(0, unknown.nodes());
            assertEquals(OptionalInt.empty(), unknown.nodeLimit());
            assertEquals(Set.of("nodes"), client.quota(0).usage().keySet());
        }
    }

    @Test
    void theDaemonsCommandsDiffer(DaemonPool daemons) {
        try (Client c = connect(Kind.XENSTORED, daemons); Client ocaml = connect(Kind.OXENSTORED, daemons)) {
            assertEquals("OK", c.control("print", "jxs ControlQuotaAndAccessIT"));
            assertEquals("OK", ocaml.control("print", "jxs ControlQuotaAndAccessIT"));
            assertTrue(c.control("help").contains("quota\t[set <name> <val>|<domid>]"));
            assertEquals("OK", ocaml.control("help"));
            assertEquals("EINVAL: no-such-command", assertThrows(XenStoreException.class, () -> c.control("no-such-command")).getMessage());
            assertEquals("OK", ocaml.control("no-such-command"));
        }
    }

    @Test
    void oxenstoredRefusesDomainZerosLargeValueAsTheNodeSizeQuotaAndCAcceptsIt(DaemonPool daemons) {
        byte[] value = new byte[4000];
        try (Client c = connect(Kind.XENSTORED, daemons); Client ocaml = connect(Kind.OXENSTORED, daemons)) {
            c.write("/quota-it/large", value);
            assertEquals(4000, c.read("/quota-it/large").length);
            QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> ocaml.write("/quota-it/large", value));
            assertEquals("E2BIG", e.errorName());
            assertEquals(Op.WRITE, e.operation());
            assertEquals("/quota-it/large", e.subject());
            assertEquals(Set.of(Quota.NODE_SIZE), e.quotas());
            ocaml.write("/quota-it/large", new byte[2048]); // oxenstored's limit is the value's 2048 bytes
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDirectoryTooLargeForOneReplyIsNoQuota(Kind kind, DaemonPool daemons) {
        try (Client client = connect(kind, daemons)) {
            client.inTransaction(tx -> {
                for (int i = 0; i < 400; i++) {
                    tx.write(String.format("/quota-it/dir/child-%06d", i), "");
                }
                return null;
            });
            assertEquals(400, client.list("/quota-it/dir").size()); // C's E2BIG falls back to DIRECTORY_PART
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void accessFollowsTheDaemonsPermissions(Kind kind, DaemonPool daemons) {
        try (Client client = connect(kind, daemons)) {
            client.write("/access-it/secret", "s");
            client.setPerms("/access-it", List.of(Permission.parse("n0")));
            client.setPerms("/access-it/secret", List.of(Permission.parse("n0")));
            client.write("/access-it/open", "o");
            client.setPerms("/access-it/open", List.of(Permission.parse("b0")));

            assertEquals(EnumSet.allOf(Operation.class), client.access(0, "/access-it/secret").allowed());
            assertEquals(EnumSet.noneOf(Operation.class), client.access(5, "/access-it/secret").allowed());
            DomainAccess open = client.access(5, "/access-it/open");
            assertEquals(EnumSet.of(Operation.READ, Operation.WRITE, Operation.CREATE_CHILD, Operation.REMOVE,
                    Operation.WATCH_EVENTS), open.allowed());
            assertEquals(DomainAccess.Basis.DEFAULT, open.verdicts().get(Operation.WRITE).grant().basis());
            DomainAccess deeper = client.access(5, "/access-it/open/missing/deeper");
            assertFalse(deeper.exists());
            assertEquals("/access-it/open", deeper.verdicts().get(Operation.WRITE).grant().path());
            assertTrue(deeper.may(Operation.WRITE));
            assertFalse(client.access(5, "/access-it/missing").may(Operation.READ));
            if (kind == Kind.OXENSTORED) {
                assertFalse(client.access(5, "@releaseDomain").may(Operation.WATCH_EVENTS));
            } else {
                XenStoreException e = assertThrows(XenStoreException.class, () -> client.access(5, "@releaseDomain"));
                assertTrue(e.getMessage().startsWith("EINVAL: the daemon does not tell the permissions of @releaseDomain"));
            }
        }
    }
}
