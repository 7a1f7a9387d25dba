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

import io.jxs.Monitor;
import io.jxs.Permission;
import io.jxs.Router;
import io.jxs.WatchEvent;
import io.jxs.XenStore;
import io.jxs.XenStoreException;
import io.jxs.connection.Op;
import io.jxs.connection.Packet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Rows of the reference table (shared/reference/guest-domains.md, "Guest behaviour: C xenstored vs oxenstored")
 * replayed through the jxs guest client, each asserting the exact result of each daemon. A row is
 * {@code (id, what, action, C xenstored, oxenstored)}; rows run in order, as in the reference, and every
 * mismatch is reported at once. The embedded store, once it serves domains, is one more column: C's.
 *
 * <p>Outcomes are written as in the reference: {@code OK}, {@code OK value}, the error word, {@code TIMEOUT}
 * (no reply), or the watch events {@code [path token, ...]}.
 */
class GuestConformanceIT {

    /** How long a request that the daemon never answers is given before the row says TIMEOUT. */
    private static final long NO_REPLY_MILLIS = 1_000;
    /** How long to wait for watch events that may come. */
    private static final long EVENT_MILLIS = 150;

    /** One row: the action and what each daemon answers. */
    record Row(String id, String what, Action action, String xenstored, String oxenstored) {
        String expected(StoreKind kind) {
            return switch (kind) {
                case XENSTORED -> xenstored;
                case OXENSTORED -> oxenstored;
                case EMBEDDED -> xenstored;
            };
        }
    }

    /** What a row does; returns its outcome, or throws the daemon's refusal. */
    @FunctionalInterface
    interface Action {
        String run() throws Exception;
    }

    private static Row row(String id, String what, Action action, String xenstored, String oxenstored) {
        return new Row(id, what, action, xenstored, oxenstored);
    }

    private static Row same(String id, String what, Action action, String both) {
        return new Row(id, what, action, both, both);
    }

    @GuestTest
    void rowsA_theGuestInItsHome(@Guest(5) GuestDomain g, XenStore dom0, StoreKind kind) {
        XenStore guest = g.client();
        check(kind, List.of(
                same("a4", "guest WRITE /local/domain/5/data/x = hello", ok(() -> guest.write("/local/domain/5/data/x", "hello")), "OK"),
                same("a5", "guest READ /local/domain/5/data/x", () -> value(guest.read("/local/domain/5/data/x")), "OK hello"),
                same("a6", "guest GET_DOMAIN_PATH 5", () -> "OK " + guest.getDomainPath(5), "OK /local/domain/5"),
                same("a7", "guest GET_DOMAIN_PATH 7", () -> "OK " + guest.getDomainPath(7), "OK /local/domain/7"),
                same("a8", "guest WRITE relative data/y = rel", ok(() -> guest.write("data/y", "rel")), "OK"),
                same("a9", "dom0 READ /local/domain/5/data/y", () -> value(dom0.read("/local/domain/5/data/y")), "OK rel"),
                same("a10", "guest READ relative data/y", () -> value(guest.read("data/y")), "OK rel"),
                same("a11", "guest DIRECTORY relative data", () -> "OK " + guest.list("data"), "OK [x, y]"),
                same("a12", "guest GET_PERMS data/x (inherits the parent's)", () -> "OK " + guest.getPerms("data/x"), "OK [n5, r0]"),
                same("a13", "guest MKDIR data/d", ok(() -> guest.mkdir("data/d")), "OK"),
                same("a14", "guest RM data/d", ok(() -> guest.delete("data/d")), "OK"),
                same("a15", "guest READ own missing node data/nope", () -> value(guest.read("data/nope")), "ENOENT"),
                same("a16", "guest SET_PERMS data/x [n5 r0] (keeps the owner)", ok(() -> guest.setPerms("data/x", perms("n5", "r0"))), "OK"),
                same("a17", "guest TRANSACTION_START", () -> raw(g, Op.TRANSACTION_START, 0, ""), "OK 1"),
                same("a18", "guest tx write data/t + commit", () -> {
                    try (var tx = guest.transaction()) {
                        tx.write("data/t", "t");
                        return tx.commit() ? "OK / OK" : "EAGAIN";
                    }
                }, "OK / OK"),
                same("a19", "guest RESET_WATCHES", () -> raw(g, Op.RESET_WATCHES, 0, ""), "OK")));
    }

    @GuestTest
    void rowsB_permissionsAndPrivilegedOperations(@Guest(5) GuestDomain g, XenStore dom0, GuestStore store,
            StoreKind kind) throws InterruptedException {
        XenStore guest = g.client();
        testTree(dom0);
        guest.write("data/x", "x");
        store.createDomain(9);
        try (Monitor monitor = guest.monitor()) {
            check(kind, List.of(
                    same("b1", "guest WRITE /local/domain/0/x", ok(() -> guest.write("/local/domain/0/x", "0")), "EACCES"),
                    row("b2", "guest READ /local/domain/0", () -> value(guest.read("/local/domain/0")), "EACCES", "ENOENT"),
                    same("b3", "guest READ /test/secret [n0]", () -> value(guest.read("/test/secret")), "EACCES"),
                    same("b4", "guest DIRECTORY /test [n0]", () -> "OK " + guest.list("/test"), "EACCES"),
                    same("b5", "guest GET_PERMS /test/secret [n0]", () -> "OK " + guest.getPerms("/test/secret"), "EACCES"),
                    same("b6", "guest WRITE /test/secret [n0]", ok(() -> guest.write("/test/secret", "5")), "EACCES"),
                    same("b7", "guest WRITE /test/secret/child", ok(() -> guest.write("/test/secret/child", "5")), "EACCES"),
                    same("b8", "guest RM /test/secret [n0]", ok(() -> guest.delete("/test/secret")), "EACCES"),
                    same("b9", "guest SET_PERMS /test/secret [n5]", ok(() -> guest.setPerms("/test/secret", perms("n5"))), "EACCES"),
                    row("b10", "guest READ /test/missing (parent [n0])", () -> value(guest.read("/test/missing")), "EACCES", "ENOENT"),
                    row("b11", "guest READ /nonexistent/deep", () -> value(guest.read("/nonexistent/deep")), "EACCES", "ENOENT"),
                    same("b12", "guest READ /test/pub [n0 r5]", () -> value(guest.read("/test/pub")), "OK p"),
                    same("b13", "guest WRITE /test/pub [n0 r5]", ok(() -> guest.write("/test/pub", "5")), "EACCES"),
                    same("b14", "guest READ /test/wo [n0 w5]", () -> value(guest.read("/test/wo")), "EACCES"),
                    same("b15", "guest WRITE /test/wo [n0 w5]", ok(() -> guest.write("/test/wo", "5")), "OK"),
                    same("b16", "guest WRITE /test/open [n0 b5]", ok(() -> guest.write("/test/open", "5")), "OK"),
                    same("b16b", "guest WRITE /test/open/kid", ok(() -> guest.write("/test/open/kid", "5")), "OK"),
                    row("b16c", "dom0 GET_PERMS /test/open/kid (the creator owns it on C only)",
                            () -> "OK " + dom0.getPerms("/test/open/kid"), "OK [n5, b5]", "OK [n0, b5]"),
                    row("b17", "guest SET_PERMS data/x [n0] (change owner)", ok(() -> guest.setPerms("data/x", perms("n0"))), "EPERM", "EACCES"),
                    row("b18", "guest SET_PERMS data/x [n7] (no such domain)", ok(() -> guest.setPerms("data/x", perms("n7"))), "ENOENT", "EACCES"),
                    row("b18b", "guest SET_PERMS data/x [n9] (domain 9 exists, not introduced)",
                            ok(() -> guest.setPerms("data/x", perms("n9"))), "EPERM", "EACCES"),
                    same("b19", "guest MKDIR /local/domain/6", ok(() -> guest.mkdir("/local/domain/6")), "EACCES"),
                    same("b20", "guest WRITE / (root)", () -> raw(g, Op.WRITE, 0, "/", "r"), "EACCES"),
                    same("b21", "guest INTRODUCE 9 1 9", ok(() -> guest.introduceDomain(9, 1, 9)), "EACCES"),
                    same("b22", "guest INTRODUCE 5 1 5 (itself)", ok(() -> guest.introduceDomain(5, 1, 5)), "EACCES"),
                    same("b23", "guest RELEASE 5 (itself)", ok(() -> guest.releaseDomain(5)), "EACCES"),
                    same("b24", "guest RELEASE 9", ok(() -> guest.releaseDomain(9)), "EACCES"),
                    same("b25", "guest SET_TARGET 5 0", ok(() -> guest.setTarget(5, 0)), "EACCES"),
                    same("b26", "guest IS_DOMAIN_INTRODUCED 5", () -> "OK " + guest.isDomainIntroduced(5), "EACCES"),
                    same("b27", "guest RESUME 5", ok(() -> guest.resumeDomain(5)), "EACCES"),
                    row("b28", "guest CONTROL print", () -> raw(g, Op.CONTROL, 0, "print"), "EACCES", "OK"),
                    same("b29", "guest SET_PERMS @introduceDomain [n5]",
                            ok(() -> guest.setPerms("@introduceDomain", perms("n5"))), "EACCES"),
                    row("b30", "guest GET_PERMS @introduceDomain", () -> "OK " + guest.getPerms("@introduceDomain"), "EINVAL", "EACCES"),
                    // b31 sends op 99 in the reference; a jxs Packet carries only known ops, so INVALID (65535) goes instead.
                    same("b31", "guest unknown op (65535)", () -> raw(g, Op.INVALID, 0, ""), "ENOSYS"),
                    same("b32", "guest READ with a bad path char (raw: jxs refuses it)", () -> raw(g, Op.READ, 0, "/local/domain/5/a b"), "EINVAL"),
                    same("b33", "guest READ with a trailing slash data/ (raw)", () -> raw(g, Op.READ, 0, "data/"), "EINVAL"),
                    row("b34", "guest READ in unknown transaction 77 (raw)", () -> raw(g, Op.READ, 77, "data/x"), "ENOENT", "EIO"),
                    same("b35", "guest WATCH /test/secret sec (unreadable node)", ok(() -> monitor.watch("/test/secret", "sec")), "OK"),
                    same("b36", "guest events right after that WATCH", () -> events(monitor), "[/test/secret sec]")));
        }
    }

    @GuestTest
    void rowsC_quotas(@Guest(5) GuestDomain g, StoreKind kind) {
        XenStore guest = g.client();
        guest.write("data/x", "x");
        String home = "/local/domain/5/";
        check(kind, List.of(
                row("c1", "guest WATCH count accepted, then the error", () -> {
                    try (Monitor monitor = guest.monitor()) {
                        return untilRefused(200, i -> monitor.watch("data/w" + i, "t"));
                    }
                }, "129 accepted, then E2BIG", "101 accepted, then EQUOTA"),
                same("c1b", "guest same path+token WATCH twice (raw)",
                        () -> raw(g, Op.WATCH, 0, "data/dup", "d") + " / " + raw(g, Op.WATCH, 0, "data/dup", "d"), "OK / EEXIST"),
                row("c2", "guest concurrent TRANSACTION_START accepted, then the error (raw)", () -> {
                    List<String> ids = new ArrayList<>();
                    String outcome = untilRefused(20, i -> {
                        String reply = raw(g, Op.TRANSACTION_START, 0, "");
                        if (!reply.startsWith("OK ")) {
                            throw new XenStoreException(reply, reply);
                        }
                        ids.add(reply.substring(3));
                    });
                    for (String id : ids) {
                        raw(g, Op.TRANSACTION_END, Integer.parseInt(id), "F");
                    }
                    return outcome;
                }, "11 accepted, then ENOSPC", "11 accepted, then EQUOTA"),
                row("c4", "guest value sizes 2007, 2008, 2048, 2049 on new leaves",
                        () -> sizes(size -> guest.write("data/v" + size, new byte[size]), 2007, 2008, 2048, 2049),
                        "2007 OK, 2008 ENOSPC, 2048 ENOSPC, 2049 ENOSPC", "2007 OK, 2008 OK, 2048 OK, 2049 E2BIG"),
                row("c5", "guest SET_PERMS with 5 and 6 entries (owner + domains that do not exist)",
                        () -> sizes(entries -> guest.setPerms("data/x", permsOf(entries)), 5, 6),
                        "5 OK, 6 ENOSPC", "5 OK, 6 OK"),
                // Paths of short components: one long name would fill its parent's record first on C (ENOSPC).
                same("c6", "guest absolute path lengths 2064 and 2065 under /local/domain/5/",
                        () -> sizes(length -> guest.write(longPath(home + "a", length), ""), 2064, 2065),
                        "2064 OK, 2065 EINVAL"),
                same("c6c", "guest relative path lengths 2048 and 2049 (raw: jxs refuses 2049 itself)",
                        () -> "2048 " + raw(g, Op.WRITE, 0, longPath("r", 2048), "")
                                + ", 2049 " + raw(g, Op.WRITE, 0, longPath("r", 2049), ""),
                        "2048 OK, 2049 EINVAL")));
    }

    @GuestTest
    void rowsC_quotasOutsideTheFirstRows(@Guest(5) GuestDomain g, XenStore dom0, StoreKind kind) {
        XenStore guest = g.client();
        guest.write("data/x", "x");
        if (dom0.exists("/g5")) {
            dom0.delete("/g5");
        }
        try {
            check(kind, List.of(
                    row("c4b", "guest value sizes 2007, 2008, 2048, 2049 on the leaf /local/domain/5/vv",
                            () -> sizes(size -> guest.write("/local/domain/5/vv", new byte[size]), 2007, 2008, 2048, 2049),
                            "2007 OK, 2008 ENOSPC, 2048 ENOSPC, 2049 ENOSPC", "2007 OK, 2008 OK, 2048 OK, 2049 E2BIG"),
                    row("c4c", "dom0 WRITE a 4000-byte value to /local/domain/5/big (owned by 5 through its parent)",
                            ok(() -> dom0.write("/local/domain/5/big", new byte[4000])), "OK", "E2BIG"),
                    row("c5b", "guest SET_PERMS with 5, 6 and 39 entries (owner + r0 repeated)",
                            () -> sizes(entries -> guest.setPerms("data/x", ownerAndReadsByDom0(entries)), 5, 6, 39),
                            "5 OK, 6 ENOSPC, 39 ENOSPC", "5 OK, 6 OK, 39 OK"),
                    same("c6b0", "dom0 WRITE /g5 and SET_PERMS [n5] (owned by 5, outside its home)", ok(() -> {
                        dom0.write("/g5", "");
                        dom0.setPerms("/g5", perms("n5"));
                    }), "OK"),
                    same("c6b", "guest absolute path lengths 2048 and 2049 under /g5",
                            () -> sizes(length -> guest.write(longPath("/g5/", length), ""), 2048, 2049),
                            "2048 OK, 2049 EINVAL")));
        } finally {
            dom0.delete("/g5");
        }
    }

    @GuestTest
    void rowC3_flatChildrenFillTheParentsRecordOnC(@Guest(5) GuestDomain g, XenStore dom0, StoreKind kind) {
        XenStore guest = g.client();
        guest.mkdir("data");
        // The reference's guest owned 5 nodes before c3, so oxenstored took 995 children; here it owns 2 (home, data).
        // C's limit is data's record (24 + 8 per permission + child names, below 2048): the reference's data also
        // held a child, so 422 fitted; the empty data here takes 423 (40 + 10 x 3 + 90 x 4 + 323 x 5 = 2045 bytes).
        check(kind, List.of(
                row("c3", "guest creates data/n0..n1000: accepted, then the error",
                        () -> untilRefused(1001, i -> guest.write("data/n" + i, "")),
                        "423 accepted, then ENOSPC", "998 accepted, then EQUOTA"),
                same("c3c", "guest WRITE the existing node data/n0 after it", ok(() -> guest.write("data/n0", "again")), "OK"),
                same("c3e", "guest RM data (recursive, frees the nodes)", ok(() -> guest.delete("data")), "OK"),
                same("c3e2", "guest WRITE data/n0 after the RM", ok(() -> guest.write("data/n0", "")), "OK")));
    }

    @GuestTest
    void rowsD_watchEvents(@Guest(5) GuestDomain g, XenStore dom0, GuestStore store, StoreKind kind)
            throws InterruptedException {
        XenStore guest = g.client();
        testTree(dom0);
        try (Monitor monitor = guest.monitor(); Monitor control = dom0.monitor()) {
            control.watch("@introduceDomain", "c-intro");
            control.watch("@releaseDomain", "c-rel");
            drain(control);
            GuestDomain[] six = new GuestDomain[1];
            check(kind, List.of(
                    same("d1", "guest WATCH /test/secret [n0]", ok(() -> monitor.watch("/test/secret", "sec")), "OK"),
                    same("d1b", "guest events after it", () -> events(monitor), "[/test/secret sec]"),
                    same("d2", "guest WATCH /test/pub [n0 r5]", ok(() -> monitor.watch("/test/pub", "pub")), "OK"),
                    same("d2b", "guest events after it", () -> events(monitor), "[/test/pub pub]"),
                    same("d3", "guest events after dom0 WRITE /test/secret", () -> {
                        dom0.write("/test/secret", "s2");
                        return events(monitor, guest);
                    }, "[]"),
                    same("d4", "guest events after dom0 WRITE /test/pub", () -> {
                        dom0.write("/test/pub", "p2");
                        return events(monitor, guest);
                    }, "[/test/pub pub]"),
                    same("d5", "guest WATCH relative data, token rel", ok(() -> monitor.watch("data", "rel")), "OK"),
                    same("d5b", "guest events after it", () -> events(monitor), "[data rel]"),
                    same("d6", "guest events after dom0 WRITE /local/domain/5/data/z", () -> {
                        dom0.write("/local/domain/5/data/z", "z");
                        return events(monitor, guest);
                    }, "[data/z rel]"),
                    same("d7", "guest WATCH @introduceDomain", ok(() -> monitor.watch("@introduceDomain", "intro")), "OK"),
                    same("d7b", "guest WATCH @releaseDomain", ok(() -> monitor.watch("@releaseDomain", "rel2")), "OK"),
                    same("d7c", "guest events after the special WATCHes", () -> events(monitor),
                            "[@introduceDomain intro, @releaseDomain rel2]"),
                    same("d8", "dom0 INTRODUCE 6 (as a toolstack: home, perms, INTRODUCE)", ok(() -> six[0] = store.start(6)), "OK"),
                    same("d8b", "guest 5 events after INTRODUCE 6", () -> events(monitor, guest), "[]"),
                    same("d8c", "dom0 events after INTRODUCE 6", () -> events(control), "[@introduceDomain c-intro]"),
                    same("d8d", "guest 6 READ /local/domain/6", () -> value(six[0].client().read("/local/domain/6")), "OK "),
                    same("d9", "dom0 RELEASE 6", ok(() -> dom0.releaseDomain(6)), "OK"),
                    same("d9b", "guest 5 events after RELEASE 6", () -> events(monitor, guest), "[]"),
                    same("d9c", "dom0 events after RELEASE 6", () -> events(control), "[@releaseDomain c-rel]"),
                    same("d9d", "dom0 READ /local/domain/6 after RELEASE 6", () -> value(dom0.read("/local/domain/6")), "ENOENT"),
                    same("d10", "dom0 SET_PERMS @introduceDomain [n0 r5]",
                            ok(() -> dom0.setPerms("@introduceDomain", perms("n0", "r5"))), "OK"),
                    same("d10b", "guest 5 events after a 2nd INTRODUCE 6", () -> {
                        six[0].disconnect();
                        store.reintroduce(6);
                        return events(monitor, guest);
                    }, "[@introduceDomain intro]")));
        } finally {
            dom0.setPerms("@introduceDomain", perms("n0"));
        }
    }

    @GuestTest
    void rowsE_release(@Guest(5) GuestDomain g, XenStore dom0, GuestStore store, StoreKind kind)
            throws InterruptedException {
        XenStore guest = g.client();
        testTree(dom0);
        guest.write("data/x", "x");
        try (Monitor monitor = guest.monitor(); Monitor control = dom0.monitor()) {
            control.watch("@releaseDomain", "c-rel");
            drain(control);
            GuestDomain[] again = new GuestDomain[1];
            check(kind, List.of(
                    same("e0", "guest WATCH /local/domain/5/data (before release)", () -> {
                        monitor.watch("/local/domain/5/data", "abs");
                        drain(monitor);
                        return "OK";
                    }, "OK"),
                    same("e1", "dom0 RELEASE 5", ok(() -> dom0.releaseDomain(5)), "OK"),
                    same("e1b", "dom0 events after RELEASE 5", () -> events(control), "[@releaseDomain c-rel]"),
                    same("e2", "dom0 IS_DOMAIN_INTRODUCED 5", () -> "OK " + flag(dom0.isDomainIntroduced(5)), "OK F"),
                    same("e3", "dom0 READ /local/domain/5/data/x after RELEASE", () -> value(dom0.read("/local/domain/5/data/x")), "ENOENT"),
                    same("e3b", "dom0 GET_PERMS /local/domain/5 after RELEASE", () -> "OK " + dom0.getPerms("/local/domain/5"), "ENOENT"),
                    row("e3c", "dom0 GET_PERMS /test/pub after RELEASE (had r5)", () -> "OK " + dom0.getPerms("/test/pub"),
                            "OK [n0, r5]", "OK [n0]"),
                    same("e4", "guest READ data/x after RELEASE", () -> {
                        try {
                            return value(guest.async().read("data/x").get(NO_REPLY_MILLIS, TimeUnit.MILLISECONDS));
                        } catch (TimeoutException e) {
                            return "TIMEOUT";
                        }
                    }, "TIMEOUT"),
                    same("e5", "guest events after dom0 WRITE /local/domain/5/data/x post-RELEASE", () -> {
                        dom0.write("/local/domain/5/data/x", "after");
                        return events(monitor);
                    }, "[]"),
                    row("e6", "dom0 RELEASE 5 again", ok(() -> dom0.releaseDomain(5)), "ENOENT", "EINVAL"),
                    same("e7", "dom0 re-INTRODUCE 5 (fresh ring)", ok(() -> {
                        g.disconnect();
                        again[0] = store.reintroduce(5);
                    }), "OK"),
                    same("e7a", "dom0 GET_PERMS /local/domain/5/data/x (re-created by dom0 in e5)",
                            () -> "OK " + dom0.getPerms("/local/domain/5/data/x"), "OK [n0]"),
                    // Measured here, not in the reference: the home that dom0 re-created in e5 is dom0's.
                    same("e7b0", "guest READ /local/domain/5 after re-INTRODUCE, the home still [n0]",
                            () -> value(again[0].client().read("/local/domain/5")), "EACCES"),
                    same("e7b", "guest READ /local/domain/5 after dom0 gives the home back [n5 r0]", () -> {
                        dom0.setPerms("/local/domain/5", perms("n5", "r0"));
                        return value(again[0].client().read("/local/domain/5"));
                    }, "OK "),
                    // The new client has no monitor for e0's token, so the row listens on its router: every event.
                    same("e7c", "guest events after re-INTRODUCE and a dom0 WRITE under e0's watch (old watches?)", () -> {
                        List<String> seen = new CopyOnWriteArrayList<>();
                        again[0].router().addListener(new Router.Listener() {
                            @Override
                            public void watchEvent(WatchEvent event) {
                                seen.add(event.path() + " " + event.token());
                            }
                        });
                        dom0.write("/local/domain/5/data/x", "again");
                        again[0].client().getDomainPath(5);
                        Thread.sleep(EVENT_MILLIS);
                        return seen.toString();
                    }, "[]")));
        }
    }

    // ---------------------------------------------------------------- running rows

    private static void check(StoreKind kind, List<Row> rows) {
        List<String> mismatches = new ArrayList<>();
        for (Row row : rows) {
            String actual = outcome(row.action());
            if (!row.expected(kind).equals(actual)) {
                mismatches.add(row.id() + " " + row.what() + ": expected <" + row.expected(kind) + "> but was <" + actual + ">");
            }
        }
        assertEquals("", String.join("\n", mismatches), kind.displayName() + ": rows that differ from the reference");
    }

    private static String outcome(Action action) {
        try {
            return action.run();
        } catch (XenStoreException e) {
            return e.errorName();
        } catch (ExecutionException e) {
            return e.getCause() instanceof XenStoreException x ? x.errorName() : "FAILED " + e.getCause();
        } catch (Exception e) {
            return "FAILED " + e;
        }
    }

    /** A row whose action returns nothing: OK unless it throws. */
    private static Action ok(ThrowingRunnable body) {
        return () -> {
            body.run();
            return "OK";
        };
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface Attempt {
        void run(int i) throws Exception;
    }

    /** Runs attempts 0, 1, ... until one is refused: "N accepted, then WORD". */
    private static String untilRefused(int max, Attempt attempt) throws Exception {
        for (int i = 0; i < max; i++) {
            try {
                attempt.run(i);
            } catch (XenStoreException e) {
                return i + " accepted, then " + e.errorName();
            }
        }
        return max + " accepted";
    }

    /** Runs an attempt per size: "SIZE OK, SIZE WORD, ...". */
    private static String sizes(Attempt attempt, int... sizes) {
        return Arrays.stream(sizes).mapToObj(size -> size + " " + outcome(ok(() -> attempt.run(size))))
                .collect(Collectors.joining(", "));
    }

    /** A path of the given length: the prefix, then components of 9 letters. */
    private static String longPath(String prefix, int length) {
        StringBuilder path = new StringBuilder(prefix);
        while (path.length() < length) {
            path.append(path.length() % 10 == 0 ? '/' : 'c');
        }
        if (path.charAt(length - 1) == '/') {
            path.setCharAt(length - 1, 'z');
        }
        return path.toString();
    }

    private static String value(byte[] bytes) {
        return "OK " + new String(bytes, StandardCharsets.UTF_8);
    }

    private static String flag(boolean value) {
        return value ? "T" : "F";
    }

    private static List<Permission> perms(String... entries) {
        return Arrays.stream(entries).map(Permission::parse).toList();
    }

    /** The owner 5 and entries - 1 read grants to dom0. */
    private static List<Permission> ownerAndReadsByDom0(int entries) {
        List<Permission> perms = new ArrayList<>(List.of(Permission.parse("n5")));
        for (int i = 1; i < entries; i++) {
            perms.add(Permission.parse("r0"));
        }
        return perms;
    }

    /** The owner 5 and entries - 1 read grants to domains 100, 101, ... that do not exist. */
    private static List<Permission> permsOf(int entries) {
        List<Permission> perms = new ArrayList<>(List.of(Permission.parse("n5")));
        for (int i = 1; i < entries; i++) {
            perms.add(new Permission(Permission.Access.READ, 99 + i));
        }
        return perms;
    }

    /**
     * Sends a packet as it is, past the client's own checks: its parts joined by NULs, with a final NUL except
     * for WRITE. Returns the error word, or "OK" / "OK payload".
     */
    private static String raw(GuestDomain g, Op op, int txId, String... parts) throws Exception {
        String text = String.join("\0", parts) + (op == Op.WRITE ? "" : "\0");
        Packet reply;
        try {
            reply = g.router().send(new Packet(op, 0, txId, text.getBytes(StandardCharsets.UTF_8)))
                    .get(NO_REPLY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "TIMEOUT";
        }
        byte[] payload = reply.payload();
        int n = payload.length > 0 && payload[payload.length - 1] == 0 ? payload.length - 1 : payload.length;
        String answer = new String(payload, 0, n, StandardCharsets.UTF_8);
        return reply.op() == Op.ERROR ? answer : answer.equals("OK") ? "OK" : "OK " + answer;
    }

    /** The events that came, as "[path token, ...]". */
    private static String events(Monitor monitor) throws InterruptedException {
        List<String> events = new ArrayList<>();
        for (WatchEvent event; (event = monitor.poll(EVENT_MILLIS, TimeUnit.MILLISECONDS)) != null; ) {
            events.add(event.path() + " " + event.token());
        }
        return events.toString();
    }

    /**
     * The events after a round trip of the guest: the daemon queues an event for the guest before it reads the
     * guest's next request, so any event is in the monitor by the time the reply is.
     */
    private static String events(Monitor monitor, XenStore guest) throws InterruptedException {
        guest.getDomainPath(5);
        return events(monitor);
    }

    private static void drain(Monitor monitor) throws InterruptedException {
        events(monitor);
    }

    /** The reference's tree: /test [n0] with secret [n0], pub [n0 r5] = p, wo [n0 w5], open [n0 b5]. */
    private static void testTree(XenStore dom0) {
        if (dom0.exists("/test")) {
            dom0.delete("/test");
        }
        dom0.write("/test", "");
        dom0.write("/test/secret", "s");
        dom0.write("/test/pub", "p");
        dom0.setPerms("/test/pub", perms("n0", "r5"));
        dom0.write("/test/wo", "w");
        dom0.setPerms("/test/wo", perms("n0", "w5"));
        dom0.write("/test/open", "o");
        dom0.setPerms("/test/open", perms("n0", "b5"));
    }
}
