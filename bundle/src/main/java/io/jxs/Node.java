package io.jxs;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A node met by {@link XenStore#walk(String)}: its path, value and the names of its children.
 *
 * @param path the absolute (or relative, as given to walk) path of the node
 * @param value the value; empty when the node cannot be read (the root, no read permission)
 * @param children the names of the node's children, in the daemon's order
 */
public record Node(String path, byte[] value, List<String> children) {

    /** Copies the children into an unmodifiable list. */
    public Node {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
        children = List.copyOf(children);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Node n
                && path.equals(n.path) && Arrays.equals(value, n.value) && children.equals(n.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, Arrays.hashCode(value), children);
    }

    @Override
    public String toString() {
        return "Node[" + path + " (" + value.length + " bytes) " + children + "]";
    }
}
