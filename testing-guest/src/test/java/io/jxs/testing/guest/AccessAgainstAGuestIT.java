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

import io.jxs.DomainAccess;
import io.jxs.DomainAccess.Operation;
import io.jxs.Monitor;
import io.jxs.Permission;
import io.jxs.WatchEvent;
import io.jxs.XenStore;
import io.jxs.XenStoreException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code dom0.access(5, path).allowed()} against what guest 5 really gets, on every store: for each kind of node,
 * each operation is tried by the guest on a fresh copy of the node (so that attempts do not interfere), and
 * counted as allowed when the store carries it out or refuses it only because the node is missing
 * ({@code ENOENT}), as {@link DomainAccess} defines it. {@code access} follows C's rules; where oxenstored decides
 * otherwise the case says so.
 */
class AccessAgainstAGuestIT {

    private static final long EVENT_MILLIS = 150;
    private static final String BASE = "/access";

    /**
     * A kind of node: the permissions of its parent and its own (null: the node is missing), and the operations
     * oxenstored allows besides those C allows.
     */
    record Case(String id, List<Permission> parent, List<Permission> node, Set<Operation> oxenstoredAlso) {
        Set<Operation> expected(Set<Operation> byAccess, StoreKind kind) {
            if (kind.expectedAs() != StoreKind.OXENSTORED) {
                return byAccess;
            }
            EnumSet<Operation> ox = byAccess.isEmpty() ? EnumSet.noneOf(Operation.class) : EnumSet.copyOf(byAccess);
            ox.addAll(oxenstoredAlso);
            return ox;
        }
    }

    private static Case node(String id, String parent, String node) {
        return new Case(id, perms(parent), node == null ? null : perms(node), Set.of());
    }

    private static final List<Case> CASES = List.of(
            node("owned-by-the-guest", "n0", "n5"),
            node("dom0s-default-none", "n0", "n0"),
            node("dom0s-default-read", "n0", "r0"),
            node("dom0s-default-write", "n0", "w0"),
            node("dom0s-default-both", "n0", "b0"),
            node("an-entry-reading-for-the-guest", "n0", "n0 r5"),
            node("an-entry-writing-for-the-guest", "n0", "n0 w5"),
            node("an-entry-for-the-guest-both", "n0", "n0 b5"),
            node("an-entry-for-another-domain-only", "n0", "n0 b9"),
            node("default-both-but-none-for-another-domain", "n0", "b0 n9"),
            node("readable-parent-unreadable-node", "n0 r5", "n0"),
            missing("missing-under-a-readable-parent", "n0 r5"),
            missing("missing-under-an-unreadable-parent", "n0"),
            missing("missing-under-a-writable-parent", "n0 w5"),
            missing("missing-under-a-parent-of-the-guest", "n5"));

    /**
     * A missing node. oxenstored answers READ, RM and SET_PERMS of a missing node with ENOENT whatever its parent
     * (measured here); C answers EACCES unless the parent grants some of the access asked.
     */
    private static Case missing(String id, String parent) {
        return new Case(id, perms(parent), null, EnumSet.of(Operation.READ, Operation.REMOVE, Operation.SET_PERMS));
    }

    @GuestTest
    void accessTellsWhatTheGuestGets(@Guest(5) XenStore guest, XenStore dom0, GuestStore store, StoreKind kind)
            throws InterruptedException {
        store.createDomain(9);
        List<String> mismatches = new ArrayList<>();
        for (Case c : CASES) {
            String path = fresh(dom0, c, "access");
            DomainAccess access = dom0.access(5, path);
            Set<Operation> expected = c.expected(access.allowed(), kind);
            EnumSet<Operation> actual = EnumSet.noneOf(Operation.class);
            for (Operation operation : Operation.values()) {
                if (attempt(guest, dom0, operation, fresh(dom0, c, operation.name()))) {
                    actual.add(operation);
                }
            }
            if (!expected.equals(actual)) {
                mismatches.add(c.id() + ": access says " + expected + ", the guest got " + actual + "\n" + access);
            }
        }
        dom0.delete(BASE);
        assertEquals("", String.join("\n", mismatches), kind.displayName());
    }

    @GuestTest
    void accessCannotTellTheSpecialNodesOnC(XenStore dom0, StoreKind kind) {
        for (String special : List.of("@introduceDomain", "@releaseDomain")) {
            if (kind.expectedAs() == StoreKind.XENSTORED) {
                XenStoreException e = assertThrows(XenStoreException.class, () -> dom0.access(5, special));
                assertEquals("EINVAL", e.errorName());
            } else {
                // oxenstored tells dom0 their permissions ([n0]): a guest may neither set them nor see their events.
                assertEquals(Set.of(), dom0.access(5, special).allowed(), special);
            }
        }
    }

    /** A fresh copy of the case: {@code BASE/case/copy} with the parent's permissions, and its node. */
    private static String fresh(XenStore dom0, Case c, String copy) {
        String parent = BASE + "/" + c.id() + "/" + copy;
        if (dom0.exists(parent)) {
            dom0.delete(parent);
        }
        dom0.write(parent, "p");
        dom0.setPerms(parent, c.parent());
        String node = parent + "/node";
        if (c.node() != null) {
            dom0.write(node, "n");
            dom0.setPerms(node, c.node());
        }
        return node;
    }

    /** Whether the guest may do it: the store did it, or refused it only with ENOENT. */
    private static boolean attempt(XenStore guest, XenStore dom0, Operation operation, String path)
            throws InterruptedException {
        if (operation == Operation.WATCH_EVENTS) {
            return seesAnEvent(guest, dom0, path);
        }
        try {
            switch (operation) {
                case READ -> guest.read(path);
                case WRITE -> guest.write(path, "g");
                case CREATE_CHILD -> guest.write(path + "/kid", "g");
                case REMOVE -> guest.delete(path);
                case SET_PERMS -> guest.setPerms(path, perms("n5 r0"));
                default -> throw new IllegalArgumentException(operation.name());
            }
            return true;
        } catch (XenStoreException e) {
            return switch (e.errorName()) {
                case "ENOENT" -> true;
                case "EACCES", "EPERM" -> false;
                default -> throw e;
            };
        }
    }

    /** Whether the guest, watching the path, gets an event when dom0 writes it (creating it when missing). */
    private static boolean seesAnEvent(XenStore guest, XenStore dom0, String path) throws InterruptedException {
        try (Monitor monitor = guest.monitor()) {
            monitor.watch(path, "w");
            while (monitor.poll(EVENT_MILLIS, TimeUnit.MILLISECONDS) != null) {
                // the initial event, which comes whatever the permissions
            }
            dom0.write(path, "changed");
            guest.getDomainPath(5); // the store queues the event before the reply to the guest's next request
            for (WatchEvent event; (event = monitor.poll(EVENT_MILLIS, TimeUnit.MILLISECONDS)) != null; ) {
                if (event.path().equals(path)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static List<Permission> perms(String entries) {
        return Arrays.stream(entries.split(" ")).map(Permission::parse).toList();
    }
}
