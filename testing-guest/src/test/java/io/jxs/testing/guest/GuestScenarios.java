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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed sequences that replay the failures issue 19 names (Qubes, xenopsd, xen-api and others), from dom0 (connection
 * 0), guests 5 and 6 (connections 1 and 2) and stub domain 7 of 5 (connection 3).
 */
final class GuestScenarios {

    private static final int DOM0 = 0;
    private static final int G5 = 1;
    private static final int G6 = 2;
    private static final int STUB = 3;

    private GuestScenarios() {
    }

    static Map<String, List<GuestStep>> all() {
        Map<String, List<GuestStep>> all = new LinkedHashMap<>();
        all.put("130 watches (Qubes #5343)", watches130());
        all.put("12 transactions (Qubes #11059)", transactions12());
        all.put("1,001 nodes and a transaction over the node limit (Qubes #5369)", nodes1001());
        all.put("a driver domain removing a parent owned by dom0 (qubes-vmm-xen #92)", driverDomainParent());
        all.put("writes before and after dom0 grants access (xenopsd #446)", grants());
        all.put("owner changes by a guest", ownerChanges());
        all.put("permission-filtered events", filteredEvents());
        all.put("oversize values and permission lists", oversize());
        all.put("privileged operations from a guest", privileged());
        all.put("special nodes' permissions (row b29)", specialPermissions());
        all.put("a stub domain acting for its target (Qubes #1659)", stubDomain());
        all.put("RELEASE and re-INTRODUCE (xen-api #1987)", releaseAndReintroduce());
        all.put("a guest filling its memory quota", memory());
        all.put("transactions at the memory quota", memoryInTransactions());
        return all;
    }

    private static GuestStep step(int connection, int type, String payload) {
        return GuestStep.of(connection, type, payload);
    }

    private static List<GuestStep> watches130() {
        List<GuestStep> steps = new ArrayList<>();
        steps.add(step(DOM0, Ops.WATCH, "/local/domain/5\0dom0\0"));
        for (int i = 0; i < 130; i++) {
            steps.add(step(G5, Ops.WATCH, "data/w" + i + "\0t" + i + "\0"));
        }
        steps.add(step(G5, Ops.WRITE, "data/w1\0x"));
        steps.add(step(G5, Ops.UNWATCH, "data/w1\0t1\0"));
        steps.add(step(G5, Ops.WATCH, "data/w200\0t200\0"));
        steps.add(step(G5, Ops.WATCH, "data/w201\0t201\0"));
        steps.add(step(G5, Ops.RESET_WATCHES, "\0"));
        steps.add(step(G5, Ops.WATCH, "data/w0\0again\0"));
        steps.add(step(G6, Ops.WATCH, "data/w0\0other\0"));
        return steps;
    }

    private static List<GuestStep> transactions12() {
        List<GuestStep> steps = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            steps.add(step(G5, Ops.TRANSACTION_START, "\0"));
        }
        for (int i = 0; i < 12; i++) {
            steps.add(step(DOM0, Ops.TRANSACTION_START, "\0"));
        }
        steps.add(GuestStep.of(G5, Ops.WRITE, 1, "data/t\0in tx"));
        steps.add(GuestStep.of(G5, Ops.TRANSACTION_END, 1, "T\0"));
        steps.add(GuestStep.of(G5, Ops.TRANSACTION_END, 2, "F\0"));
        steps.add(step(G5, Ops.TRANSACTION_START, "\0"));
        steps.add(step(G5, Ops.TRANSACTION_START, "\0"));
        steps.add(step(G5, Ops.TRANSACTION_START, "\0"));
        steps.add(step(G6, Ops.TRANSACTION_START, "\0"));
        steps.add(step(G5, Ops.RESET_WATCHES, "\0"));
        steps.add(step(G5, Ops.TRANSACTION_START, "\0"));
        return steps;
    }

    private static List<GuestStep> nodes1001() {
        List<GuestStep> steps = new ArrayList<>();
        // guest 5 owns its home and data/, data/gK: 1 + 1 + 10 nodes before the values
        for (int i = 0; i < 980; i++) {
            steps.add(step(G5, Ops.WRITE, "data/g" + i / 100 + "/n" + i % 100 + "\0v"));
        }
        steps.add(step(G5, Ops.TRANSACTION_START, "\0"));
        int tx = 1;
        for (int i = 0; i < 12; i++) {
            steps.add(GuestStep.of(G5, Ops.WRITE, tx, "data/tx/n" + i + "\0v"));
        }
        steps.add(GuestStep.of(G5, Ops.TRANSACTION_END, tx, "T\0"));
        for (int i = 980; i < 1001; i++) {
            steps.add(step(G5, Ops.WRITE, "data/h/n" + i + "\0v"));
        }
        steps.add(step(G5, Ops.RM, "data/h/n990\0"));
        steps.add(step(G5, Ops.WRITE, "data/h/again\0v"));
        steps.add(step(G5, Ops.WRITE, "data/h/again2\0v"));
        steps.add(step(DOM0, Ops.WRITE, "/local/domain/5/data/by-dom0\0v"));
        steps.add(step(DOM0, Ops.CONTROL, "quota\0" + "5\0"));
        steps.add(step(G6, Ops.WRITE, "data/fine\0v"));
        return steps;
    }

    private static List<GuestStep> driverDomainParent() {
        return List.of(
                step(DOM0, Ops.MKDIR, "/local/domain/6/backend/vif/5/0\0"),
                step(DOM0, Ops.SET_PERMS, "/local/domain/6/backend/vif/5\0n0\0r6\0"),
                step(DOM0, Ops.SET_PERMS, "/local/domain/6/backend/vif/5/0\0n0\0b6\0"),
                step(G6, Ops.WRITE, "backend/vif/5/0/state\0" + "4"),
                step(G6, Ops.WRITE, "backend/vif/5/1/state\0" + "4"),
                step(G6, Ops.GET_PERMS, "backend/vif/5/0/state\0"),
                step(G6, Ops.RM, "backend/vif/5/0/state\0"),
                step(G6, Ops.RM, "backend/vif/5/0\0"),
                step(G6, Ops.RM, "backend/vif/5\0"),
                step(G6, Ops.RM, "backend/vif\0"),
                step(G6, Ops.DIRECTORY, "backend/vif/5\0"),
                step(DOM0, Ops.SET_PERMS, "/local/domain/6/backend/vif/5\0n0\0b6\0"),
                step(G6, Ops.RM, "backend/vif/5\0"),
                step(G6, Ops.RM, "backend/vif\0"),
                step(DOM0, Ops.DIRECTORY, "/local/domain/6/backend\0"));
    }

    private static List<GuestStep> grants() {
        return List.of(
                step(G5, Ops.WRITE, "/tool/shared/x\0early"),
                step(G5, Ops.READ, "/tool/shared\0"),
                step(DOM0, Ops.MKDIR, "/tool/shared\0"),
                step(G5, Ops.WRITE, "/tool/shared/x\0still early"),
                step(G5, Ops.READ, "/tool/shared\0"),
                step(G5, Ops.READ, "/tool/shared/missing\0"),
                step(DOM0, Ops.SET_PERMS, "/tool/shared\0n0\0r5\0"),
                step(G5, Ops.READ, "/tool/shared\0"),
                step(G5, Ops.READ, "/tool/shared/missing\0"),
                step(G5, Ops.WRITE, "/tool/shared/x\0read only"),
                step(DOM0, Ops.SET_PERMS, "/tool/shared\0n0\0b5\0"),
                step(G5, Ops.WRITE, "/tool/shared/x\0late"),
                step(G5, Ops.GET_PERMS, "/tool/shared/x\0"),
                step(G6, Ops.READ, "/tool/shared/x\0"),
                step(DOM0, Ops.SET_PERMS, "/tool/shared\0r0\0w6\0"),
                step(G6, Ops.READ, "/tool/shared\0"),
                step(G6, Ops.WRITE, "/tool/shared\0by six"),
                step(G6, Ops.WRITE, "/tool/shared/y\0by six"),
                step(G5, Ops.WRITE, "/tool/shared/x\0revoked"),
                step(G5, Ops.READ, "/tool/shared/x\0"),
                step(DOM0, Ops.SET_PERMS, "/tool/shared\0n0\0r3\0"),
                step(DOM0, Ops.GET_PERMS, "/tool/shared\0"));
    }

    private static List<GuestStep> ownerChanges() {
        return List.of(
                step(G5, Ops.WRITE, "data/own\0v"),
                step(G5, Ops.GET_PERMS, "data/own\0"),
                step(G5, Ops.SET_PERMS, "data/own\0n6\0"),
                step(G5, Ops.SET_PERMS, "data/own\0n0\0"),
                step(G5, Ops.SET_PERMS, "data/own\0n3\0"),
                step(G5, Ops.SET_PERMS, "data/own\0n5\0r6\0"),
                step(G6, Ops.READ, "/local/domain/5/data/own\0"),
                step(G6, Ops.WRITE, "/local/domain/5/data/own\0six"),
                step(G5, Ops.SET_PERMS, "data/own\0r5\0w6\0r3\0"),
                step(G6, Ops.WRITE, "/local/domain/5/data/own\0six"),
                step(G6, Ops.GET_PERMS, "/local/domain/5/data/own\0"),
                step(G6, Ops.SET_PERMS, "/local/domain/5/data/own\0n6\0"),
                step(DOM0, Ops.SET_PERMS, "/local/domain/5/data/own\0n6\0r5\0"),
                step(G5, Ops.READ, "data/own\0"),
                step(G5, Ops.SET_PERMS, "data/own\0n5\0"),
                step(G6, Ops.SET_PERMS, "/local/domain/5/data/own\0n6\0b5\0"),
                step(G6, Ops.SET_PERMS, "/local/domain/5/data/own\0n5\0"),
                step(G5, Ops.RM, "data/own\0"),
                step(DOM0, Ops.CONTROL, "quota\0" + "6\0"));
    }

    private static List<GuestStep> filteredEvents() {
        return List.of(
                step(DOM0, Ops.MKDIR, "/tool/ev\0"),
                step(DOM0, Ops.WATCH, "/tool\0dom0\0"),
                step(G5, Ops.WATCH, "/tool/ev\0five\0"),
                step(G6, Ops.WATCH, "/tool/ev\0six\0"),
                step(STUB, Ops.WATCH, "/tool/ev\0stub\0"),
                step(G5, Ops.WATCH, "@introduceDomain\0intro\0"),
                step(G6, Ops.WATCH, "@releaseDomain\0rel\0"),
                step(DOM0, Ops.WRITE, "/tool/ev/a\0v"),
                step(DOM0, Ops.SET_PERMS, "/tool/ev\0n0\0r5\0"),
                step(DOM0, Ops.WRITE, "/tool/ev/b\0v"),
                step(DOM0, Ops.WRITE, "/tool/ev\0v"),
                step(DOM0, Ops.SET_PERMS, "/tool/ev/b\0n0\0r6\0"),
                step(DOM0, Ops.WRITE, "/tool/ev/b\0w"),
                step(DOM0, Ops.SET_PERMS, "/tool/ev/b\0n0\0"),
                step(DOM0, Ops.RM, "/tool/ev/b\0"),
                step(DOM0, Ops.SET_PERMS, "@introduceDomain\0n0\0r5\0"),
                step(DOM0, Ops.SET_PERMS, "@releaseDomain\0n0\0r6\0"),
                step(DOM0, Ops.GET_PERMS, "@releaseDomain\0"),
                step(G5, Ops.WATCH, "@introduceDomain\0intro2\0"),
                step(G6, Ops.WATCH, "@releaseDomain\0rel2\0"),
                step(G5, Ops.WRITE, "data/x\0v"),
                step(DOM0, Ops.RM, "/tool/ev\0"));
    }

    private static List<GuestStep> oversize() {
        String big = "x".repeat(2007);
        return List.of(
                step(G5, Ops.WRITE, "data/v\0" + big),
                step(G5, Ops.WRITE, "data/v\0" + big + "x"),
                step(G5, Ops.SET_PERMS, "data/v\0n5\0r0\0r6\0"),
                step(G5, Ops.WRITE, "data/w\0" + "y".repeat(2008)),
                step(DOM0, Ops.WRITE, "/local/domain/5/data/w\0" + "y".repeat(3000)),
                step(G5, Ops.READ, "data/w\0"),
                step(G5, Ops.WRITE, "data/w\0short"),
                step(G5, Ops.SET_PERMS, "data/p\0n5\0r0\0r6\0r7\0w0\0"),
                step(G5, Ops.MKDIR, "data/p\0"),
                step(G5, Ops.SET_PERMS, "data/p\0n5\0r0\0r6\0r7\0w0\0"),
                step(G5, Ops.SET_PERMS, "data/p\0n5\0r0\0r6\0r7\0w0\0b6\0"),
                step(G5, Ops.GET_PERMS, "data/p\0"),
                step(DOM0, Ops.SET_PERMS, "/local/domain/5/data/p\0n5\0r0\0r6\0r7\0w0\0b6\0r1\0"),
                step(G5, Ops.GET_PERMS, "data/p\0"),
                step(G5, Ops.WRITE, "data/p\0value"),
                step(G5, Ops.WRITE, "data/" + "n".repeat(2100) + "\0v"),
                step(G5, Ops.WRITE, "/local/domain/5/" + "m".repeat(2048) + "\0v"),
                step(G5, Ops.WRITE, "/local/domain/5/" + "m".repeat(2049) + "\0v"));
    }

    private static List<GuestStep> privileged() {
        return List.of(
                step(G5, Ops.INTRODUCE, "9\0" + "1\0" + "9\0"),
                step(G5, Ops.INTRODUCE, "5\0" + "1\0" + "5\0"),
                step(G5, Ops.RELEASE, "6\0"),
                step(G5, Ops.RELEASE, "5\0"),
                step(G5, Ops.SET_TARGET, "6\0" + "5\0"),
                step(G5, Ops.IS_DOMAIN_INTRODUCED, "6\0"),
                step(G5, Ops.RESUME, "5\0"),
                step(G5, Ops.CONTROL, "quota\0"),
                step(G5, Ops.CONTROL, "quota\0" + "5\0"),
                step(G5, Ops.GET_DOMAIN_PATH, "6\0"),
                step(G5, Ops.WRITE, "/local/domain/6/x\0v"),
                step(G5, Ops.MKDIR, "/local/domain/6/x\0"),
                step(G5, Ops.RM, "/local/domain/6\0"),
                step(G5, Ops.READ, "/local/domain\0"),
                step(G5, Ops.DIRECTORY, "/local/domain/6\0"),
                step(G5, Ops.WRITE, "/x\0v"),
                step(G5, Ops.RM, "/\0"),
                step(STUB, Ops.INTRODUCE, "9\0" + "1\0" + "9\0"),
                step(STUB, Ops.SET_TARGET, "7\0" + "6\0"),
                step(DOM0, Ops.IS_DOMAIN_INTRODUCED, "5\0"),
                step(DOM0, Ops.RESUME, "5\0"));
    }

    /**
     * Only the special nodes' SET_PERMS whose answer C 4.17 gives deterministically: a guest that owns them, and an
     * owner naming no domain (ENOENT, checked first). A refused one answers C's stale {@code errno}
     * ({@code set_perms_special}'s EACCES is returned, not set, and {@code do_set_perms} returns {@code errno}: the
     * ENOENT of row b29's lead, EACCES after an EACCES, or no reply and a dead daemon when it is 0), so it is not
     * compared; the embedded store answers EACCES as 4.18 does (embedded/README.md).
     */
    private static List<GuestStep> specialPermissions() {
        return List.of(
                step(G5, Ops.SET_PERMS, "@introduceDomain\0n3\0"),
                step(G5, Ops.GET_PERMS, "@introduceDomain\0"),
                step(G6, Ops.SET_PERMS, "@releaseDomain\0n3\0r5\0"),
                step(DOM0, Ops.SET_PERMS, "@introduceDomain\0n5\0"),
                step(G5, Ops.SET_PERMS, "@introduceDomain\0n5\0r6\0"),
                step(DOM0, Ops.GET_PERMS, "@introduceDomain\0"),
                step(G5, Ops.SET_PERMS, "@introduceDomain\0n6\0"),
                step(G6, Ops.SET_PERMS, "@introduceDomain\0n6\0r5\0r3\0"),
                step(DOM0, Ops.GET_PERMS, "@introduceDomain\0"),
                step(DOM0, Ops.SET_PERMS, "@introduceDomain\0n3\0"),
                step(DOM0, Ops.SET_PERMS, "@releaseDomain\0n7\0"),
                step(STUB, Ops.SET_PERMS, "@releaseDomain\0n7\0r5\0"),
                step(DOM0, Ops.GET_PERMS, "@releaseDomain\0"),
                step(DOM0, Ops.SET_PERMS, "@introduceDomain\0n0\0"));
    }

    private static List<GuestStep> stubDomain() {
        return List.of(
                step(DOM0, Ops.MKDIR, "/local/domain/5/device/vbd\0"),
                step(STUB, Ops.READ, "/local/domain/5\0"),
                step(STUB, Ops.WRITE, "/local/domain/5/device/vbd/768\0stub"),
                step(STUB, Ops.GET_PERMS, "/local/domain/5/device/vbd/768\0"),
                step(STUB, Ops.WRITE, "/local/domain/5/data/x\0stub"),
                step(STUB, Ops.GET_PERMS, "/local/domain/5/data/x\0"),
                step(G5, Ops.READ, "data/x\0"),
                step(G5, Ops.WRITE, "data/mine\0five"),
                step(STUB, Ops.RM, "/local/domain/5/data/mine\0"),
                step(STUB, Ops.READ, "/local/domain/6\0"),
                step(STUB, Ops.WRITE, "/local/domain/6/x\0v"),
                step(STUB, Ops.WRITE, "data/own\0seven"),
                step(G5, Ops.READ, "/local/domain/7/data/own\0"),
                step(STUB, Ops.SET_PERMS, "/local/domain/5/data/x\0n5\0"),
                step(STUB, Ops.SET_PERMS, "/local/domain/5/data/x\0n7\0"),
                step(STUB, Ops.WATCH, "/local/domain/5/data\0stub\0"),
                step(G5, Ops.WRITE, "data/y\0five"),
                step(DOM0, Ops.SET_PERMS, "/local/domain/5/device\0n0\0r5\0"),
                step(STUB, Ops.WRITE, "/local/domain/5/device/z\0stub"),
                step(STUB, Ops.GET_DOMAIN_PATH, "5\0"),
                step(STUB, Ops.IS_DOMAIN_INTRODUCED, "5\0"));
    }

    private static List<GuestStep> releaseAndReintroduce() {
        return List.of(
                step(DOM0, Ops.WATCH, "@releaseDomain\0rel\0"),
                step(DOM0, Ops.WATCH, "@introduceDomain\0intro\0"),
                step(DOM0, Ops.WATCH, "/local/domain/6\0home\0"),
                step(G5, Ops.WATCH, "/local/domain/6/data\0five\0"),
                step(G6, Ops.WRITE, "data/x\0v"),
                step(G6, Ops.SET_PERMS, "data/x\0n6\0r5\0"),
                step(G6, Ops.WATCH, "data\0six\0"),
                step(G6, Ops.TRANSACTION_START, "\0"),
                step(DOM0, Ops.WRITE, "/local/domain/6/by-dom0\0v"),
                step(DOM0, Ops.RELEASE, "6\0"),
                step(G6, Ops.READ, "data/x\0"),
                step(DOM0, Ops.DIRECTORY, "/local/domain/6\0"),
                step(DOM0, Ops.IS_DOMAIN_INTRODUCED, "6\0"),
                step(DOM0, Ops.RELEASE, "6\0"),
                GuestStep.newRing(G6),
                step(DOM0, Ops.WRITE, "/local/domain/6\0"),
                step(DOM0, Ops.SET_PERMS, "/local/domain/6\0n6\0r0\0"),
                step(DOM0, Ops.INTRODUCE, "6\0" + "1\0" + "6\0"),
                step(G6, Ops.READ, "data/x\0"),
                step(G6, Ops.WRITE, "data/x\0again"),
                step(G6, Ops.TRANSACTION_START, "\0"),
                step(DOM0, Ops.IS_DOMAIN_INTRODUCED, "6\0"),
                step(DOM0, Ops.CONTROL, "quota\0" + "6\0"));
    }

    /**
     * Dom0 lowers the hard memory quota to 12,000 bytes: guest 5's writes reach it (ENOMEM), a shrinking write and an
     * RM free memory, dom0's write to a node guest 5 owns is refused too, a watch, its events and a long reply that
     * would pass it are refused or dropped.
     */
    private static List<GuestStep> memory() {
        List<GuestStep> steps = new ArrayList<>();
        steps.add(step(DOM0, Ops.CONTROL, "quota\0" + "5\0"));
        steps.add(step(DOM0, Ops.CONTROL, "quota\0set\0memory\0" + "12000\0"));
        steps.add(step(G5, Ops.WATCH, "data\0" + "five\0"));
        for (int i = 0; i < 7; i++) {
            steps.add(step(G5, Ops.WRITE, "data/m" + i + "\0" + "x".repeat(1900)));
            steps.add(step(DOM0, Ops.CONTROL, "quota\0" + "5\0"));
        }
        steps.add(step(G5, Ops.READ, "data/m0\0"));
        steps.add(step(G5, Ops.WRITE, "data/m0\0" + "x".repeat(100)));
        steps.add(step(G5, Ops.WRITE, "data/m0\0" + "x".repeat(1900)));
        steps.add(step(DOM0, Ops.WRITE, "/local/domain/5/data/m1\0" + "y".repeat(1990)));
        steps.add(step(G5, Ops.RM, "data/m1\0"));
        steps.add(step(DOM0, Ops.CONTROL, "quota\0" + "5\0"));
        // Up to the edge: a further refused write of an existing node gets C's stale errno (see embedded's README).
        for (int i = 0; i < 5; i++) {
            steps.add(step(G5, Ops.WRITE, "data/edge\0" + "z".repeat(1700 + 16 * i)));
            steps.add(step(G5, Ops.WATCH, "data/w" + i + "\0" + "t".repeat(40) + "\0"));
            steps.add(step(DOM0, Ops.CONTROL, "quota\0" + "5\0"));
        }
        steps.add(step(G5, Ops.READ, "data/m0\0"));
        steps.add(step(DOM0, Ops.CONTROL, "quota\0set\0memory\0" + "0\0"));
        steps.add(step(G5, Ops.WRITE, "data/m9\0" + "x".repeat(1900)));
        steps.add(step(DOM0, Ops.CONTROL, "quota\0" + "5\0"));
        return steps;
    }

    private static GuestStep inTransaction(int connection, int txId, int type, String payload) {
        return GuestStep.of(connection, type, txId, payload);
    }

    /**
     * C 4.17 charges a transaction's node copies to the transaction's domain: a read's copy unchecked, a write's with
     * the hard memory quota checked (a creation past it EIO, the transaction failed, its commit ENOMEM), all freed when
     * it ends. Generations (DIRECTORY_PART) and the figure after each refusal show C's order of charging.
     */
    private static List<GuestStep> memoryInTransactions() {
        List<GuestStep> steps = new ArrayList<>();
        String quota5 = "quota\0" + "5\0";
        steps.add(step(DOM0, Ops.CONTROL, "quota\0set\0memory\0" + "12000\0"));
        for (int i = 0; i < 4; i++) {
            steps.add(step(G5, Ops.WRITE, "data/a" + i + "\0" + "x".repeat(1000)));
        }
        steps.add(step(DOM0, Ops.CONTROL, quota5));
        int tx = 1;
        steps.add(step(G5, Ops.TRANSACTION_START, "\0"));
        for (int i = 0; i < 4; i++) {
            steps.add(inTransaction(G5, tx, Ops.READ, "data/a" + i + "\0"));
            steps.add(step(DOM0, Ops.CONTROL, quota5));
        }
        for (int i = 0; i < 5; i++) {
            steps.add(inTransaction(G5, tx, Ops.WRITE, "data/t" + i + "\0" + "y".repeat(1000)));
            steps.add(step(DOM0, Ops.CONTROL, quota5));
        }
        // At the quota C refuses a reply body over 16 bytes (DEFAULT_BUFFER_SIZE) with ENOMEM; a shorter one passes.
        steps.add(inTransaction(G5, tx, Ops.GET_PERMS, "data/t0\0"));
        steps.add(inTransaction(G5, tx, Ops.READ, "data/t0\0"));
        steps.add(step(G5, Ops.READ, "data/a0\0"));
        steps.add(step(DOM0, Ops.READ, "/local/domain/5/data/a0\0"));
        steps.add(inTransaction(G5, tx, Ops.DIRECTORY, "data\0"));
        steps.add(inTransaction(G5, tx, Ops.DIRECTORY_PART, "data\0" + "0\0"));
        steps.add(step(G5, Ops.WATCH, "data\0" + "five\0"));
        steps.add(inTransaction(G5, tx, Ops.TRANSACTION_END, "T\0"));
        steps.add(step(DOM0, Ops.CONTROL, quota5));
        steps.add(step(G5, Ops.DIRECTORY_PART, "data\0" + "0\0"));
        steps.add(step(G5, Ops.WATCH, "data\0" + "five\0"));
        tx++;
        steps.add(step(G5, Ops.TRANSACTION_START, "\0"));
        steps.add(inTransaction(G5, tx, Ops.WRITE, "data/u\0" + "z".repeat(1000)));
        steps.add(step(DOM0, Ops.CONTROL, quota5));
        steps.add(inTransaction(G5, tx, Ops.TRANSACTION_END, "F\0"));
        steps.add(step(DOM0, Ops.CONTROL, quota5));
        // Nested creations in a transaction until one is refused on its first node (the fifth). Refused on a later
        // node (after a watch shrank the margin further), C 4.17 stopped serving the guest: its connection was closed.
        for (int i = 0; i < 6; i++) {
            steps.add(step(G5, Ops.WRITE, "data/f" + i + "\0" + "f".repeat(1000)));
        }
        for (int i = 0; i < 5; i++) {
            tx++;
            steps.add(step(G5, Ops.TRANSACTION_START, "\0"));
            steps.add(inTransaction(G5, tx, Ops.MKDIR, "data/n" + i + "/a/b\0"));
            steps.add(step(DOM0, Ops.CONTROL, quota5));
            steps.add(inTransaction(G5, tx, Ops.DIRECTORY_PART, "data\0" + "0\0"));
            steps.add(inTransaction(G5, tx, Ops.READ, "data/n" + i + "/a\0"));
            steps.add(inTransaction(G5, tx, Ops.TRANSACTION_END, "T\0"));
            steps.add(step(G5, Ops.WATCH, "data/w" + i + "\0" + "t".repeat(40) + "\0"));
            steps.add(step(DOM0, Ops.CONTROL, quota5));
        }
        steps.add(step(G5, Ops.DIRECTORY_PART, "data\0" + "0\0"));
        steps.add(step(DOM0, Ops.CONTROL, "quota\0set\0memory\0" + "0\0"));
        return steps;
    }
}
