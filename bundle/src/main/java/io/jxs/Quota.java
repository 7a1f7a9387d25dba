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

/**
 * A per-domain limit of the XenStore daemon, named as C xenstored 4.17 names it in {@code CONTROL quota}
 * (and in its {@code -Q name=value} option), with C's default.
 *
 * <p>The daemons apply quotas to unprivileged domains only, with one exception: oxenstored refuses a value
 * of more than 2048 bytes from anyone ({@code E2BIG}), dom0 included. oxenstored's defaults differ where
 * noted; both daemons' limits can be changed by their configuration, and dom0 reads C's current ones with
 * {@link XenStore#quota()}.
 */
public enum Quota {
    /** Nodes a domain owns ({@code -E}); C refuses the one past the limit with {@code ENOSPC}, oxenstored with {@code EQUOTA}. */
    NODES("nodes", 1000),
    /**
     * Watches of a domain ({@code -W}); C accepts one more than the limit and refuses the next with
     * {@code E2BIG}, oxenstored (limit 100) also one more, then {@code EQUOTA}.
     */
    WATCHES("watches", 128),
    /** Transactions a domain has open at once ({@code -t}); one more than the limit is accepted, then C says {@code ENOSPC}, oxenstored {@code EQUOTA}. */
    TRANSACTIONS("transactions", 10),
    /** Requests of a domain waiting for their replies; C stops reading the domain's ring instead of refusing. */
    OUTSTANDING("outstanding", 20),
    /**
     * Nodes one transaction may touch (C, {@code ENOSPC}); oxenstored's counterpart counts the requests of a
     * transaction (1024, {@code EQUOTA}).
     */
    TRANSACTION_NODES("transaction-nodes", 1024),
    /** Memory a domain uses in the daemon, in bytes (C's hard limit; {@code ENOMEM}). */
    MEMORY("memory", 2_621_440),
    /**
     * Bytes of one node (C: the whole record, value, permissions and children's names, {@code ENOSPC});
     * oxenstored limits the value alone, to 2048 bytes, {@code E2BIG}.
     */
    NODE_SIZE("node-size", 2048),
    /** Length of a path below the domain's home (a longer one is {@code EINVAL}, not a quota error). */
    PATH_MAX("path-max", 2048),
    /** Entries of one node's permission list (C, {@code ENOSPC}); oxenstored has no such limit. */
    PERMISSIONS("permissions", 5);

    private final String controlName;
    private final int defaultLimit;

    Quota(String controlName, int defaultLimit) {
        this.controlName = controlName;
        this.defaultLimit = defaultLimit;
    }

    /**
     * Returns the quota's name in C xenstored's {@code CONTROL quota} reply.
     *
     * @return for example {@code nodes} or {@code node-size}
     */
    public String controlName() {
        return controlName;
    }

    /**
     * Returns C xenstored 4.17's default limit.
     *
     * @return the limit, for example 1000 for {@link #NODES}
     */
    public int defaultLimit() {
        return defaultLimit;
    }

    /**
     * Describes the quota with its default: {@code nodes (C default 1000)}.
     *
     * @return the description
     */
    String describe() {
        return controlName + " (C default " + defaultLimit + ")";
    }
}
