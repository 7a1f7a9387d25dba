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

import static io.jxs.DomainAccess.Operation.CREATE_CHILD;
import static io.jxs.DomainAccess.Operation.READ;
import static io.jxs.DomainAccess.Operation.REMOVE;
import static io.jxs.DomainAccess.Operation.SET_PERMS;
import static io.jxs.DomainAccess.Operation.WATCH_EVENTS;
import static io.jxs.DomainAccess.Operation.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.DomainAccess.Basis;
import io.jxs.DomainAccess.Operation;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * C xenstored 4.17's permission rules for a domain, on the tree of the guest measurements in
 * {@code guest-domains.md} (row ids in the test names' comments): {@code /local/domain/5} [n5 r0],
 * {@code /test} [n0], {@code /test/secret} [n0], {@code /test/pub} [n0 r5], {@code /test/wo} [n0 w5],
 * {@code /test/open} [n0 b5].
 */
class AccessRulesTest {
    private static final Set<Operation> ALL = EnumSet.allOf(Operation.class);
    private static final Set<Operation> NOTHING = EnumSet.noneOf(Operation.class);

    private final Map<String, List<Permission>> tree = new HashMap<>();

    AccessRulesTest() {
        node("/", "n0");
        node("/local", "n0");
        node("/local/domain", "n0");
        node("/local/domain/0", "n0");
        node("/local/domain/5", "n5", "r0");
        node("/local/domain/5/data", "n5", "r0");
        node("/local/domain/5/data/x", "n5", "r0");
        node("/test", "n0");
        node("/test/secret", "n0");
        node("/test/pub", "n0", "r5");
        node("/test/wo", "n0", "w5");
        node("/test/open", "n0", "b5");
        node("@introduceDomain", "n0");
    }

    private void node(String path, String... perms) {
        tree.put(path, Arrays.stream(perms).map(Permission::parse).toList());
    }

    private DomainAccess access(int domid, String path) {
        return new AccessRules(domid, OptionalInt.empty()).decide(path, tree);
    }

    private DomainAccess access(int domid, int target, String path) {
        return new AccessRules(domid, OptionalInt.of(target)).decide(path, tree);
    }

    @Test
    void theOwnerMayDoEverythingOnItsNode() { // a4, a5, a13, a14, a16
        DomainAccess access = access(5, "/local/domain/5/data/x");
        assertTrue(access.exists());
        assertEquals(ALL, access.allowed());
        assertEquals(Basis.OWNER, access.verdicts().get(READ).grant().basis());
        assertEquals("needs write and ownership: it owns /local/domain/5/data/x [n5 r0]; only domain 0 may change the owner (EPERM)",
                access.why(SET_PERMS));
    }

    @Test
    void everyonesDefaultNoneRefusesEverything() { // b3, b5, b6, b7, b8, b9, d3
        DomainAccess access = access(5, "/test/secret");
        assertEquals(NOTHING, access.allowed());
        assertEquals(Basis.DEFAULT, access.verdicts().get(READ).grant().basis());
        assertEquals("EACCES: needs read: /test/secret [n0] has no entry for it: everyone's default applies", access.why(READ));
    }

    @Test
    void anEntryForTheDomainGivesItsAccessButNeverOwnership() { // b12, b13, b14, b15, b16, b16b, d4
        assertEquals(EnumSet.of(READ, WATCH_EVENTS), access(5, "/test/pub").allowed());
        assertEquals(EnumSet.of(WRITE, CREATE_CHILD, REMOVE), access(5, "/test/wo").allowed());
        assertEquals(EnumSet.of(READ, WRITE, CREATE_CHILD, REMOVE, WATCH_EVENTS), access(5, "/test/open").allowed());
        assertEquals(Basis.ENTRY, access(5, "/test/open").verdicts().get(WRITE).grant().basis());
    }

    @Test
    void anEntryForAnotherDomainLeavesTheDefault() {
        assertEquals(NOTHING, access(7, "/test/pub").allowed());
    }

    @Test
    void domainZeroIsPrivileged() {
        DomainAccess access = access(0, "/test/secret");
        assertEquals(ALL, access.allowed());
        assertEquals(Basis.PRIVILEGED, access.verdicts().get(SET_PERMS).grant().basis());
    }

    @Test
    void aMissingNodeUnderAnUnreadableParentIsEaccesNotEnoent() { // b10, b11 (C)
        DomainAccess missing = access(5, "/test/missing");
        assertFalse(missing.exists());
        assertEquals(NOTHING, missing.allowed());
        assertTrue(missing.why(READ).contains("C answers EACCES"));
        assertEquals("/", access(5, "/nonexistent/deep").verdicts().get(READ).grant().path());
    }

    @Test
    void aMissingNodeUnderItsOwnHomeMayBeCreatedAndIsOwnedByTheCreator() { // a8, a15
        DomainAccess missing = access(5, "/local/domain/5/data/new/deeper");
        assertEquals(ALL, missing.allowed());
        assertEquals("/local/domain/5/data", missing.verdicts().get(WRITE).grant().path());
        assertTrue(missing.why(WRITE).endsWith("the nodes it creates get the permissions of /local/domain/5/data with itself as the owner"));
        assertTrue(missing.why(READ).startsWith("missing: ENOENT"));
    }

    @Test
    void setPermsOfAMissingNodeIsEnoentWhenTheAncestorGrantsWriteWithoutOwnership() { // AccessAgainstAGuestIT
        DomainAccess missing = access(5, "/test/wo/missing");
        assertTrue(missing.may(SET_PERMS));
        assertEquals("needs write or ownership on the nearest existing ancestor (then ENOENT): /test/wo [n0 w5] has an entry for it",
                missing.why(SET_PERMS));
        assertFalse(access(5, "/test/pub/missing").may(SET_PERMS));
    }

    @Test
    void creatingNeedsWriteOnTheNearestExistingAncestor() { // b19, b20, b1
        assertFalse(access(5, "/local/domain/6").may(WRITE));
        assertFalse(access(5, "/").may(WRITE));
        assertFalse(access(5, "/local/domain/0/x").may(WRITE));
        assertTrue(access(5, "/test/open/kid").may(WRITE));
        assertFalse(access(5, "/test/pub/kid").may(WRITE));
    }

    @Test
    void removingNeedsWriteOnTheNodeItselfNotOnItsParent() {
        node("/local/domain/5/device", "n0", "r5"); // a toolstack's node in the guest's home (qubes-vmm-xen #92)
        node("/test/mine", "n5");
        assertFalse(access(5, "/local/domain/5/device").may(REMOVE));
        assertTrue(access(5, "/test/mine").may(REMOVE));
        assertFalse(access(0, "/").may(REMOVE));
    }

    @Test
    void watchEventsNeedReadOnTheNodeOrItsParent() { // d3, d4
        node("/test/pub/hidden", "n0");
        assertTrue(access(5, "/test/pub/hidden").may(WATCH_EVENTS));
        assertFalse(access(5, "/test/pub/hidden").may(READ));
        assertFalse(access(5, "/test/secret").may(WATCH_EVENTS));
    }

    @Test
    void specialPathsGiveEventsByTheirReadPermissionAndAreNoNodes() { // d7c, d10b, b29
        assertEquals(NOTHING, access(5, "@introduceDomain").allowed());
        node("@introduceDomain", "n0", "r5");
        assertEquals(EnumSet.of(WATCH_EVENTS), access(5, "@introduceDomain").allowed());
        assertTrue(access(5, "@introduceDomain").why(WRITE).contains("not a node"));
    }

    @Test
    void aStubDomainActsWithItsTargetsOwnershipAndEntries() {
        DomainAccess home = access(6, 5, "/local/domain/5/data/x");
        assertEquals(ALL, home.allowed());
        assertEquals(Basis.TARGET_OWNER, home.verdicts().get(WRITE).grant().basis());
        DomainAccess pub = access(6, 5, "/test/pub");
        assertEquals(EnumSet.of(READ, WATCH_EVENTS), pub.allowed());
        assertEquals(Basis.TARGET_ENTRY, pub.verdicts().get(READ).grant().basis());
        assertEquals(NOTHING, access(6, "/local/domain/5/data/x").allowed()); // without the target: default n
    }

    @Test
    void theFirstEntryForTheDomainOrItsTargetWins() {
        node("/test/both", "n0", "w5", "r6");
        assertEquals(EnumSet.of(WRITE, CREATE_CHILD, REMOVE), access(6, 5, "/test/both").allowed());
        assertEquals(EnumSet.of(READ, WATCH_EVENTS), access(6, "/test/both").allowed());
    }
}
