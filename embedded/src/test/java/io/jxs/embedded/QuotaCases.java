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

/**
 * Dom0's CONTROL commands as scripted sequences for {@link DifferentialIT}: the quota settings, their changes, and the
 * usage C reports for dom0 and for an introduced domain (nodes and C's memory figure) as nodes, watches and
 * transactions come and go.
 */
final class QuotaCases {

    private final List<Step> steps = new ArrayList<>();

    private QuotaCases() {
    }

    static Map<String, List<Step>> all() {
        Map<String, List<Step>> all = new LinkedHashMap<>();
        all.put("CONTROL commands and quota settings", settings());
        all.put("CONTROL quota 0: dom0's usage", dom0Usage());
        all.put("CONTROL quota N: an introduced domain's usage", domainUsage());
        return all;
    }

    private QuotaCases s(int connection, int type, int tx, String payload) {
        steps.add(Step.of(connection, type, tx, payload));
        return this;
    }

    private QuotaCases s(int type, String payload) {
        return s(0, type, 0, payload);
    }

    private QuotaCases quota(String domid) {
        return s(Wire.CONTROL, "quota\0" + domid + "\0");
    }

    private static List<Step> settings() {
        QuotaCases c = new QuotaCases();
        c.s(Wire.CONTROL, "help\0").s(Wire.CONTROL, "help\0x\0").s(Wire.CONTROL, "quota\0")
                .s(Wire.CONTROL, "quota-soft\0").s(Wire.CONTROL, "quota\0set\0watches\0" + "64\0")
                .s(Wire.CONTROL, "quota\0set\0nodes\0" + "0\0").s(Wire.CONTROL, "quota\0set\0bogus\0" + "5\0")
                .s(Wire.CONTROL, "quota\0set\0memory\0").s(Wire.CONTROL, "quota\0set\0path-max\0" + "100\0")
                .s(Wire.CONTROL, "quota\0").s(Wire.CONTROL, "quota-soft\0set\0memory\0" + "1000\0")
                .s(Wire.CONTROL, "quota-soft\0set\0nodes\0" + "1000\0").s(Wire.CONTROL, "quota-soft\0x\0")
                .s(Wire.CONTROL, "quota-soft\0").s(Wire.CONTROL, "quota\0" + "1\0" + "2\0")
                .s(Wire.CONTROL, "quota\0" + "7\0").s(Wire.CONTROL, "quota\0abc\0")
                .s(Wire.CONTROL, "check\0x\0").s(Wire.CONTROL, "log\0").s(Wire.CONTROL, "log\0maybe\0")
                .s(Wire.CONTROL, "print\0").s(Wire.CONTROL, "QUOTA\0").s(Wire.CONTROL, "quota")
                .s(Wire.CONTROL, "quota\0trailing").s(Wire.CONTROL, "memreport\0").s(Wire.CONTROL, "logfile\0")
                .s(Wire.CONTROL, "logfile\0/dev/null\0").s(Wire.CONTROL, "live-update\0")
                .s(Wire.CONTROL, "live-update\0-a\0").s(Wire.CONTROL, "live-update\0-a\0x\0")
                .s(Wire.CONTROL, "live-update\0-c\0x\0").s(Wire.CONTROL, "live-update\0-c\0")
                .s(Wire.CONTROL, "live-update\0-s\0").s(Wire.CONTROL, "live-update\0-s\0-F\0-t\0" + "5\0")
                .s(Wire.CONTROL, "live-update\0-s\0-t\0").s(Wire.CONTROL, "live-update\0-s\0-x\0")
                .s(Wire.CONTROL, "live-update\0-s\0-F\0-F\0-F\0-x\0").s(Wire.CONTROL, "live-update\0-b\0" + "5\0");
        return c.steps;
    }

    private static List<Step> dom0Usage() {
        QuotaCases c = new QuotaCases();
        c.quota("0").s(Wire.WRITE, "/a\0" + "12345").quota("0").s(Wire.WRITE, "/a/b/c\0").quota("0")
                .s(Wire.SET_PERMS, "/a\0n0\0r1\0b2\0").quota("0").s(Wire.RM, "/a\0").quota("0")
                .s(Wire.WATCH, "/w\0tok\0").quota("0").s(1, Wire.WATCH, 0, "/x/y\0t\0").quota("0")
                .s(Wire.TRANSACTION_START, "\0").quota("0").s(0, Wire.WRITE, 1, "/t\0v").quota("0")
                .s(0, Wire.READ, 1, "/tool\0").quota("0").s(0, Wire.TRANSACTION_END, 1, "T\0").quota("0")
                .s(Wire.UNWATCH, "/w\0tok\0").quota("0").s(Wire.RESET_WATCHES, "\0").quota("0");
        return c.steps;
    }

    private static List<Step> domainUsage() {
        QuotaCases c = new QuotaCases();
        c.quota("5").s(Wire.INTRODUCE, "5\0" + "1\0" + "7\0").quota("5").quota("0")
                .s(Wire.WRITE, "/d5\0v").s(Wire.SET_PERMS, "/d5\0n5\0r0\0").quota("5").quota("0")
                .s(Wire.WRITE, "/d5/c\0" + "0123456789").quota("5").s(Wire.SET_PERMS, "/d5/c\0n5\0").quota("5")
                .s(Wire.MKDIR, "/d5/e\0").quota("5").s(Wire.GET_PERMS, "/d5/e\0").s(Wire.WRITE, "/d5\0longer value")
                .quota("5").s(Wire.SET_PERMS, "/d5\0n0\0").quota("5").quota("0")
                .s(Wire.TRANSACTION_START, "\0").s(0, Wire.WRITE, 1, "/d5/c\0x").quota("5").quota("0")
                .s(0, Wire.TRANSACTION_END, 1, "T\0").quota("5").quota("0")
                .s(Wire.INTRODUCE, "6\0" + "1\0" + "7\0").s(Wire.SET_TARGET, "6\0" + "5\0").quota("6")
                .s(Wire.RELEASE, "5\0").quota("5").s(Wire.RELEASE, "5\0").quota("5").quota("0");
        return c.steps;
    }
}
