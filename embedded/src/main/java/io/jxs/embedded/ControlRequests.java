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

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * C xenstored 4.17's CONTROL commands (dom0 only), with C's argument checks (EINVAL for a wrong count) and replies:
 * {@code check}, {@code log on|off}, {@code logfile FILE}, {@code print TEXT} (OK: the store keeps no log),
 * {@code memreport} (EINVAL, as C without a trace file), {@code live-update} (only C's answers without a
 * live-update session), {@code help} (C's text, as Debian builds it) and the quotas: {@code quota} (the settings),
 * {@code quota N} (domain N's usage), {@code quota set NAME VALUE}, {@code quota-soft} and
 * {@code quota-soft set memory VALUE}.
 */
final class ControlRequests {

    /** C's {@code help} text, one line per command of its table. */
    private static final String HELP = "check\t\nlog\ton|off\nlive-update\t[-c <cmdline>] [-F] [-t <timeout>] <file>\n"
            + "    Default timeout is 60 seconds.\nlogfile\t<file>\nmemreport\t[<file>]\nprint\t<string>\n"
            + "quota\t[set <name> <val>|<domid>]\nquota-soft\t[set <name> <val>]\nhelp\t\n";

    /** C's {@code max_pars} of {@code live-update}: arguments beyond it are ignored. */
    private static final int LIVE_UPDATE_MAX_PARS = 5;

    private final Store store;
    private final WatchNotifier watches;
    private final Domains domains;
    private final AtomicReference<Quotas> quotas;

    ControlRequests(Store store, WatchNotifier watches, Domains domains, AtomicReference<Quotas> quotas) {
        this.store = store;
        this.watches = watches;
        this.domains = domains;
        this.quotas = quotas;
    }

    /**
     * Carries out a CONTROL request.
     *
     * @throws ErrnoException EINVAL for an unknown command or a wrong argument count, ENOENT for {@code quota N} of a
     *                        domain C has no record of
     */
    byte[] control(byte[] payload) {
        List<String> args = Wire.strings(payload, Integer.MAX_VALUE);
        if (args.isEmpty()) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        List<String> rest = args.subList(1, args.size());
        int num = rest.size();
        switch (args.get(0)) {
            case "check":
                return ack(num == 0);
            case "log":
                return ack(num == 1 && (rest.get(0).equals("on") || rest.get(0).equals("off")));
            case "logfile":
            case "print":
                return ack(num == 1);
            case "memreport":
                // C: EBADF without a trace file (sent as EINVAL, which it is not a wire word); with a file, a talloc
                // report the store does not have.
                throw new ErrnoException(ErrnoException.EINVAL);
            case "live-update":
                return reply(LiveUpdate.answer(rest.subList(0, Math.min(num, LIVE_UPDATE_MAX_PARS - 1))));
            case "help":
                ack(num == 0);
                return reply(HELP);
            case "quota":
                if (rest.isEmpty()) {
                    return reply(settings());
                }
                if (rest.get(0).equals("set")) {
                    return set(rest.subList(1, rest.size()), false);
                }
                if (rest.size() != 1) {
                    throw new ErrnoException(ErrnoException.EINVAL);
                }
                return reply(usage(CNumberParser.atoi(rest.get(0))));
            case "quota-soft":
                if (rest.isEmpty()) {
                    return reply(String.format("Quota settings:\n%-17s: %8d %s\n", "memory", quotas.get().memorySoft(),
                            "Total Xenstore memory per domain (warning level)"));
                }
                if (rest.get(0).equals("set")) {
                    return set(rest.subList(1, rest.size()), true);
                }
                throw new ErrnoException(ErrnoException.EINVAL);
            default:
                throw new ErrnoException(ErrnoException.EINVAL);
        }
    }

    /** OK when the arguments are right, else EINVAL. */
    private static byte[] ack(boolean argumentsRight) {
        if (!argumentsRight) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        return RequestDispatcher.OK;
    }

    private static byte[] reply(String text) {
        return (text + "\0").getBytes(StandardCharsets.ISO_8859_1);
    }

    private String settings() {
        StringBuilder text = new StringBuilder("Quota settings:\n");
        for (Object[] quota : quotas.get().hardList()) {
            text.append(String.format("%-17s: %8d %s\n", quota));
        }
        return text.toString();
    }

    /** C's {@code quota_set}: a value below 1 or an unknown name is EINVAL. */
    private byte[] set(List<String> args, boolean soft) {
        if (args.size() != 2) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        int value = CNumberParser.atoi(args.get(1));
        if (value < 1) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        String name = args.get(0);
        if (soft) {
            if (!name.equals("memory")) {
                throw new ErrnoException(ErrnoException.EINVAL);
            }
            quotas.set(quotas.get().withMemorySoft(value));
            return RequestDispatcher.OK;
        }
        try {
            quotas.set(quotas.get().with(name, value));
        } catch (IllegalArgumentException e) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        return RequestDispatcher.OK;
    }

    /** C's {@code domain_get_quota}. */
    private String usage(int domid) {
        if (!domains.hasRecord(domid)) {
            throw new ErrnoException(ErrnoException.ENOENT);
        }
        int transactions = 0;
        for (ClientConnection connection : watches.connectionsOf(domid)) {
            transactions += connection.transactionCount();
        }
        int watchCount = domid == 0 ? 0 : watches.watchCount(domid);
        long memory = new MemoryAccount(store, watches, quotas).memory(domid);
        return String.format("Domain %d:\n%-16s: %8d\n%-16s: %8d\n%-16s: %8d\n%-16s: %8d\n%-16s: %8d\n",
                Integer.toUnsignedLong(domid), "nodes", store.ownedNodes(domid), "watches", watchCount,
                "transactions", domid == 0 ? 0 : transactions, "outstanding", watches.outstanding().count(domid), "memory",
                memory);
    }
}
