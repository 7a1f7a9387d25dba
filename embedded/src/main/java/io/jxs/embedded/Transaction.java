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
final class Transaction implements NodeAccess {

    /** What the transaction knows of one node. */
    private static final class Access {
        final long firstGeneration;
        final boolean checkGeneration;
        Node node;
        boolean modified;
        boolean fireWatch;
        boolean watchExact;

        Access(long firstGeneration, boolean checkGeneration, Node node) {
            this.firstGeneration = firstGeneration;
            this.checkGeneration = checkGeneration;
            this.node = node;
        }
    }

    private final int id;
    private final Store store;
    private final Map<String, Access> accessed = new LinkedHashMap<>();

    Transaction(int id, Store store) {
        this.id = id;
        this.store = store;
        store.nextGeneration();
    }

    int id() {
        return id;
    }

    @Override
    public Node read(String name) {
        Access access = accessed.get(name);
        if (access == null) {
            Node global = store.get(name);
            Node copy = global == null ? null : global.copy();
            access = new Access(global == null ? Node.NO_GENERATION : global.generation, true, copy);
            accessed.put(name, access);
        }
        return access.node == null ? null : access.node.copy();
    }

    @Override
    public void write(Node node) {
        node.generation = store.nextGeneration();
        Access access = accessed.computeIfAbsent(node.name, name -> new Access(Node.NO_GENERATION, false, null));
        access.node = node.copy();
        access.modified = true;
    }

    @Override
    public void delete(Node node) {
        store.nextGeneration();
        Access access = accessed.computeIfAbsent(node.name, name -> new Access(Node.NO_GENERATION, false, null));
        access.node = null;
        access.modified = true;
        if (access.firstGeneration == Node.NO_GENERATION) {
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

    /**
     * Checks for conflicts and applies the changes.
     *
     * @throws XenStoreError EAGAIN on a conflict (nothing is applied)
     */
    void commit(WatchRegistry watches) {
        for (Map.Entry<String, Access> entry : accessed.entrySet()) {
            Access access = entry.getValue();
            if (!access.checkGeneration) {
                continue;
            }
            Node global = store.get(entry.getKey());
            long now = global == null ? Node.NO_GENERATION : global.generation;
            if (now != access.firstGeneration) {
                throw new XenStoreError(XenStoreError.EAGAIN);
            }
        }
        for (Iterator<Map.Entry<String, Access>> it = accessed.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Access> entry = it.next();
            Access access = entry.getValue();
            if (!access.modified) {
                continue;
            }
            if (access.node != null) {
                Node node = access.node.copy();
                node.generation = store.nextGeneration();
                store.put(node);
            } else if (access.firstGeneration != Node.NO_GENERATION) {
                store.remove(entry.getKey());
            }
            if (access.fireWatch) {
                watches.fire(entry.getKey(), access.watchExact);
            }
        }
        accessed.clear();
    }
}
