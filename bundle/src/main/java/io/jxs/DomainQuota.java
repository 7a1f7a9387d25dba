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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one domain uses of its quotas, from the daemon's reply to {@code CONTROL quota N}. C xenstored
 * counts nodes, watches, transactions, outstanding requests and memory ({@code Domain 5:} then one
 * {@code name : value} line each); oxenstored only the nodes, with their limit ({@code dom5 quota: 5/1000},
 * or {@code dom5 quota: not set} for a domain that owns no node).
 *
 * @param domid the domain
 * @param usage what it uses, by the quota's name ({@code nodes}, {@code watches}, ...), in the daemon's order
 * @param nodeLimit the node limit, where the daemon tells it (oxenstored)
 */
public record DomainQuota(int domid, Map<String, Integer> usage, OptionalInt nodeLimit) {
    private static final Pattern C_LINE = Pattern.compile("(\\S+)\\s*:\\s*(-?\\d+)");
    private static final Pattern OCAML = Pattern.compile("dom(\\d+) quota: (?:(\\d+)/(\\d+)|not set)");

    /**
     * Copies the usage, keeping its order.
     *
     * @throws NullPointerException when {@code usage} or {@code nodeLimit} is null
     */
    public DomainQuota {
        usage = Collections.unmodifiableMap(new LinkedHashMap<>(usage));
        Objects.requireNonNull(nodeLimit, "nodeLimit");
    }

    /**
     * Returns how many nodes the domain owns.
     *
     * @return the count; 0 when the daemon counts none for it
     */
    public int nodes() {
        return usage.getOrDefault(Quota.NODES.controlName(), 0);
    }

    /**
     * Returns what the domain uses of a quota.
     *
     * @param quota the quota
     * @return the amount, or empty when the daemon does not count it
     */
    public OptionalInt used(Quota quota) {
        Integer used = usage.get(quota.controlName());
        return used == null ? OptionalInt.empty() : OptionalInt.of(used);
    }

    /**
     * Parses either daemon's reply to {@code CONTROL quota N}.
     *
     * @param domid the domain asked about
     * @param reply the reply text
     * @return the usage
     * @throws UnexpectedPacketException when the reply is in neither daemon's format, or about another domain
     */
    public static DomainQuota parse(int domid, String reply) {
        String text = reply.strip();
        Matcher ocaml = OCAML.matcher(text);
        if (ocaml.matches()) {
            checkDomain(domid, ocaml.group(1), reply);
            if (ocaml.group(2) == null) {
                return new DomainQuota(domid, Map.of(Quota.NODES.controlName(), 0), OptionalInt.empty());
            }
            return new DomainQuota(domid, Map.of(Quota.NODES.controlName(), Integer.parseInt(ocaml.group(2))),
                    OptionalInt.of(Integer.parseInt(ocaml.group(3))));
        }
        String[] lines = text.split("\n");
        if (!lines[0].startsWith("Domain ") || !lines[0].endsWith(":")) {
            throw new UnexpectedPacketException("CONTROL quota " + domid + " answered '" + text + "'");
        }
        checkDomain(domid, lines[0].substring("Domain ".length(), lines[0].length() - 1), reply);
        Map<String, Integer> usage = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            Matcher m = C_LINE.matcher(lines[i].strip());
            if (!m.matches()) {
                throw new UnexpectedPacketException("CONTROL quota " + domid + " answered the line '" + lines[i] + "'");
            }
            usage.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return new DomainQuota(domid, usage, OptionalInt.empty());
    }

    private static void checkDomain(int domid, String named, String reply) {
        if (!named.equals(Integer.toString(domid))) {
            throw new UnexpectedPacketException("CONTROL quota " + domid + " answered for another domain: '"
                    + reply.strip() + "'");
        }
    }
}
