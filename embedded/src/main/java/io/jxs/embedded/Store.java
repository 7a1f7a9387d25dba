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

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The committed tree: nodes by canonical name, and the global generation counter that C xenstored advances on every
 * node write or delete and on every transaction start (DIRECTORY_PART reports the resulting counts). Also, per owner
 * domain, the nodes it owns and the bytes C accounts for them (record and name), kept up to date on every change:
 * C's {@code nbentry} and the node part of its memory count.
 */
final class Store {

    private final Map<String, StoredNode> nodes = new HashMap<>();
    private long generation;
    private final Map<Integer, Long> ownedNodes = new HashMap<>();
    private final Map<Integer, Long> ownedBytes = new HashMap<>();

    /** The tree of a freshly started C xenstored 4.17: {@code /}, {@code /tool}, {@code /tool/xenstored}. */
    Store() {
        put(new StoredNode("/", new byte[0], PermissionList.DOM0_NONE, List.of("tool"), 1));
        put(new StoredNode("/tool", new byte[0], PermissionList.DOM0_NONE, List.of("xenstored"), 2));
        put(new StoredNode("/tool/xenstored", new byte[0], PermissionList.DOM0_NONE, List.of(), 3));
        generation = 4;
    }

    /** The stored node itself (not a copy), or null. */
    StoredNode get(String name) {
        return nodes.get(name);
    }

    void put(StoredNode node) {
        account(nodes.put(node.name, node), -1);
        account(node, 1);
    }

    void remove(String name) {
        account(nodes.remove(name), -1);
    }

    private void account(StoredNode node, int sign) {
        if (node == null) {
            return;
        }
        int owner = node.perms.owner();
        ownedNodes.merge(owner, (long) sign, Long::sum);
        ownedBytes.merge(owner, (long) sign * (node.recordSize() + node.name.length()), Long::sum);
    }

    /** How many committed nodes the domain owns. */
    long ownedNodes(int domid) {
        return ownedNodes.getOrDefault(domid, 0L);
    }

    /** The bytes C accounts for the domain's committed nodes: each record and name. */
    long ownedBytes(int domid) {
        return ownedBytes.getOrDefault(domid, 0L);
    }

    /** C's {@code generation}: the last generation count handed out. */
    long lastGeneration() {
        return generation - 1;
    }

    long nextGeneration() {
        return generation++;
    }

    /** Access without a transaction: changes are visible at once and watches fire at once. */
    NodeAccess direct(WatchNotifier watches) {
        return new NodeAccess() {
            @Override
            public StoredNode read(String name) {
                StoredNode node = nodes.get(name);
                return node == null ? null : node.copy();
            }

            @Override
            public void write(StoredNode node) {
                node.generation = nextGeneration();
                put(node.copy());
            }

            @Override
            public void delete(StoredNode node) {
                nextGeneration();
                remove(node.name);
            }

            @Override
            public void fireWatches(String name, boolean exact) {
                watches.fire(name, exact);
            }

            @Override
            public void ownedNodesChanged(int domid, int delta) {
                // Counted by put() and remove().
            }
        };
    }
}
