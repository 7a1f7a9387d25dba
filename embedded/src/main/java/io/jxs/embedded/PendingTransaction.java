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

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
        StoredNode node;
        boolean modified;
        boolean fireWatch;
        boolean watchExact;

        Access(long firstGeneration, boolean checkGeneration, StoredNode node) {
            this.firstGeneration = firstGeneration;
            this.checkGeneration = checkGeneration;
            this.node = node;
        }
    }

    private final int id;
    private final Store store;
    private final Map<String, Access> accessed = new LinkedHashMap<>();
    private final Set<Integer> ownersChanged = new HashSet<>();

    PendingTransaction(int id, Store store) {
        this.id = id;
        this.store = store;
        store.nextGeneration();
    }

    int id() {
        return id;
    }

    @Override
    public StoredNode read(String name) {
        Access access = accessed.get(name);
        if (access == null) {
            StoredNode global = store.get(name);
            StoredNode copy = global == null ? null : global.copy();
            access = new Access(global == null ? StoredNode.NO_GENERATION : global.generation, true, copy);
            accessed.put(name, access);
        }
        return access.node == null ? null : access.node.copy();
    }

    @Override
    public void write(StoredNode node) {
        node.generation = store.nextGeneration();
        Access access = accessed.computeIfAbsent(node.name, name -> new Access(StoredNode.NO_GENERATION, false, null));
        access.node = node.copy();
        access.modified = true;
    }

    @Override
    public void delete(StoredNode node) {
        store.nextGeneration();
        Access access = accessed.computeIfAbsent(node.name, name -> new Access(StoredNode.NO_GENERATION, false, null));
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
    public void ownedNodesChanged(int domid) {
        ownersChanged.add(domid);
    }

    /**
     * Checks for conflicts and applies the changes.
     *
     * <p>First, like C's {@code transaction_fix_domains}, every domain whose node count the transaction changed must
     * still exist (C looks each up, and answers ENOMEM when it cannot: with no hypervisor, a domain exists from
     * INTRODUCE to RELEASE). That happens before the conflict check, so it wins over EAGAIN.
     *
     * @throws ErrnoException ENOMEM when such a domain was released meanwhile, EAGAIN on a conflict (nothing is
     *                        applied)
     */
    void commit(WatchNotifier watches, Domains domains) {
        for (int domid : ownersChanged) {
            if (!domains.isIntroduced(domid)) {
                throw new ErrnoException(ErrnoException.ENOMEM);
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
                watches.fire(entry.getKey(), access.watchExact);
            }
        }
        accessed.clear();
    }
}
