package io.jxs.embedded;

import java.util.ArrayList;
import java.util.List;

/**
 * One node of the tree: value (any bytes), permissions, child names in creation order and the generation count of its
 * last write. Mutable; the store and transactions hand out copies.
 */
final class Node {

    /** Generation of a node that does not exist (C's {@code NO_GENERATION}). */
    static final long NO_GENERATION = -1;

    final String name;
    byte[] value;
    PermissionList perms;
    final List<String> children;
    long generation;

    Node(String name, byte[] value, PermissionList perms, List<String> children, long generation) {
        this.name = name;
        this.value = value;
        this.perms = perms;
        this.children = new ArrayList<>(children);
        this.generation = generation;
    }

    Node copy() {
        return new Node(name, value, perms, children, generation);
    }

    /** The child list as the wire has it: each name and its NUL. */
    byte[] childList() {
        return Wire.strings(children);
    }
}
