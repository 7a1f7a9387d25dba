package io.jxs.embedded;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The committed tree: nodes by canonical name, and the global generation counter that C xenstored advances on every
 * node write or delete and on every transaction start (DIRECTORY_PART reports the resulting counts).
 */
final class Store {

    private final Map<String, Node> nodes = new HashMap<>();
    private long generation;

    /** The tree of a freshly started C xenstored 4.17: {@code /}, {@code /tool}, {@code /tool/xenstored}. */
    Store() {
        put(new Node("/", new byte[0], PermissionList.DOM0_NONE, List.of("tool"), 1));
        put(new Node("/tool", new byte[0], PermissionList.DOM0_NONE, List.of("xenstored"), 2));
        put(new Node("/tool/xenstored", new byte[0], PermissionList.DOM0_NONE, List.of(), 3));
        generation = 4;
    }

    /** The stored node itself (not a copy), or null. */
    Node get(String name) {
        return nodes.get(name);
    }

    void put(Node node) {
        nodes.put(node.name, node);
    }

    void remove(String name) {
        nodes.remove(name);
    }

    long nextGeneration() {
        return generation++;
    }

    /** Access without a transaction: changes are visible at once and watches fire at once. */
    NodeAccess direct(WatchRegistry watches) {
        return new NodeAccess() {
            @Override
            public Node read(String name) {
                Node node = nodes.get(name);
                return node == null ? null : node.copy();
            }

            @Override
            public void write(Node node) {
                node.generation = nextGeneration();
                nodes.put(node.name, node.copy());
            }

            @Override
            public void delete(Node node) {
                nextGeneration();
                nodes.remove(node.name);
            }

            @Override
            public void fireWatches(String name, boolean exact) {
                watches.fire(name, exact);
            }
        };
    }
}
