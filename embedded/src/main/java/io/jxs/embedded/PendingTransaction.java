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

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A transaction with C xenstored's optimistic, per-node rules (not a snapshot): a node is taken from the committed
 * tree at its first access and then kept privately. At commit every node whose first access was a read (also of a
 * missing node) must still have the generation it had then, else EAGAIN; then the modified nodes are written in
 * first-access order and their watches fire.
 */
final class PendingTransaction implements NodeAccess {

    /** What the transaction knows of one node. */
    private static final class Access {
        final long firstGeneration;
        final boolean checkGeneration;
        /** The permissions at the first access: a watcher that could read the node then is told of its change. */
        final PermissionList firstPerms;
        StoredNode node;
        boolean modified;
        boolean fireWatch;
        boolean watchExact;

        Access(long firstGeneration, boolean checkGeneration, StoredNode node) {
            this.firstGeneration = firstGeneration;
            this.checkGeneration = checkGeneration;
            this.node = node;
            this.firstPerms = node == null ? null : node.perms;
        }
    }

    private final int id;
    /** C's {@code trans->generation}, which prefixes the names of the transaction's node copies. */
    private final long generation;
    private final Store store;
    private final Map<String, Access> accessed = new LinkedHashMap<>();
    /** Per domain, in C's order (first change first), how its node count changes. */
    private final Map<Integer, Integer> ownersChanged = new LinkedHashMap<>();
    /** Nodes the transaction may access (C's transaction-nodes quota, for unprivileged connections only). */
    private final int nodeLimit;
    private boolean nodeCreated;
    private boolean failed;

    /**
     * Starts a transaction.
     *
     * @param nodeLimit how many nodes it may access before ENOSPC
     */
    PendingTransaction(int id, Store store, int nodeLimit) {
        this.id = id;
        this.store = store;
        this.nodeLimit = nodeLimit;
        this.generation = store.nextGeneration();
    }

    /**
     * The bytes C accounts to the transaction's connection for its node copies: C writes a copy of every existing node
     * the transaction reads or writes (and deletes it again when the transaction deletes the node), under the name
     * {@code <generation>/<name>}, counting record and name as for committed nodes.
     */
    long copyBytes() {
        long bytes = 0;
        for (Access access : accessed.values()) {
            if (access.node != null) {
                bytes += copySize(access.node);
            }
        }
        return bytes;
    }

    /** A copy's bytes as C accounts them: the record and the key {@code <generation>/<name>}. */
    private long copySize(StoredNode node) {
        return node.recordSize() + Long.toString(generation).length() + 1 + node.name.length();
    }

    /**
     * What writing {@code node} now would add to {@link #copyBytes}: C's {@code do_tdb_write} of the transaction's copy
     * frees the copy it replaces (none when the node was missing, deleted or not accessed yet) and adds the new one.
     */
    long copyBytesAdded(StoredNode node) {
        Access access = accessed.get(node.name);
        long old = access == null || access.node == null ? 0 : copySize(access.node);
        return copySize(node) - old;
    }

    /**
     * C's {@code access_node} for a change: a node not accessed yet needs room (past the transaction-nodes quota
     * ENOSPC, and the transaction fails) and is recorded as accessed, even when the write then fails.
     *
     * @throws ErrnoException ENOSPC past the transaction-nodes quota
     */
    void accessForChange(String name) {
        if (!accessed.containsKey(name)) {
            requireRoom();
            accessed.put(name, new Access(StoredNode.NO_GENERATION, false, null));
        }
    }

    /**
     * C's {@code destroy_node} in a transaction, undoing a node a failed creation wrote: its copy is gone, it stays
     * accessed, no generation is taken and no watch fires.
     */
    void discard(String name) {
        Access access = accessed.get(name);
        if (access != null) {
            access.node = null;
        }
    }

    /** C's {@code fail_transaction}: a change could not be made, so the commit answers ENOMEM. */
    void fail() {
        failed = true;
    }

    /** A node was created in the transaction (C then checks the nodes quota at commit). */
    void nodeCreated() {
        nodeCreated = true;
    }

    /** C's {@code access_node}: past the limit ENOSPC, and the transaction fails (its commit answers ENOMEM). */
    private void requireRoom() {
        if (accessed.size() >= nodeLimit) {
            failed = true;
            throw new ErrnoException(ErrnoException.ENOSPC);
        }
    }

    int id() {
        return id;
    }

    @Override
    public StoredNode read(String name) {
        Access access = accessed.get(name);
        if (access == null) {
            requireRoom();
            StoredNode global = store.get(name);
            StoredNode copy = global == null ? null : global.copy();
            access = new Access(global == null ? StoredNode.NO_GENERATION : global.generation, true, copy);
            accessed.put(name, access);
        }
        return access.node == null ? null : access.node.copy();
    }

    @Override
    public void write(StoredNode node) {
        // C's access_node takes the generation before it checks the room.
        node.generation = store.nextGeneration();
        accessForChange(node.name);
        Access access = accessed.get(node.name);
        access.node = node.copy();
        access.modified = true;
    }

    @Override
    public void delete(StoredNode node) {
        store.nextGeneration();
        accessForChange(node.name);
        Access access = accessed.get(node.name);
        access.node = null;
        access.modified = true;
        if (access.firstGeneration == StoredNode.NO_GENERATION) {
            // Created and deleted within the transaction: it stays deleted in this view, but fires no watch.
            access.fireWatch = false;
        }
    }

    @Override
    public void fireWatches(String name, boolean exact) {
        Access access = accessed.get(name);
        if (access != null) {
            // Exact (only the watches on the node itself) only if every change of the node in the transaction was.
            access.watchExact = access.fireWatch ? access.watchExact && exact : exact;
            access.fireWatch = true;
        }
    }

    @Override
    public void ownedNodesChanged(int domid, int delta) {
        ownersChanged.merge(domid, delta, Integer::sum);
    }

    /**
     * Checks for conflicts and applies the changes.
     *
     * <p>First, like C's {@code transaction_fix_domains}, every domain whose node count the transaction changed must
     * still exist (C looks each up, and answers ENOMEM when it cannot: with no hypervisor, a domain exists from
     * INTRODUCE to RELEASE). That happens before the conflict check, so it wins over EAGAIN.
     *
     * <p>With {@code nodeQuota} (an unprivileged connection that created a node), C also answers ENOSPC when a domain's
     * committed count plus the transaction's change reaches the quota (reaches, not exceeds: C's check is {@code >=}).
     *
     * @param nodeQuota the nodes quota, or -1 for none
     * @throws ErrnoException ENOMEM when the transaction failed or such a domain was released meanwhile, ENOSPC over the nodes quota, EAGAIN on a
     *                        conflict (nothing is applied)
     */
    void commit(WatchNotifier watches, Domains domains, int nodeQuota) {
        if (failed) {
            throw new ErrnoException(ErrnoException.ENOMEM);
        }
        for (Map.Entry<Integer, Integer> change : ownersChanged.entrySet()) {
            int domid = change.getKey();
            if (domains.findOrAllocExisting(domid) == null) {
                throw new ErrnoException(ErrnoException.ENOMEM);
            }
            long count = Math.max(0, store.ownedNodes(domid) + change.getValue());
            if (nodeCreated && nodeQuota >= 0 && domid != 0 && count >= nodeQuota) {
                throw new ErrnoException(ErrnoException.ENOSPC);
            }
        }
        for (Map.Entry<String, Access> entry : accessed.entrySet()) {
            Access access = entry.getValue();
            if (!access.checkGeneration) {
                continue;
            }
            StoredNode global = store.get(entry.getKey());
            long now = global == null ? StoredNode.NO_GENERATION : global.generation;
            if (now != access.firstGeneration) {
                throw new ErrnoException(ErrnoException.EAGAIN);
            }
        }
        for (Iterator<Map.Entry<String, Access>> it = accessed.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Access> entry = it.next();
            Access access = entry.getValue();
            if (!access.modified) {
                continue;
            }
            if (access.node != null) {
                StoredNode node = access.node.copy();
                node.generation = store.nextGeneration();
                store.put(node);
            } else if (access.firstGeneration != StoredNode.NO_GENERATION) {
                store.remove(entry.getKey());
            }
            if (access.fireWatch) {
                watches.fire(entry.getKey(), access.watchExact, access.firstPerms);
            }
        }
        accessed.clear();
    }
}
