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

import java.util.concurrent.atomic.AtomicReference;

/**
 * C xenstored 4.17's memory figure of a domain ({@code d->memory}) and its hard memory quota ({@code domain_chk_quota}
 * via {@code domain_memory_add_chk}): an addition that would bring an unprivileged domain's figure to the hard quota
 * or above is refused with ENOMEM. Dom0 is exempt, and a hard quota of 0 means none. The soft quota only makes C log.
 */
final class MemoryAccount {

    private final Store store;
    private final WatchNotifier watches;
    private final AtomicReference<Quotas> quotas;

    MemoryAccount(Store store, WatchNotifier watches, AtomicReference<Quotas> quotas) {
        this.store = store;
        this.watches = watches;
        this.quotas = quotas;
    }

    /**
     * The domain's figure as C counts it: its committed nodes (record and name), its watches (path and token) and the
     * copies its connections' open transactions hold; nothing is queued unwritten, as the store writes at once.
     */
    long memory(int domid) {
        long memory = store.ownedBytes(domid) + watches.watchBytes(domid);
        for (ClientConnection connection : watches.connectionsOf(domid)) {
            memory += connection.transactionBytes();
        }
        return memory;
    }

    /** C's bytes for a committed node: its record and its name. */
    static long nodeBytes(StoredNode node) {
        return node.recordSize() + node.name.length();
    }

    /** Whether adding {@code added} bytes to the domain's figure would reach its hard quota (dom0: never). */
    boolean wouldReachHard(int domid, long added) {
        int hard = quotas.get().memory();
        return domid != 0 && hard != 0 && memory(domid) + added >= hard;
    }

    /**
     * C's {@code domain_memory_add_chk}: refuses an addition that would reach the hard quota.
     *
     * @param errno the error word C answers there (ENOMEM for a watch or a reply; a node write answers EIO, as
     *              {@code write_node_raw} turns every failure of {@code do_tdb_write} into EIO)
     * @throws ErrnoException {@code errno} when {@link #wouldReachHard} is true
     */
    void check(int domid, long added, String errno) {
        if (wouldReachHard(domid, added)) {
            throw new ErrnoException(errno);
        }
    }
}
