package io.jxs.embedded;

/**
 * How a request sees the tree: directly ({@link Store#direct}) or through a {@link Transaction}. Every read and write
 * of a request goes through here, so a transaction records exactly the nodes C xenstored would record.
 */
interface NodeAccess {

    /** A copy of the node, or null when it does not exist (in this view). */
    Node read(String name);

    /** Stores the node (a new generation count is taken). */
    void write(Node node);

    /** Removes the single node (not its children). */
    void delete(Node node);

    /** Reports a change of {@code name} to watches: now, or at commit in a transaction. */
    void fireWatches(String name, boolean exact);
}
