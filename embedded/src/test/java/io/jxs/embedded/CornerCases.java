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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scripted sequences for the protocol's corner cases, each run on fresh daemons by {@link DifferentialIT}. */
final class CornerCases {

    private final List<Step> steps = new ArrayList<>();

    private CornerCases() {
    }

    static Map<String, List<Step>> all() {
        Map<String, List<Step>> all = new LinkedHashMap<>();
        all.put("initial tree and generation counts", initialTree());
        all.put("implicit parents, binary values, relative paths", tree());
        all.put("path validity and length limits", paths());
        all.put("payload limit closes the connection", payloadLimit());
        all.put("large directories: E2BIG and DIRECTORY_PART", largeDirectory());
        all.put("watches", watches());
        all.put("domains and special watches", domains());
        all.put("transactions", transactions());
        all.put("permission lists", permissions());
        all.put("commit after a released domain's node count changed: ENOMEM", releasedOwners());
        all.put("unknown types, control, argument framing", framing());
        return all;
    }

    private CornerCases s(int connection, int type, int tx, String payload) {
        steps.add(Step.of(connection, type, tx, payload));
        return this;
    }

    private CornerCases s(int type, String payload) {
        return s(0, type, 0, payload);
    }

    private static List<Step> initialTree() {
        CornerCases c = new CornerCases();
        c.s(Wire.DIRECTORY_PART, "/\0" + "0\0").s(Wire.DIRECTORY_PART, "/tool\0" + "0\0")
                .s(Wire.DIRECTORY_PART, "/tool/xenstored\0" + "0\0").s(Wire.DIRECTORY, "/\0").s(Wire.READ, "/\0")
                .s(Wire.GET_PERMS, "/\0").s(Wire.GET_PERMS, "/tool\0").s(Wire.DIRECTORY, "/local\0")
                .s(Wire.READ, "/local/domain/0\0").s(Wire.GET_DOMAIN_PATH, "0\0");
        return c.steps;
    }

    private static List<Step> tree() {
        CornerCases c = new CornerCases();
        c.s(Wire.WRITE, "/a/b/c\0v\0a\0l").s(Wire.DIRECTORY, "/\0").s(Wire.DIRECTORY, "/a\0").s(Wire.READ, "/a\0")
                .s(Wire.READ, "/a/b/c\0").s(Wire.DIRECTORY_PART, "/a\0" + "0\0").s(Wire.DIRECTORY_PART, "/\0" + "0\0")
                .s(Wire.WRITE, "/a/b/c\0").s(Wire.READ, "/a/b/c\0").s(Wire.WRITE, "/a/b/c\0\0\0")
                .s(Wire.READ, "/a/b/c\0").s(Wire.WRITE, "rel/x\0r").s(Wire.READ, "/local/domain/0/rel/x\0")
                .s(Wire.DIRECTORY, "/local/domain\0").s(Wire.DIRECTORY, "\0\0".substring(1)).s(Wire.MKDIR, "/a\0")
                .s(Wire.MKDIR, "/m/n\0").s(Wire.DIRECTORY_PART, "/m\0" + "0\0").s(Wire.RM, "/m/n/o/p\0")
                .s(Wire.RM, "/m/n/o\0").s(Wire.RM, "/m\0").s(Wire.RM, "/\0").s(Wire.RM, "/m\0")
                .s(Wire.DIRECTORY_PART, "/\0" + "0\0").s(Wire.SET_PERMS, "/a\0b0\0r3\0")
                .s(Wire.WRITE, "/a/new/deep\0").s(Wire.GET_PERMS, "/a/new\0").s(Wire.GET_PERMS, "/a/new/deep\0")
                .s(Wire.GET_PERMS, "/a/b\0").s(Wire.READ, "/tool/xenstored\0");
        return c.steps;
    }

    private static List<Step> paths() {
        CornerCases c = new CornerCases();
        for (String bad : new String[] {"/a/", "//a", "/a//b", "/a b", "a/", "/\u00e9", "@introduceDomain", "@x", "/a\tb"}) {
            c.s(Wire.READ, bad + "\0").s(Wire.WRITE, bad + "\0v");
        }
        c.s(Wire.WRITE, "\0v").s(Wire.WRITE, "/ok-_@Z9\0v").s(Wire.READ, "/ok-_@Z9\0");
        for (int n : new int[] {2047, 2048, 2049}) {
            String a = "a".repeat(n);
            c.s(Wire.WRITE, "/" + a.substring(1) + "\0").s(Wire.READ, "/local/domain/0/" + a + "\0")
                    .s(Wire.READ, a + "\0").s(Wire.READ, "/local/domain/12345/" + a + "\0")
                    .s(Wire.READ, "/local/domain/123456/" + a.substring(8) + "\0")
                    .s(Wire.READ, "/local/domain/1x/" + a.substring(4) + "\0")
                    .s(Wire.WATCH, "@" + a.substring(1) + "\0t\0").s(Wire.WATCH, "/" + a.substring(1) + "\0t\0")
                    .s(Wire.RM, "/" + a.substring(1) + "\0");
        }
        return c.steps;
    }

    private static List<Step> payloadLimit() {
        CornerCases c = new CornerCases();
        c.s(Wire.WRITE, "/big\0" + "v".repeat(4091)).s(Wire.READ, "/big\0").s(1, Wire.WATCH, 0, "/big\0w\0")
                .s(Wire.WRITE, "/big\0" + "v".repeat(4092)).s(Wire.READ, "/big\0").s(2, Wire.READ, 0, "/big\0");
        return c.steps;
    }

    private static List<Step> largeDirectory() {
        CornerCases c = new CornerCases();
        for (int i = 0; i < 230; i++) {
            c.s(Wire.WRITE, String.format("/big/child-with-a-long-name-%03d\0", i));
            if (i == 130 || i == 150) {
                c.s(Wire.DIRECTORY, "/big\0").s(Wire.DIRECTORY_PART, "/big\0" + "0\0");
            }
        }
        c.s(Wire.DIRECTORY, "/big\0");
        for (int offset : new int[] {0, 1, 31, 32, 4000, 4064, 4096, 4097, 6000, 7359, 7360, 7361, 100000}) {
            c.s(Wire.DIRECTORY_PART, "/big\0" + offset + "\0");
        }
        c.s(Wire.DIRECTORY_PART, "/big\0" + "0").s(Wire.DIRECTORY_PART, "/big\0" + "0\0x\0")
                .s(Wire.DIRECTORY_PART, "/big\0" + "-5\0").s(Wire.DIRECTORY_PART, "/big\0" + "zz\0")
                .s(Wire.DIRECTORY_PART, "/nothing\0" + "0\0").s(Wire.DIRECTORY_PART, "/nothing/more\0" + "0\0");
        return c.steps;
    }

    private static List<Step> watches() {
        CornerCases c = new CornerCases();
        c.s(1, Wire.WATCH, 0, "/g\0t1\0").s(1, Wire.WATCH, 0, "/g/h\0t1\0").s(1, Wire.WATCH, 0, "/g/h/i\0t2\0")
                .s(1, Wire.WATCH, 0, "g\0t3\0").s(1, Wire.WATCH, 0, "/\0t4\0").s(1, Wire.WATCH, 0, "@other\0t7\0")
                .s(2, Wire.WATCH, 0, "/g/h/i/j/k\0t9\0").s(2, Wire.WATCH, 5, "/g/h/i/j\0t9\0")
                .s(Wire.WRITE, "/g/h/i/j\0v").s(Wire.WRITE, "/g/h/i/j\0v").s(Wire.MKDIR, "/g/h/i/j\0")
                .s(Wire.MKDIR, "/g/y\0").s(Wire.SET_PERMS, "/g/y\0b0\0").s(Wire.WRITE, "/local/domain/0/g/z\0v")
                .s(Wire.WRITE, "g/z/zz\0").s(Wire.RM, "/g/h\0").s(Wire.RM, "/g/h\0").s(Wire.RM, "g\0")
                .s(Wire.WRITE, "/g\0").s(1, Wire.WATCH, 0, "/g\0t1\0").s(1, Wire.UNWATCH, 0, "/g\0t1\0")
                .s(1, Wire.UNWATCH, 0, "/g\0t1\0").s(1, Wire.UNWATCH, 0, "/local/domain/0/g\0t3\0")
                .s(1, Wire.UNWATCH, 0, "g\0t3\0").s(1, Wire.WATCH, 0, "//g\0t1\0").s(1, Wire.WATCH, 0, "@\0t1\0")
                .s(1, Wire.WATCH, 0, "\0t1\0").s(1, Wire.WATCH, 0, "a\0").s(1, Wire.WATCH, 0, "a\0b\0c\0")
                .s(1, Wire.WATCH, 0, "/w\0\0").s(1, Wire.WATCH, 0, "/w\0tok\0trailing")
                .s(1, Wire.UNWATCH, 0, "a\0").s(1, Wire.UNWATCH, 0, "/nope\0x\0").s(Wire.WRITE, "/w\0")
                .s(1, Wire.RESET_WATCHES, 0, "\0").s(Wire.WRITE, "/g/again\0").s(1, Wire.WATCH, 0, "/g\0t1\0")
                .s(Wire.WATCH, "/g\0own\0").s(Wire.WRITE, "/g\0self").s(Wire.RM, "/g\0");
        return c.steps;
    }

    private static List<Step> domains() {
        CornerCases c = new CornerCases();
        c.s(1, Wire.WATCH, 0, "@introduceDomain\0i\0").s(1, Wire.WATCH, 0, "@releaseDomain\0r\0")
                .s(1, Wire.WATCH, 0, "/\0all\0").s(1, Wire.WATCH, 0, "/x/y\0y\0")
                .s(Wire.INTRODUCE, "1\0" + "5\0" + "7\0").s(Wire.INTRODUCE, "1\0" + "5\0" + "7\0")
                .s(Wire.INTRODUCE, "2\0" + "5\0\0").s(Wire.INTRODUCE, "2\0" + "5\0").s(Wire.INTRODUCE, "2\0" + "5\0" + "x\0")
                .s(Wire.INTRODUCE, "2\0" + "abc\0" + "-1\0").s(Wire.INTRODUCE, "0\0" + "5\0" + "7\0")
                .s(Wire.INTRODUCE, "3\0" + "1\0" + "1\0" + "extra\0").s(Wire.INTRODUCE, "4\0" + "1\0" + "1")
                .s(Wire.IS_DOMAIN_INTRODUCED, "1\0").s(Wire.IS_DOMAIN_INTRODUCED, "4\0")
                .s(Wire.IS_DOMAIN_INTRODUCED, "abc\0").s(Wire.IS_DOMAIN_INTRODUCED, "32752\0")
                .s(Wire.GET_DOMAIN_PATH, "7\0").s(Wire.GET_DOMAIN_PATH, "abc\0").s(Wire.GET_DOMAIN_PATH, "-1\0")
                .s(Wire.GET_DOMAIN_PATH, "70000\0").s(Wire.SET_TARGET, "1\0" + "2\0").s(Wire.SET_TARGET, "1\0" + "4\0")
                .s(Wire.SET_TARGET, "4\0" + "1\0").s(Wire.SET_TARGET, "1\0" + "0\0").s(Wire.SET_TARGET, "1\0")
                .s(Wire.RESUME, "1\0").s(Wire.RESUME, "4\0").s(Wire.RESUME, "0\0").s(Wire.RESUME, "abc\0")
                .s(Wire.WRITE, "/x/y/z\0").s(Wire.WRITE, "/x/q\0").s(Wire.WRITE, "/x/y/k\0")
                .s(Wire.SET_PERMS, "/x/y\0n2\0r1\0").s(Wire.SET_PERMS, "/x/q\0r0\0b2\0").s(Wire.WRITE, "/x/y/k/l\0")
                .s(Wire.GET_PERMS, "/x/y/k/l\0").s(Wire.SET_PERMS, "/x/y/k\0n1\0")
                .s(Wire.RELEASE, "2\0").s(Wire.DIRECTORY, "/x\0").s(Wire.GET_PERMS, "/x/q\0")
                .s(Wire.DIRECTORY_PART, "/x\0" + "0\0").s(Wire.RELEASE, "2\0").s(Wire.RELEASE, "0\0")
                .s(Wire.RELEASE, "abc\0").s(Wire.IS_DOMAIN_INTRODUCED, "2\0").s(Wire.INTRODUCE, "2\0" + "1\0" + "1\0")
                .s(Wire.GET_PERMS, "/x/q\0").s(Wire.RELEASE, "1\0").s(Wire.RELEASE, "3\0")
                .s(Wire.DIRECTORY_PART, "/x\0" + "0\0");
        return c.steps;
    }

    private static List<Step> transactions() {
        CornerCases c = new CornerCases();
        c.s(2, Wire.WATCH, 0, "/\0all\0").s(2, Wire.WATCH, 0, "/m\0m\0").s(2, Wire.WATCH, 0, "/m/n\0mn\0")
                // 1: a read of a missing node records its ancestors: a new sibling of an ancestor conflicts
                .s(Wire.TRANSACTION_START, "\0").s(0, Wire.READ, 1, "/m/n\0").s(1, Wire.WRITE, 0, "/z\0")
                .s(0, Wire.TRANSACTION_END, 1, "T\0")
                // 2: an unrelated write does not conflict
                .s(Wire.WRITE, "/m\0").s(Wire.TRANSACTION_START, "\0").s(0, Wire.READ, 2, "/m\0")
                .s(1, Wire.WRITE, 0, "/z\0").s(0, Wire.DIRECTORY_PART, 2, "/m\0" + "0\0")
                .s(0, Wire.TRANSACTION_END, 2, "T\0")
                // 3: creating below a node that changes meanwhile
                .s(Wire.TRANSACTION_START, "\0").s(0, Wire.WRITE, 3, "/m/n/o\0v").s(1, Wire.WRITE, 0, "/m\0x")
                .s(0, Wire.TRANSACTION_END, 3, "T\0")
                // 4: commit fires the written node only, not its new parents
                .s(Wire.TRANSACTION_START, "\0").s(0, Wire.WRITE, 4, "/m/n/o/p\0v").s(0, Wire.READ, 4, "/m/n/o/p\0")
                .s(0, Wire.DIRECTORY, 4, "/m\0").s(0, Wire.DIRECTORY, 0, "/m\0")
                .s(0, Wire.DIRECTORY_PART, 4, "/m/n/o/p\0" + "0\0").s(0, Wire.TRANSACTION_END, 4, "T\0")
                .s(Wire.DIRECTORY_PART, "/m/n/o/p\0" + "0\0").s(Wire.DIRECTORY_PART, "/m\0" + "0\0")
                // 5: rm in a transaction
                .s(Wire.TRANSACTION_START, "\0").s(0, Wire.RM, 5, "/m/n\0").s(0, Wire.READ, 5, "/m/n/o\0")
                .s(0, Wire.READ, 0, "/m/n/o\0").s(0, Wire.TRANSACTION_END, 5, "T\0")
                // 6: created and removed in one transaction: no event
                .s(Wire.TRANSACTION_START, "\0").s(0, Wire.WRITE, 6, "/m/q\0").s(0, Wire.RM, 6, "/m/q\0")
                .s(0, Wire.SET_PERMS, 6, "/m\0b0\0").s(0, Wire.MKDIR, 6, "/m/r\0").s(0, Wire.TRANSACTION_END, 6, "T\0")
                // 7: two transactions of one connection, second commit conflicts
                .s(Wire.TRANSACTION_START, "\0").s(Wire.TRANSACTION_START, "\0").s(0, Wire.READ, 7, "/m\0")
                .s(0, Wire.WRITE, 8, "/m\0a").s(0, Wire.TRANSACTION_END, 8, "T\0").s(0, Wire.WRITE, 7, "/m/s\0")
                .s(0, Wire.TRANSACTION_END, 7, "T\0")
                // 8: transaction ids are per connection; a foreign id is unknown
                .s(1, Wire.TRANSACTION_START, 0, "\0").s(1, Wire.READ, 9, "/m\0").s(1, Wire.READ, 1, "/m\0")
                // 9: read-only transaction conflicts too; rewriting the same value is a change
                .s(Wire.TRANSACTION_START, "\0").s(0, Wire.READ, 9, "/m\0").s(1, Wire.WRITE, 0, "/m\0a")
                .s(0, Wire.TRANSACTION_END, 9, "T\0")
                // 10: abort, errors, nesting, reset
                .s(Wire.TRANSACTION_START, "xyz").s(0, Wire.WRITE, 10, "/m/t\0").s(0, Wire.TRANSACTION_END, 10, "F\0")
                .s(Wire.READ, "/m/t\0").s(Wire.TRANSACTION_START, "\0").s(0, Wire.TRANSACTION_START, 11, "\0")
                .s(0, Wire.TRANSACTION_START, 99, "\0").s(0, Wire.TRANSACTION_END, 11, "T")
                .s(0, Wire.TRANSACTION_END, 11, "X\0").s(0, Wire.TRANSACTION_END, 11, "T\0\0")
                .s(0, Wire.TRANSACTION_END, 0, "T\0").s(0, Wire.TRANSACTION_END, 99, "T\0")
                .s(0, Wire.WATCH, 11, "/m\0intx\0").s(0, Wire.GET_DOMAIN_PATH, 11, "3\0")
                .s(0, Wire.INTRODUCE, 11, "3\0" + "1\0" + "1\0").s(0, Wire.TRANSACTION_END, 11, "F\0")
                .s(Wire.TRANSACTION_START, "\0").s(Wire.RESET_WATCHES, "\0").s(0, Wire.READ, 12, "/m\0")
                .s(Wire.TRANSACTION_START, "\0").s(Wire.WRITE, "/m/u\0")
                // 11: deleting a subtree whose child list the transaction saw earlier
                .s(Wire.WRITE, "/k/l/m\0").s(Wire.TRANSACTION_START, "\0").s(0, Wire.DIRECTORY, 14, "/k\0")
                .s(1, Wire.WRITE, 0, "/k/new\0").s(0, Wire.RM, 14, "/k\0").s(0, Wire.TRANSACTION_END, 14, "T\0")
                .s(Wire.DIRECTORY, "/k\0");
        return c.steps;
    }

    private static List<Step> permissions() {
        CornerCases c = new CornerCases();
        c.s(Wire.WRITE, "/pp\0");
        for (String p : new String[] {"r1", "b0", "n0\0r1", "w2\0b3", "x1", "r", "rabc", "r0x10", "r-1", "r010",
            "r 5", "R1", "r1x", "n7", "n0\0r7", "n0\0r99\0b-1", "r0\0", "b0\0w0x7\0r 3", "n0x"}) {
            c.s(Wire.SET_PERMS, "/pp\0" + p + "\0").s(Wire.GET_PERMS, "/pp\0");
        }
        c.s(Wire.SET_PERMS, "/pp\0").s(Wire.SET_PERMS, "/pp\0r0").s(Wire.SET_PERMS, "/nope\0r0\0")
                .s(Wire.SET_PERMS, "/nope/x\0r0\0").s(Wire.SET_PERMS, "@introduceDomain\0r0\0")
                .s(Wire.SET_PERMS, "@introduceDomain\0r7\0").s(Wire.SET_PERMS, "@releaseDomain\0n0\0r1\0")
                .s(Wire.SET_PERMS, "@foo\0n0\0").s(Wire.GET_PERMS, "@introduceDomain\0").s(Wire.SET_PERMS, "pp\0b0\0")
                .s(Wire.GET_PERMS, "pp\0").s(Wire.WRITE, "pp/child/g\0").s(Wire.GET_PERMS, "pp/child/g\0")
                .s(Wire.SET_PERMS, "//pp\0r0\0").s(Wire.SET_PERMS, "//pp\0r7\0").s(Wire.SET_PERMS, "/nope\0r7\0")
                .s(Wire.INTRODUCE, "1\0" + "2\0" + "3\0").s(Wire.SET_PERMS, "/pp\0n1\0r2\0b1\0")
                .s(Wire.GET_PERMS, "/pp\0").s(Wire.WRITE, "/pp/o/k\0v").s(Wire.GET_PERMS, "/pp/o/k\0")
                .s(Wire.DIRECTORY_PART, "/pp\0" + "0\0").s(Wire.RELEASE, "1\0").s(Wire.GET_PERMS, "/pp\0")
                .s(Wire.DIRECTORY_PART, "/\0" + "0\0").s(Wire.INTRODUCE, "1\0" + "2\0" + "3\0")
                .s(Wire.WRITE, "/n\0").s(Wire.SET_PERMS, "/n\0n0\0r1\0b4\0").s(Wire.RELEASE, "1\0")
                .s(Wire.GET_PERMS, "/n\0").s(Wire.WRITE, "/n/c\0").s(Wire.GET_PERMS, "/n/c\0");
        return c.steps;
    }

    /** C's transaction_fix_domains: a domain whose node count the transaction changed must still exist. */
    private static List<Step> releasedOwners() {
        CornerCases c = new CornerCases();
        // given to a domain that is released before the commit
        c.s(Wire.INTRODUCE, "3\0" + "1\0" + "1\0").s(Wire.WRITE, "/e\0").s(Wire.TRANSACTION_START, "\0")
                .s(0, Wire.SET_PERMS, 1, "/e\0n3\0").s(1, Wire.RELEASE, 0, "3\0").s(0, Wire.TRANSACTION_END, 1, "T\0")
                .s(Wire.GET_PERMS, "/e\0")
                // a node created under a copy owned by a released domain: ENOMEM wins over the conflict (EAGAIN)
                .s(Wire.INTRODUCE, "4\0" + "1\0" + "1\0").s(Wire.WRITE, "/f\0").s(Wire.SET_PERMS, "/f\0n4\0")
                .s(Wire.TRANSACTION_START, "\0").s(0, Wire.READ, 2, "/f\0").s(1, Wire.RELEASE, 0, "4\0")
                .s(0, Wire.WRITE, 2, "/f/g\0").s(0, Wire.TRANSACTION_END, 2, "T\0").s(Wire.READ, "/f\0")
                // only a conflict: EAGAIN
                .s(Wire.INTRODUCE, "4\0" + "1\0" + "1\0").s(Wire.WRITE, "/h\0").s(Wire.SET_PERMS, "/h\0n4\0")
                .s(Wire.TRANSACTION_START, "\0").s(0, Wire.READ, 3, "/h\0").s(1, Wire.RELEASE, 0, "4\0")
                .s(0, Wire.WRITE, 3, "/h\0v").s(0, Wire.TRANSACTION_END, 3, "T\0")
                // released and introduced again before the commit: fine
                .s(Wire.INTRODUCE, "5\0" + "1\0" + "1\0").s(Wire.WRITE, "/k\0").s(Wire.TRANSACTION_START, "\0")
                .s(0, Wire.SET_PERMS, 4, "/k\0n5\0").s(1, Wire.RELEASE, 0, "5\0")
                .s(1, Wire.INTRODUCE, 0, "5\0" + "1\0" + "1\0").s(0, Wire.TRANSACTION_END, 4, "T\0")
                .s(Wire.GET_PERMS, "/k\0")
                // aborting is always fine
                .s(Wire.INTRODUCE, "6\0" + "1\0" + "1\0").s(Wire.TRANSACTION_START, "\0")
                .s(0, Wire.WRITE, 5, "/m/n\0").s(0, Wire.SET_PERMS, 5, "/m\0n6\0").s(0, Wire.RM, 5, "/m/n\0")
                .s(1, Wire.RELEASE, 0, "6\0").s(0, Wire.TRANSACTION_END, 5, "F\0");
        return c.steps;
    }

    private static List<Step> framing() {
        CornerCases c = new CornerCases();
        for (int type : new int[] {15, 16, 20, 23, 24, 25, 26, 99, 65535}) {
            c.s(Wire.CONTROL, "check\0").s(type, "x\0");
        }
        c.s(Wire.CONTROL, "check\0").s(Wire.CONTROL, "print\0hi\0").s(Wire.CONTROL, "log\0on\0")
                .s(Wire.CONTROL, "bogus\0").s(Wire.CONTROL, "\0\0").s(Wire.WRITE, "/q")
                .s(Wire.WRITE, "/w\0").s(Wire.READ, "/w\0").s(Wire.GET_DOMAIN_PATH, "\0")
                .s(Wire.SET_TARGET, "\0\0").s(Wire.RESET_WATCHES, "x").s(Wire.GET_DOMAIN_PATH, "12 abc\0");
        return c.steps;
    }
}
