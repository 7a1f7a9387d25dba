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
 * C xenstored 4.17's permission rules ({@code perm_for_conn}, {@code get_node}, {@code errno_from_parents}, the watch
 * filter {@code watch_permitted}): what a connection may do with a node, and which error it gets when it may not.
 * Dom0 may do everything; a domain gets all access to nodes it (or its SET_TARGET target) owns, else the first
 * per-domain entry naming it (or its target) that is not ignored, else the owner entry's access for everyone.
 */
final class AccessCheck {

    static final int READ = 1;
    static final int WRITE = 2;
    static final int OWNER = 4;
    private static final int ALL = READ | WRITE | OWNER;

    private final Domains domains;

    AccessCheck(Domains domains) {
        this.domains = domains;
    }

    /** The connection's access to a node with these permissions, as read at {@code generation}. */
    int permFor(Caller caller, PermissionList stored, long generation) {
        if (caller.privileged()) {
            return ALL;
        }
        return permFor(caller, domains.adjust(stored, generation));
    }

    /** The connection's access given permissions whose ignored entries are already marked. */
    static int permFor(Caller caller, PermissionList perms) {
        if (caller.privileged() || caller.actsFor(perms.owner())) {
            return ALL;
        }
        for (int i = 1; i < perms.size(); i++) {
            PermissionList.Entry entry = perms.entries().get(i);
            if (!entry.ignored() && caller.actsFor(entry.domid())) {
                return entry.bits();
            }
        }
        return perms.entries().get(0).bits();
    }

    int permFor(Caller caller, StoredNode node) {
        return permFor(caller, node.perms, node.generation);
    }

    /**
     * C's {@code get_node}: the node if the caller has all of {@code perm} on it; otherwise the error C chooses, after
     * reading up the tree to the nearest existing ancestor (which a transaction records): EACCES when the node exists
     * but is refused, or when it is missing and that ancestor grants none of {@code perm}; else ENOENT.
     *
     * @throws ErrnoException EACCES or ENOENT
     */
    StoredNode getNode(NodeAccess access, Caller caller, String name, int perm) {
        StoredNode node = access.read(name);
        if (node != null && (permFor(caller, node) & perm) == perm) {
            return node;
        }
        StoredNode ancestor = nearestAncestor(access, name);
        int parentPerm = ancestor == null ? 0 : permFor(caller, ancestor);
        if (node == null && (parentPerm & perm) != 0) {
            throw new ErrnoException(ErrnoException.ENOENT);
        }
        throw new ErrnoException(ErrnoException.EACCES);
    }

    /** C's {@code ask_parents}: reads up the tree until a node exists. */
    static StoredNode nearestAncestor(NodeAccess access, String name) {
        String current = name;
        do {
            current = NodePaths.parent(current);
            StoredNode node = access.read(current);
            if (node != null) {
                return node;
            }
        } while (!current.equals("/"));
        return null;
    }

    /**
     * C's {@code watch_permitted}: whether a watcher hears of a change of {@code name}: it could read the node before
     * ({@code oldPerms}, when they changed), or can read the node or its parent now.
     */
    boolean watchPermitted(Caller caller, Store store, String name, PermissionList oldPerms) {
        if (caller.privileged()) {
            return true;
        }
        if (oldPerms != null && (permFor(caller, domains.adjust(oldPerms, Long.MAX_VALUE)) & READ) != 0) {
            return true;
        }
        StoredNode node = store.get(name);
        if (node == null) {
            return false;
        }
        if ((permFor(caller, node) & READ) != 0) {
            return true;
        }
        StoredNode parent = store.get(NodePaths.parent(name));
        return parent != null && (permFor(caller, parent) & READ) != 0;
    }

    /** C's {@code check_perms_special}: whether a watcher hears of {@code @introduceDomain}/{@code @releaseDomain}. */
    boolean specialPermitted(Caller caller, String name) {
        PermissionList perms = domains.specialPerms(name);
        return perms != null && (permFor(caller, perms) & READ) != 0;
    }
}
