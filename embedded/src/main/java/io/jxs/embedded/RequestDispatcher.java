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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out one request with the semantics of C xenstored 4.17 and queues its reply (and the watch events it
 * causes, which C queues before the reply). All connections are privileged (dom0), so permission checks always pass;
 * permission lists are still stored, validated and inherited as C does.
 */
final class RequestDispatcher {

    private static final byte[] OK = Wire.string("OK");

    private final Store store;
    private final WatchNotifier watches;
    private final Domains domains;

    RequestDispatcher(Store store, WatchNotifier watches, Domains domains) {
        this.store = store;
        this.watches = watches;
        this.domains = domains;
    }

    /** Carries out the request; see {@link RequestHandler#handle}. */
    void dispatch(ClientConnection connection, ReceivedRequest request) {
        try {
            byte[] reply = handle(connection, request);
            if (reply == null) {
                return;
            }
            if (reply.length > Wire.PAYLOAD_MAX) {
                throw new ErrnoException(ErrnoException.E2BIG);
            }
            connection.queueReply(request.type(), request.reqId(), request.txId(), reply);
        } catch (ErrnoException e) {
            connection.queueReply(Wire.ERROR, request.reqId(), request.txId(), Wire.string(e.errno()));
        }
    }

    /** The reply payload, or null when the handler queued its reply itself. */
    private byte[] handle(ClientConnection connection, ReceivedRequest request) {
        int type = request.type();
        byte[] payload = request.payload();
        if (!isKnown(type)) {
            throw new ErrnoException(ErrnoException.ENOSYS);
        }
        if (type == Wire.WATCH) {
            return watch(connection, request);
        }
        if (type == Wire.UNWATCH) {
            return unwatch(connection, payload);
        }
        PendingTransaction transaction = null;
        if (request.txId() != 0) {
            transaction = connection.transaction(request.txId());
            if (transaction == null) {
                throw new ErrnoException(ErrnoException.ENOENT);
            }
        }
        NodeAccess access = transaction != null ? transaction : store.direct(watches);
        switch (type) {
            case Wire.READ:
                return getNode(access, canonical(requireOneArg(payload))).value;
            case Wire.DIRECTORY:
                return getNode(access, canonical(requireOneArg(payload))).childList();
            case Wire.DIRECTORY_PART:
                return directoryPart(access, payload);
            case Wire.GET_PERMS:
                return getNode(access, canonical(requireOneArg(payload))).perms.toWire();
            case Wire.WRITE:
                return write(access, payload);
            case Wire.MKDIR:
                return mkdir(access, requireOneArg(payload));
            case Wire.RM:
                return rm(access, requireOneArg(payload));
            case Wire.SET_PERMS:
                return setPerms(access, payload);
            case Wire.TRANSACTION_START:
                if (transaction != null) {
                    throw new ErrnoException(ErrnoException.EBUSY);
                }
                return Wire.string(Integer.toUnsignedString(connection.startTransaction(store).id()));
            case Wire.TRANSACTION_END:
                return transactionEnd(connection, transaction, payload);
            case Wire.INTRODUCE:
                return introduce(payload);
            case Wire.RELEASE:
                return release(connection, request);
            case Wire.RESUME:
                return resume(payload);
            case Wire.SET_TARGET:
                return setTarget(payload);
            case Wire.IS_DOMAIN_INTRODUCED: {
                int domid = CNumberParser.atoi(requireOneArg(payload));
                return Wire.string(domid == Domains.DOMID_SELF || domains.isIntroduced(domid) ? "T" : "F");
            }
            case Wire.GET_DOMAIN_PATH:
                return Wire.string("/local/domain/" + Integer.toUnsignedString(CNumberParser.atoi(requireOneArg(payload))));
            case Wire.RESET_WATCHES:
                connection.reset();
                return OK;
            case Wire.CONTROL:
                return control(payload);
            default:
                throw new ErrnoException(ErrnoException.ENOSYS);
        }
    }

    private static boolean isKnown(int type) {
        return (type >= Wire.CONTROL && type <= Wire.SET_PERMS) || (type >= Wire.IS_DOMAIN_INTRODUCED
                && type <= Wire.SET_TARGET) || type == Wire.RESET_WATCHES || type == Wire.DIRECTORY_PART;
    }

    // ------------------------------------------------------------------ arguments and lookups

    /**
     * The single argument. C 4.17 answers a malformed one with a stale errno for the path operations; the embedded
     * store always answers EINVAL.
     */
    private static String requireOneArg(byte[] payload) {
        String arg = Wire.oneArg(payload);
        if (arg == null) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        return arg;
    }

    private static String canonical(String path) {
        String name = NodePaths.canonicalize(path);
        if (!NodePaths.isValid(name)) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        return name;
    }

    /** The node, or ENOENT after reading the ancestors up to an existing one (which a transaction records). */
    private static StoredNode getNode(NodeAccess access, String name) {
        StoredNode node = access.read(name);
        if (node == null) {
            readAncestors(access, name);
            throw new ErrnoException(ErrnoException.ENOENT);
        }
        return node;
    }

    /** C's {@code ask_parents}: reads up the tree until a node exists. */
    private static void readAncestors(NodeAccess access, String name) {
        String current = name;
        do {
            current = NodePaths.parent(current);
            if (access.read(current) != null) {
                return;
            }
        } while (!current.equals("/"));
    }

    // ------------------------------------------------------------------ node operations

    private byte[] directoryPart(NodeAccess access, byte[] payload) {
        if (Wire.countStrings(payload) != 2) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        List<String> args = Wire.strings(payload, 2);
        StoredNode node = getNode(access, canonical(args.get(0)));
        long offset = Integer.toUnsignedLong(CNumberParser.atoi(args.get(1)));
        byte[] children = node.childList();
        byte[] gen = Wire.string(Long.toUnsignedString(node.generation));
        if (offset >= children.length) {
            byte[] reply = new byte[gen.length + 1];
            System.arraycopy(gen, 0, reply, 0, gen.length);
            return reply;
        }
        int off = (int) offset;
        int maxLength = Wire.PAYLOAD_MAX - gen.length - 1;
        int length = 0;
        while (length + off < children.length) {
            int nameLength = Wire.indexOfNul(children, off + length) - (off + length);
            if (length + nameLength >= maxLength) {
                break;
            }
            length += nameLength + 1;
        }
        boolean last = off + length == children.length;
        byte[] reply = new byte[gen.length + length + (last ? 1 : 0)];
        System.arraycopy(gen, 0, reply, 0, gen.length);
        System.arraycopy(children, off, reply, gen.length, length);
        return reply;
    }

    private byte[] write(NodeAccess access, byte[] payload) {
        int nul = Wire.indexOfNul(payload, 0);
        if (nul < 0) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        String name = canonical(Wire.text(payload, 0, nul));
        byte[] value = java.util.Arrays.copyOfRange(payload, nul + 1, payload.length);
        StoredNode node = access.read(name);
        if (node == null) {
            readAncestors(access, name);
            createNode(access, name, value);
        } else {
            node.value = value;
            access.write(node);
        }
        access.fireWatches(name, false);
        return OK;
    }

    private byte[] mkdir(NodeAccess access, String path) {
        String name = canonical(path);
        if (access.read(name) == null) {
            readAncestors(access, name);
            createNode(access, name, new byte[0]);
            access.fireWatches(name, false);
        }
        return OK;
    }

    /**
     * C's {@code create_node}: the missing ancestors are created with empty values; every new node inherits the
     * permissions of the nearest existing ancestor; nodes are written bottom-up, the existing ancestor last.
     */
    private static void createNode(NodeAccess access, String name, byte[] value) {
        List<String> missing = new ArrayList<>();
        missing.add(name);
        String current = name;
        StoredNode parent;
        while (true) {
            current = NodePaths.parent(current);
            parent = access.read(current);
            if (parent != null) {
                break;
            }
            missing.add(current);
        }
        List<StoredNode> created = new ArrayList<>();
        StoredNode above = parent;
        for (int i = missing.size() - 1; i >= 0; i--) {
            StoredNode node = new StoredNode(missing.get(i), i == 0 ? value : new byte[0], parent.perms, List.of(), 0);
            access.ownedNodesChanged(parent.perms.owner());
            above.children.add(NodePaths.basename(node.name));
            created.add(node);
            above = node;
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            access.write(created.get(i));
        }
        access.write(parent);
    }

    private byte[] rm(NodeAccess access, String path) {
        String name = canonical(path);
        StoredNode node = access.read(name);
        if (node == null) {
            readAncestors(access, name);
            if (access.read(NodePaths.parent(name)) != null) {
                return OK;
            }
            throw new ErrnoException(ErrnoException.ENOENT);
        }
        if (name.equals("/")) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        removeSubtree(access, node);
        return OK;
    }

    /** C's {@code _rm}: removes the node and its subtree and updates the parent. */
    static void removeSubtree(NodeAccess access, StoredNode node) {
        StoredNode parent = access.read(NodePaths.parent(node.name));
        if (parent == null) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        deleteNode(access, parent, node, false);
    }

    /**
     * C's {@code delete_node}: children first (depth first, each firing only watches set exactly on it), then the node
     * itself (firing {@code exact} or ancestor watches too), then its entry in the parent.
     */
    private static void deleteNode(NodeAccess access, StoredNode parent, StoredNode node, boolean exact) {
        while (!node.children.isEmpty()) {
            StoredNode child = access.read(NodePaths.child(node.name, node.children.get(0)));
            if (child == null) {
                // Listed but missing (a transaction's older copy): C gives up with a corrupt-store error.
                throw new ErrnoException(ErrnoException.EIO);
            }
            deleteNode(access, node, child, true);
        }
        access.fireWatches(node.name, exact);
        access.delete(node);
        access.ownedNodesChanged(node.perms.owner());
        if (!parent.children.remove(NodePaths.basename(node.name))) {
            // A transaction's older copy of the parent may not list the child: C reports a corrupt store.
            throw new ErrnoException(ErrnoException.EIO);
        }
        access.write(parent);
    }

    private byte[] setPerms(NodeAccess access, byte[] payload) {
        int count = Wire.countStrings(payload);
        if (count < 2) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        int pathEnd = Wire.indexOfNul(payload, 0);
        String path = Wire.text(payload, 0, pathEnd);
        PermissionList perms = PermissionList.parse(payload, pathEnd + 1, count - 1);
        requireOwnerExists(perms);
        if (path.startsWith("@")) {
            if (!path.equals(NodePaths.INTRODUCE_DOMAIN) && !path.equals(NodePaths.RELEASE_DOMAIN)) {
                throw new ErrnoException(ErrnoException.ENOENT);
            }
            return OK;
        }
        String name = canonical(path);
        StoredNode node = getNode(access, name);
        access.ownedNodesChanged(node.perms.owner());
        access.ownedNodesChanged(perms.owner());
        node.perms = perms;
        access.write(node);
        access.fireWatches(name, false);
        return OK;
    }

    private void requireOwnerExists(PermissionList perms) {
        if (!domains.isIntroduced(perms.owner())) {
            throw new ErrnoException(ErrnoException.ENOENT);
        }
    }

    // ------------------------------------------------------------------ watches and transactions

    private byte[] watch(ClientConnection connection, ReceivedRequest request) {
        byte[] payload = request.payload();
        if (Wire.countStrings(payload) != 2) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        List<String> args = Wire.strings(payload, 2);
        String path = args.get(0);
        String token = args.get(1);
        String name;
        if (path.startsWith("@")) {
            if (path.length() > NodePaths.SPECIAL_PATH_MAX) {
                throw new ErrnoException(ErrnoException.EINVAL);
            }
            name = path;
        } else {
            name = canonical(path);
        }
        for (Watch existing : connection.watches()) {
            if (existing.path().equals(name) && existing.token().equals(token)) {
                throw new ErrnoException(ErrnoException.EEXIST);
            }
        }
        Watch watch = new Watch(name, token, NodePaths.isRelative(path));
        connection.watches().add(watch);
        connection.queueReply(request.type(), request.reqId(), request.txId(), OK);
        connection.queueEvent(watch.eventPath(name), token);
        return null;
    }

    private static byte[] unwatch(ClientConnection connection, byte[] payload) {
        if (Wire.countStrings(payload) != 2) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        List<String> args = Wire.strings(payload, 2);
        String name = NodePaths.canonicalize(args.get(0));
        for (Watch watch : connection.watches()) {
            if (watch.path().equals(name) && watch.token().equals(args.get(1))) {
                connection.watches().remove(watch);
                return OK;
            }
        }
        throw new ErrnoException(ErrnoException.ENOENT);
    }

    private byte[] transactionEnd(ClientConnection connection, PendingTransaction transaction, byte[] payload) {
        String arg = Wire.oneArg(payload);
        if (arg == null || !(arg.equals("T") || arg.equals("F"))) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        if (transaction == null) {
            throw new ErrnoException(ErrnoException.ENOENT);
        }
        connection.endTransaction(transaction);
        if (arg.equals("T")) {
            transaction.commit(watches, domains);
        }
        return OK;
    }

    // ------------------------------------------------------------------ domains

    private byte[] introduce(byte[] payload) {
        List<String> args = Wire.strings(payload, 3);
        if (args.size() < 3) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        int domid = CNumberParser.atoi(args.get(0));
        if (CNumberParser.atoi(args.get(2)) == 0) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        if (domains.introduce(domid)) {
            watches.fireSpecial(NodePaths.INTRODUCE_DOMAIN);
        }
        return OK;
    }

    /** RELEASE: unlike other changes, C queues the reply first, then the removal's and the release's events. */
    private byte[] release(ClientConnection connection, ReceivedRequest request) {
        int domid = introducedDomain(request.payload());
        connection.queueReply(request.type(), request.reqId(), request.txId(), OK);
        if (domains.dropTargetReference(domid)) {
            // C frees the domain with talloc_free(), which only drops a SET_TARGET reference if there is one.
            return null;
        }
        removeOrphans(domid);
        domains.release(domid);
        watches.fireSpecial(NodePaths.RELEASE_DOMAIN);
        return null;
    }

    private byte[] resume(byte[] payload) {
        introducedDomain(payload);
        return OK;
    }

    /** The domain named by a RELEASE/RESUME argument: EINVAL for 0 or garbage, ENOENT unless introduced. */
    private int introducedDomain(byte[] payload) {
        int domid = CNumberParser.atoi(requireOneArg(payload));
        if (domid == 0) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        if (!domains.isIntroduced(domid)) {
            throw new ErrnoException(ErrnoException.ENOENT);
        }
        return domid;
    }

    /** C's {@code domain_tree_remove}: nodes owned by a released domain are removed with their subtrees. */
    private void removeOrphans(int domid) {
        NodeAccess access = store.direct(watches);
        removeOrphans(access, "/", domid);
    }

    private void removeOrphans(NodeAccess access, String name, int domid) {
        StoredNode node = access.read(name);
        if (node == null) {
            return;
        }
        if (node.perms.owner() == domid && !name.equals("/")) {
            removeSubtree(access, node);
            return;
        }
        for (String child : List.copyOf(node.children)) {
            removeOrphans(access, NodePaths.child(name, child), domid);
        }
    }

    private byte[] setTarget(byte[] payload) {
        List<String> args = Wire.strings(payload, 2);
        if (args.size() < 2) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        int domid = CNumberParser.atoi(args.get(0));
        int target = CNumberParser.atoi(args.get(1));
        if (!domains.isIntroduced(domid) || !domains.isIntroduced(target)) {
            throw new ErrnoException(ErrnoException.ENOENT);
        }
        domains.setTarget(domid, target);
        return OK;
    }

    // ------------------------------------------------------------------ control

    /** A small subset of C's CONTROL commands: {@code check}, {@code log}, {@code print}, {@code help}. */
    private static byte[] control(byte[] payload) {
        List<String> args = Wire.strings(payload, Integer.MAX_VALUE);
        if (args.isEmpty()) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        switch (args.get(0)) {
            case "check":
            case "log":
            case "print":
                return OK;
            case "help":
                return "check\t\nlog\ton|off\nprint\t<string>\nhelp\t\n\0".getBytes(StandardCharsets.ISO_8859_1);
            default:
                throw new ErrnoException(ErrnoException.EINVAL);
        }
    }
}
