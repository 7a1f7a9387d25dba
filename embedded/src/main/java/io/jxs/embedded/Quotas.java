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

import java.util.List;
import java.util.Objects;

/**
 * The limits C xenstored 4.17 applies to unprivileged domains, with its defaults and its command-line options. Dom0
 * (every connection of the main socket) is exempt from all of them except the path length, as in C. Immutable; dom0
 * may change the running store's values with {@code CONTROL quota set NAME VALUE}.
 *
 * <pre>{@code
 * new EmbeddedXenStore(socket, Quotas.defaults().withWatches(64))
 * new EmbeddedXenStore(socket, Quotas.fromOptions(List.of("-W", "64", "-Q", "memory=1048576")))
 * }</pre>
 *
 * @param nodes            nodes a domain may own ({@code -E}, 1000); creating the next gives ENOSPC
 * @param watches          watches of a domain ({@code -W}, 128); C accepts one more, then E2BIG
 * @param transactions     open transactions of a connection ({@code -t}, 10); C accepts one more, then ENOSPC
 * @param outstanding      requests of a domain whose replies are unsent before the store stops reading it
 *                         ({@code -Q outstanding=}, 20)
 * @param transactionNodes nodes one transaction may access ({@code -Q transaction-nodes=}, 1024); then ENOSPC
 * @param memory           memory a domain's nodes and watches may take, in C's bytes ({@code -Q memory=}, 2621440)
 * @param memorySoft       the warning level of {@code memory} ({@code -q memory=}, 2097152); only reported
 * @param nodeSize         a node's record as C stores it (24 bytes, 8 per permission entry, value, child names) must
 *                         stay below this ({@code -S}, 2048); else ENOSPC
 * @param pathMax          longest path below {@code /local/domain/N/}, or whole path elsewhere ({@code -M}, 2048, which
 *                         caps it at 2048); longer paths give EINVAL, for dom0 too
 * @param permissions      entries of a SET_PERMS ({@code -A}, 5); more give ENOSPC
 */
public record Quotas(int nodes, int watches, int transactions, int outstanding, int transactionNodes, int memory,
        int memorySoft, int nodeSize, int pathMax, int permissions) {

    /** C's limit on {@code pathMax} ({@code XENSTORE_REL_PATH_MAX}). */
    public static final int REL_PATH_MAX = 2048;

    private static final Quotas DEFAULTS = new Quotas(1000, 128, 10, 20, 1024, 2 * 1024 * 1024 + 512 * 1024,
            2 * 1024 * 1024, 2048, REL_PATH_MAX, 5);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when {@code pathMax} is below 1 or another value is negative
     */
    public Quotas {
        if (pathMax < 1) {
            throw new IllegalArgumentException("pathMax must be at least 1: " + pathMax);
        }
        for (int value : new int[] {nodes, watches, transactions, outstanding, transactionNodes, memory, memorySoft,
            nodeSize, permissions}) {
            if (value < 0) {
                throw new IllegalArgumentException("quotas cannot be negative: " + value);
            }
        }
    }

    /** C xenstored 4.17's defaults. */
    public static Quotas defaults() {
        return DEFAULTS;
    }

    /**
     * C xenstored's options applied to the defaults: {@code -E -W -t -S -A -M} with a number, {@code -Q NAME=N}
     * ({@code outstanding}, {@code transaction-nodes}, {@code memory}) and {@code -q memory=N}. {@code -M} is capped at
     * 2048 as C caps it.
     *
     * @param options the options and their values, as separate strings
     * @return the quotas
     * @throws IllegalArgumentException for an unknown option or quota name, a missing or non-numeric value
     */
    public static Quotas fromOptions(List<String> options) {
        Quotas quotas = DEFAULTS;
        for (int i = 0; i < options.size(); i++) {
            String option = Objects.requireNonNull(options.get(i), "option");
            if (i + 1 >= options.size()) {
                throw new IllegalArgumentException("missing value after " + option);
            }
            String value = options.get(++i);
            quotas = switch (option) {
                case "-E" -> quotas.with("nodes", number(option, value));
                case "-W" -> quotas.with("watches", number(option, value));
                case "-t" -> quotas.with("transactions", number(option, value));
                case "-S" -> quotas.with("node-size", number(option, value));
                case "-A" -> quotas.with("permissions", number(option, value));
                case "-M" -> quotas.with("path-max", Math.min(REL_PATH_MAX, number(option, value)));
                case "-Q", "-q" -> {
                    int eq = value.indexOf('=');
                    if (eq < 0) {
                        throw new IllegalArgumentException(option + " needs NAME=VALUE: " + value);
                    }
                    String name = value.substring(0, eq);
                    if (option.equals("-q")) {
                        if (!name.equals("memory")) {
                            throw new IllegalArgumentException("unknown soft quota: " + name);
                        }
                        yield quotas.withMemorySoft(number(option, value.substring(eq + 1)));
                    }
                    if (!List.of("outstanding", "transaction-nodes", "memory").contains(name)) {
                        throw new IllegalArgumentException("unknown quota: " + name);
                    }
                    yield quotas.with(name, number(option, value.substring(eq + 1)));
                }
                default -> throw new IllegalArgumentException("unknown option: " + option);
            };
        }
        return quotas;
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number: " + value, e);
        }
    }

    /**
     * This with one hard quota changed, named as C's {@code CONTROL quota} names it: {@code nodes}, {@code watches},
     * {@code transactions}, {@code outstanding}, {@code transaction-nodes}, {@code memory}, {@code node-size},
     * {@code path-max}, {@code permissions}.
     *
     * @param name  the quota's name
     * @param value its new value
     * @return the changed quotas
     * @throws IllegalArgumentException for an unknown name or a value out of range
     */
    public Quotas with(String name, int value) {
        return switch (name) {
            case "nodes" -> new Quotas(value, watches, transactions, outstanding, transactionNodes, memory,
                    memorySoft, nodeSize, pathMax, permissions);
            case "watches" -> new Quotas(nodes, value, transactions, outstanding, transactionNodes, memory,
                    memorySoft, nodeSize, pathMax, permissions);
            case "transactions" -> new Quotas(nodes, watches, value, outstanding, transactionNodes, memory,
                    memorySoft, nodeSize, pathMax, permissions);
            case "outstanding" -> new Quotas(nodes, watches, transactions, value, transactionNodes, memory,
                    memorySoft, nodeSize, pathMax, permissions);
            case "transaction-nodes" -> new Quotas(nodes, watches, transactions, outstanding, value, memory,
                    memorySoft, nodeSize, pathMax, permissions);
            case "memory" -> new Quotas(nodes, watches, transactions, outstanding, transactionNodes, value,
                    memorySoft, nodeSize, pathMax, permissions);
            case "node-size" -> new Quotas(nodes, watches, transactions, outstanding, transactionNodes, memory,
                    memorySoft, value, pathMax, permissions);
            case "path-max" -> new Quotas(nodes, watches, transactions, outstanding, transactionNodes, memory,
                    memorySoft, nodeSize, value, permissions);
            case "permissions" -> new Quotas(nodes, watches, transactions, outstanding, transactionNodes, memory,
                    memorySoft, nodeSize, pathMax, value);
            default -> throw new IllegalArgumentException("unknown quota: " + name);
        };
    }

    /** This with another {@code nodes} quota. */
    public Quotas withNodes(int value) {
        return with("nodes", value);
    }

    /** This with another {@code watches} quota. */
    public Quotas withWatches(int value) {
        return with("watches", value);
    }

    /** This with another {@code transactions} quota. */
    public Quotas withTransactions(int value) {
        return with("transactions", value);
    }

    /** This with another {@code memory} soft quota (warning level). */
    public Quotas withMemorySoft(int value) {
        return new Quotas(nodes, watches, transactions, outstanding, transactionNodes, memory, value, nodeSize, pathMax,
                permissions);
    }

    /** The hard quotas in C's order, as {@code CONTROL quota} lists them. */
    List<Object[]> hardList() {
        return List.of(new Object[] {"nodes", nodes, "Nodes per domain"},
                new Object[] {"watches", watches, "Watches per domain"},
                new Object[] {"transactions", transactions, "Transactions per domain"},
                new Object[] {"outstanding", outstanding, "Outstanding requests per domain"},
                new Object[] {"transaction-nodes", transactionNodes, "Max. number of accessed nodes per transaction"},
                new Object[] {"memory", memory, "Total Xenstore memory per domain (error level)"},
                new Object[] {"node-size", nodeSize, "Max. size of a node"},
                new Object[] {"path-max", pathMax, "Max. length of a node path"},
                new Object[] {"permissions", permissions, "Max. number of permissions per node"});
    }
}
