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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Carries out one request with the semantics of C xenstored 4.17 and queues its reply (and the watch events it
 * causes, which C queues before the reply). Dom0's connections pass every permission check and no quota applies to
 * them; a domain's connection gets C's checks ({@link AccessCheck}) and quotas ({@link Quotas}). The domain and
 * CONTROL requests are carried out by {@link DomainRequests} and {@link ControlRequests}.
 */
final class RequestDispatcher {

    static final byte[] OK = Wire.string("OK");

    /**
     * C 4.17's {@code DEFAULT_BUFFER_SIZE} (xenstored_core.h: "large enough for each errno string"): a reply body up to
     * this fits the buffer the request came in and is charged unchecked; a longer one is checked against the hard
     * memory quota.
     */
    private static final int DEFAULT_BUFFER_SIZE = 16;

    private final Store store;
    private final WatchNotifier watches;
    private final Domains domains;
    private final AccessCheck access;
    private final AtomicReference<Quotas> quotas;
    private final DomainRequests domainRequests;
    private final ControlRequests control;
    private final MemoryAccount memory;

    RequestDispatcher(Store store, WatchNotifier watches, Domains domains, AtomicReference<Quotas> quotas,
            DomainSockets sockets) {
        this.store = store;
        this.watches = watches;
        this.domains = domains;
        this.access = new AccessCheck(domains);
        this.quotas = quotas;
        this.domainRequests = new DomainRequests(store, watches, domains, sockets);
        this.control = new ControlRequests(store, watches, domains, quotas);
        this.memory = new MemoryAccount(store, watches, quotas);
        watches.accountWith(memory);
        watches.filterWith(store, access);
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
            // C's send_reply: a body over DEFAULT_BUFFER_SIZE is allocated and accounted with the quota checked.
            if (reply.length > DEFAULT_BUFFER_SIZE) {
                memory.check(connection.caller().domid(), Wire.HEADER_SIZE + reply.length, ErrnoException.ENOMEM);
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
        Caller caller = connection.caller();
        if (!caller.privileged() && isPrivileged(type)) {
            throw new ErrnoException(ErrnoException.EACCES);
        }
        if (type == Wire.WATCH) {
            return watch(connection, caller, request);
        }
        if (type == Wire.UNWATCH) {
            return unwatch(connection, caller, payload);
        }
        PendingTransaction transaction = null;
        if (request.txId() != 0) {
            transaction = connection.transaction(request.txId());
            if (transaction == null) {
                throw new ErrnoException(ErrnoException.ENOENT);
            }
        }
        Request r = new Request(transaction != null ? transaction : store.direct(watches), caller, transaction);
        switch (type) {
            case Wire.READ:
                return r.get(requireOneArg(payload), AccessCheck.READ).value;
            case Wire.DIRECTORY:
                return r.get(requireOneArg(payload), AccessCheck.READ).childList();
            case Wire.DIRECTORY_PART:
                return directoryPart(r, payload);
            case Wire.GET_PERMS:
                return r.get(requireOneArg(payload), AccessCheck.READ).perms.toWire();
            case Wire.WRITE:
                return write(r, payload);
            case Wire.MKDIR:
                return mkdir(r, requireOneArg(payload));
            case Wire.RM:
                return rm(r, requireOneArg(payload));
            case Wire.SET_PERMS:
                return setPerms(r, payload);
            case Wire.TRANSACTION_START:
                if (transaction != null) {
                    throw new ErrnoException(ErrnoException.EBUSY);
                }
                if (!caller.privileged() && connection.transactionCount() > quotas.get().transactions()) {
                    throw new ErrnoException(ErrnoException.ENOSPC);
                }
                int nodeLimit = caller.privileged() ? Integer.MAX_VALUE : quotas.get().transactionNodes();
                return Wire.string(Integer.toUnsignedString(connection.startTransaction(store, nodeLimit).id()));
            case Wire.TRANSACTION_END:
                return transactionEnd(connection, caller, transaction, payload);
            case Wire.INTRODUCE:
                return domainRequests.introduce(payload);
            case Wire.RELEASE:
                return domainRequests.release(connection, request);
            case Wire.RESUME:
                return domainRequests.resume(payload);
            case Wire.SET_TARGET:
                return domainRequests.setTarget(payload);
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
                return control.control(payload);
            default:
                throw new ErrnoException(ErrnoException.ENOSYS);
        }
    }

    private static boolean isKnown(int type) {
        return (type >= Wire.CONTROL && type <= Wire.SET_PERMS) || (type >= Wire.IS_DOMAIN_INTRODUCED
                && type <= Wire.SET_TARGET) || type == Wire.RESET_WATCHES || type == Wire.DIRECTORY_PART;
    }

    /** C's {@code XS_FLAG_PRIV}: only dom0 may send these; a domain gets EACCES. */
    private static boolean isPrivileged(int type) {
        return type == Wire.CONTROL || type == Wire.INTRODUCE || type == Wire.RELEASE
                || type == Wire.IS_DOMAIN_INTRODUCED || type == Wire.RESUME || type == Wire.SET_TARGET;
    }

    /** One request's view: the tree (direct or its transaction) and who asks. */
    private final class Request {
        final NodeAccess nodes;
        final Caller caller;
        final PendingTransaction transaction;

        Request(NodeAccess nodes, Caller caller, PendingTransaction transaction) {
            this.nodes = nodes;
            this.caller = caller;
            this.transaction = transaction;
        }

        /** The canonical name of a path the caller sent: relative to its home, valid, within the path quota. */
        String canonical(String path) {
            String name = NodePaths.canonicalize(path, caller.home());
            if (!NodePaths.isValid(name, quotas.get().pathMax())) {
                throw new ErrnoException(ErrnoException.EINVAL);
            }
            return name;
        }

        /** C's {@code get_node_canonicalized}. */
        StoredNode get(String path, int perm) {
            return access.getNode(nodes, caller, canonical(path), perm);
        }
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

    // ------------------------------------------------------------------ node operations

    private byte[] directoryPart(Request r, byte[] payload) {
        if (Wire.countStrings(payload) != 2) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        List<String> args = Wire.strings(payload, 2);
        StoredNode node = r.get(args.get(0), AccessCheck.READ);
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

    private byte[] write(Request r, byte[] payload) {
        int nul = Wire.indexOfNul(payload, 0);
        if (nul < 0) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        String name = r.canonical(Wire.text(payload, 0, nul));
        byte[] value = java.util.Arrays.copyOfRange(payload, nul + 1, payload.length);
        StoredNode node = findForChange(r, name);
        if (node == null) {
            createNode(r, name, value);
        } else {
            node.value = value;
            writeNode(r, node);
        }
        r.nodes.fireWatches(name, false);
        return OK;
    }

    /** The node to change (WRITE access needed), or null when it is missing and may be created. */
    private StoredNode findForChange(Request r, String name) {
        try {
            return access.getNode(r.nodes, r.caller, name, AccessCheck.WRITE);
        } catch (ErrnoException e) {
            if (!e.errno().equals(ErrnoException.ENOENT)) {
                throw e;
            }
            return null;
        }
    }

    private byte[] mkdir(Request r, String path) {
        String name = r.canonical(path);
        if (findForChange(r, name) == null) {
            createNode(r, name, new byte[0]);
            r.nodes.fireWatches(name, false);
        }
        return OK;
    }

    /**
     * C's {@code write_node}: a domain's write of a record that reaches the node-size quota gives ENOSPC, and fails the
     * transaction it is in (its commit gives ENOMEM).
     */
    private void checkSize(Request r, StoredNode node) {
        if (!r.caller.privileged() && node.recordSize() >= quotas.get().nodeSize()) {
            if (r.transaction != null) {
                r.transaction.fail();
            }
            throw new ErrnoException(ErrnoException.ENOSPC);
        }
    }

    /**
     * C's {@code write_node}: {@code access_node} (in a transaction: the transaction-nodes quota) takes a new
     * generation, then {@code write_node_raw} checks the node's size and the memory it is charged to; a refused write
     * has used its generation all the same.
     */
    private void writeNode(Request r, StoredNode node) {
        try {
            if (r.transaction != null) {
                r.transaction.accessForChange(node.name);
            }
            checkSize(r, node);
            if (r.transaction == null) {
                checkMemory(node, store.get(node.name), 0);
            } else {
                checkCopyMemory(r, node);
            }
        } catch (ErrnoException e) {
            store.nextGeneration();
            throw e;
        }
        r.nodes.write(node);
    }

    /**
     * C's {@code do_tdb_write} outside a transaction: the old record leaves its owner's figure unchecked, the new one is
     * added to its owner's with the hard memory quota checked (EIO, see {@link MemoryAccount#check}), whoever writes.
     * {@code pending} is what earlier records of the same request already added to that owner.
     */
    private void checkMemory(StoredNode node, StoredNode old, long pending) {
        long added = MemoryAccount.nodeBytes(node);
        if (old != null && old.perms.owner() == node.perms.owner()) {
            added -= MemoryAccount.nodeBytes(old);
        }
        memory.check(node.perms.owner(), pending + added, ErrnoException.EIO);
    }

    /**
     * C's {@code do_tdb_write} in a transaction: the node is written as the transaction's copy, which C charges to the
     * transaction's domain (the caller's, whoever owns the node), freeing the copy it replaces, with the hard memory
     * quota checked. A refusal is EIO ({@code write_node_raw}) and fails the transaction ({@code write_node}), so its
     * commit answers ENOMEM. Copies made by reads are charged unchecked, and the commit moves the nodes to their
     * owners unchecked ({@code finalize_transaction}), so a transaction may leave a domain above its quota.
     */
    private void checkCopyMemory(Request r, StoredNode node) {
        if (memory.wouldReachHard(r.caller.domid(), r.transaction.copyBytesAdded(node))) {
            r.transaction.fail();
            throw new ErrnoException(ErrnoException.EIO);
        }
    }

    /**
     * C's {@code create_node}: the missing ancestors are created with empty values; every new node inherits the
     * permissions of the nearest existing ancestor, a domain's own being its owner; nodes are written bottom-up, the
     * existing ancestor last. A domain gets ENOSPC when it owns the nodes quota already or a record is too big, EIO
     * when a record would reach a domain's memory quota; then nothing is written.
     */
    private void createNode(Request r, String name, byte[] value) {
        List<String> missing = new ArrayList<>();
        missing.add(name);
        String current = name;
        StoredNode parent;
        while (true) {
            current = NodePaths.parent(current);
            parent = r.nodes.read(current);
            if (parent != null) {
                break;
            }
            missing.add(current);
        }
        PermissionList perms = domains.adjust(parent.perms, parent.generation);
        if (!r.caller.privileged()) {
            perms = perms.withOwner(r.caller.domid());
        }
        List<StoredNode> created = new ArrayList<>();
        StoredNode above = parent;
        for (int i = missing.size() - 1; i >= 0; i--) {
            StoredNode node = new StoredNode(missing.get(i), i == 0 ? value : new byte[0], perms, List.of(), 0);
            above.children.add(NodePaths.basename(node.name));
            created.add(node);
            above = node;
        }
        if (r.transaction != null) {
            r.transaction.nodeCreated();
            createInTransaction(r, parent, created, perms.owner());
            return;
        }
        long owned = r.caller.privileged() ? 0 : store.ownedNodes(r.caller.domid());
        long pending = 0;
        int attempted = 0;
        try {
            for (int i = created.size() - 1; i >= 0; i--) {
                if (!r.caller.privileged() && owned >= quotas.get().nodes()) {
                    throw new ErrnoException(ErrnoException.ENOSPC);
                }
                attempted++;
                checkSize(r, created.get(i));
                owned++;
                checkMemory(created.get(i), null, pending);
                pending += MemoryAccount.nodeBytes(created.get(i));
            }
            attempted++;
            checkSize(r, parent);
            checkMemory(parent, store.get(parent.name), parent.perms.owner() == perms.owner() ? pending : 0);
        } catch (ErrnoException e) {
            // C wrote (and took a generation for) each node before the refused one, and took one for that one too.
            for (int i = 0; i < attempted; i++) {
                store.nextGeneration();
            }
            throw e;
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            r.nodes.ownedNodesChanged(perms.owner(), 1);
            r.nodes.write(created.get(i));
        }
        r.nodes.write(parent);
    }

    /**
     * {@link #createNode} in a transaction, written node by node as C does: when one is refused, the nodes written
     * before it are undone ({@code destroy_node}), which fails the transaction.
     */
    private void createInTransaction(Request r, StoredNode parent, List<StoredNode> created, int owner) {
        // C's check counts the committed nodes, which a transaction does not change, so it fails before any write.
        if (!r.caller.privileged() && store.ownedNodes(r.caller.domid()) >= quotas.get().nodes()) {
            throw new ErrnoException(ErrnoException.ENOSPC);
        }
        List<StoredNode> written = new ArrayList<>();
        try {
            for (int i = created.size() - 1; i >= 0; i--) {
                writeNode(r, created.get(i));
                r.nodes.ownedNodesChanged(owner, 1);
                written.add(created.get(i));
            }
            writeNode(r, parent);
        } catch (ErrnoException e) {
            for (StoredNode node : written) {
                r.transaction.discard(node.name);
                r.nodes.ownedNodesChanged(owner, -1);
                r.transaction.fail();
            }
            throw e;
        }
    }

    private byte[] rm(Request r, String path) {
        String name = r.canonical(path);
        StoredNode node = findForChange(r, name);
        if (node == null) {
            if (r.nodes.read(NodePaths.parent(name)) != null) {
                return OK;
            }
            throw new ErrnoException(ErrnoException.ENOENT);
        }
        if (name.equals("/")) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        removeSubtree(r.nodes, node);
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
        access.ownedNodesChanged(node.perms.owner(), -1);
        if (!parent.children.remove(NodePaths.basename(node.name))) {
            // A transaction's older copy of the parent may not list the child: C reports a corrupt store.
            throw new ErrnoException(ErrnoException.EIO);
        }
        access.write(parent);
    }

    /**
     * C's {@code do_set_perms}: a domain may list at most the permissions quota; an owner naming no existing domain
     * gives ENOENT; then the caller needs WRITE and OWNER access, and a domain may not change the owner (EPERM).
     */
    private byte[] setPerms(Request r, byte[] payload) {
        int count = Wire.countStrings(payload);
        if (count < 2) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        if (!r.caller.privileged() && count - 1 > quotas.get().permissions()) {
            throw new ErrnoException(ErrnoException.ENOSPC);
        }
        int pathEnd = Wire.indexOfNul(payload, 0);
        String path = Wire.text(payload, 0, pathEnd);
        PermissionList perms = domains.allocPermRefs(PermissionList.parse(payload, pathEnd + 1, count - 1));
        if (perms.entries().get(0).ignored()) {
            throw new ErrnoException(ErrnoException.ENOENT);
        }
        if (path.startsWith("@")) {
            PermissionList special = domains.specialPerms(path);
            if (special == null) {
                throw new ErrnoException(ErrnoException.ENOENT);
            }
            int needed = AccessCheck.WRITE | AccessCheck.OWNER;
            if ((AccessCheck.permFor(r.caller, special) & needed) != needed) {
                throw new ErrnoException(ErrnoException.EACCES);
            }
            domains.setSpecialPerms(path, perms);
            return OK;
        }
        String name = r.canonical(path);
        StoredNode node = r.get(path, AccessCheck.WRITE | AccessCheck.OWNER);
        if (!r.caller.privileged() && perms.owner() != node.perms.owner()) {
            throw new ErrnoException(ErrnoException.EPERM);
        }
        PermissionList old = node.perms;
        node.perms = perms;
        writeNode(r, node);
        r.nodes.ownedNodesChanged(old.owner(), -1);
        r.nodes.ownedNodesChanged(perms.owner(), 1);
        if (r.transaction == null) {
            watches.fire(name, false, old);
        } else {
            r.nodes.fireWatches(name, false);
        }
        return OK;
    }

    // ------------------------------------------------------------------ watches and transactions

    private byte[] watch(ClientConnection connection, Caller caller, ReceivedRequest request) {
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
            name = NodePaths.canonicalize(path, caller.home());
            if (!NodePaths.isValid(name, quotas.get().pathMax())) {
                throw new ErrnoException(ErrnoException.EINVAL);
            }
        }
        for (Watch existing : connection.watches()) {
            if (existing.path().equals(name) && existing.token().equals(token)) {
                throw new ErrnoException(ErrnoException.EEXIST);
            }
        }
        // C's check is ">": one watch more than the quota is accepted.
        if (!caller.privileged() && watches.watchCount(caller.domid()) > quotas.get().watches()) {
            throw new ErrnoException(ErrnoException.E2BIG);
        }
        memory.check(caller.domid(), name.length() + token.length(), ErrnoException.ENOMEM);
        Watch watch = new Watch(name, token, NodePaths.isRelative(path) ? caller.home() : null);
        connection.watches().add(watch);
        connection.queueReply(request.type(), request.reqId(), request.txId(), OK);
        // C queues the initial event while the reply (unwritten yet) still counts to the domain's memory.
        watches.deliverInitial(connection, watch.eventPath(name), token, Wire.HEADER_SIZE + OK.length);
        return null;
    }

    private static byte[] unwatch(ClientConnection connection, Caller caller, byte[] payload) {
        if (Wire.countStrings(payload) != 2) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        List<String> args = Wire.strings(payload, 2);
        String name = NodePaths.canonicalize(args.get(0), caller.home());
        for (Watch watch : connection.watches()) {
            if (watch.path().equals(name) && watch.token().equals(args.get(1))) {
                connection.watches().remove(watch);
                return OK;
            }
        }
        throw new ErrnoException(ErrnoException.ENOENT);
    }

    private byte[] transactionEnd(ClientConnection connection, Caller caller, PendingTransaction transaction,
            byte[] payload) {
        String arg = Wire.oneArg(payload);
        if (arg == null || !(arg.equals("T") || arg.equals("F"))) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        if (transaction == null) {
            throw new ErrnoException(ErrnoException.ENOENT);
        }
        connection.endTransaction(transaction);
        if (arg.equals("T")) {
            transaction.commit(watches, domains, caller.privileged() ? -1 : quotas.get().nodes());
        }
        return OK;
    }
}
