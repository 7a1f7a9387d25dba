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

/**
 * How a request sees the tree: directly ({@link Store#direct}) or through a {@link PendingTransaction}. Every read and write
 * of a request goes through here, so a transaction records exactly the nodes C xenstored would record.
 */
interface NodeAccess {

    /** A copy of the node, or null when it does not exist (in this view). */
    StoredNode read(String name);

    /** Stores the node (a new generation count is taken). */
    void write(StoredNode node);

    /** Removes the single node (not its children). */
    void delete(StoredNode node);

    /** Reports a change of {@code name} to watches: now, or at commit in a transaction. */
    void fireWatches(String name, boolean exact);

    /**
     * The number of nodes {@code domid} owns changes: a node of it was created or removed, or given to or taken from
     * it. C keeps that count per domain; a transaction checks at commit that each such domain still exists and, when
     * an unprivileged connection created a node in it, that no count reaches the nodes quota.
     */
    void ownedNodesChanged(int domid, int delta);
}
