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

import java.util.List;

/**
 * INTRODUCE, RELEASE, RESUME and SET_TARGET (dom0 only) as C xenstored 4.17 carries them out. INTRODUCE of a new
 * domain opens its socket ({@link DomainSockets}); RELEASE silences the domain's connections (C never answers a
 * released ring), closes its socket, removes the nodes it owns and fires {@code @releaseDomain}.
 */
final class DomainRequests {

    private final Store store;
    private final WatchNotifier watches;
    private final Domains domains;
    private final DomainSockets sockets;

    DomainRequests(Store store, WatchNotifier watches, Domains domains, DomainSockets sockets) {
        this.store = store;
        this.watches = watches;
        this.domains = domains;
        this.sockets = sockets;
    }

    /**
     * INTRODUCE domid gfn port.
     *
     * @throws ErrnoException EINVAL for missing arguments or port 0, EIO when the domain's socket cannot be made
     */
    byte[] introduce(byte[] payload) {
        List<String> args = Wire.strings(payload, 3);
        if (args.size() < 3) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        int domid = CNumberParser.atoi(args.get(0));
        if (CNumberParser.atoi(args.get(2)) == 0) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        if (!domains.isIntroduced(domid) && domid != 0) {
            sockets.open(domid);
        }
        if (domains.introduce(domid)) {
            watches.fireSpecial(NodePaths.INTRODUCE_DOMAIN);
        } else {
            // C's domain_conn_reset: a repeated INTRODUCE drops the domain's watches and transactions.
            for (ClientConnection connection : watches.connectionsOf(domid)) {
                if (domid != 0) {
                    connection.reset();
                }
            }
        }
        return RequestDispatcher.OK;
    }

    /** RELEASE: unlike other changes, C queues the reply first, then the removal's and the release's events. */
    byte[] release(ClientConnection connection, ReceivedRequest request) {
        int domid = introducedDomain(request.payload());
        connection.queueReply(request.type(), request.reqId(), request.txId(), RequestDispatcher.OK);
        if (domains.dropTargetReference(domid)) {
            // C frees the domain with talloc_free(), which only drops a SET_TARGET reference if there is one.
            return null;
        }
        for (ClientConnection released : watches.connectionsOf(domid)) {
            released.silence();
        }
        sockets.close(domid);
        removeOrphans(domid);
        domains.release(domid);
        watches.fireSpecial(NodePaths.RELEASE_DOMAIN);
        return null;
    }

    byte[] resume(byte[] payload) {
        introducedDomain(payload);
        return RequestDispatcher.OK;
    }

    /** The domain named by a RELEASE/RESUME argument: EINVAL for 0 or garbage, ENOENT unless introduced. */
    private int introducedDomain(byte[] payload) {
        String arg = Wire.oneArg(payload);
        if (arg == null) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        int domid = CNumberParser.atoi(arg);
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
        removeOrphans(store.direct(watches), "/", domid);
    }

    private void removeOrphans(NodeAccess access, String name, int domid) {
        StoredNode node = access.read(name);
        if (node == null) {
            return;
        }
        if (node.perms.owner() == domid && !name.equals("/")) {
            RequestDispatcher.removeSubtree(access, node);
            return;
        }
        for (String child : List.copyOf(node.children)) {
            removeOrphans(access, NodePaths.child(name, child), domid);
        }
    }

    byte[] setTarget(byte[] payload) {
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
        return RequestDispatcher.OK;
    }
}
