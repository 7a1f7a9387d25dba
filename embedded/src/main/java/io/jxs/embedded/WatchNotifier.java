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

/**
 * Delivers changes to the watches of all connections, in connection order and each connection's registration order,
 * as C xenstored's {@code fire_watches} does, to a domain's connection only if it may read the node or its parent
 * (or could read the node before its permissions changed), and the special events only if it may read their
 * permissions. Events are queued on the connections; a queued, unsent event with the same path and token is not
 * queued twice (C 4.17), except for {@code @} events.
 */
final class WatchNotifier {

    private final List<ClientConnection> connections = new ArrayList<>();
    private Store store;
    private AccessCheck access;
    private MemoryAccount memory;
    private final OutstandingRequests outstanding = new OutstandingRequests();

    /** The domains' outstanding requests, which the events and replies queued to these connections keep. */
    OutstandingRequests outstanding() {
        return outstanding;
    }

    /** Sets what the permission filter reads; events go to everyone until then. */
    void filterWith(Store store, AccessCheck access) {
        this.store = store;
        this.access = access;
    }

    /** Sets the memory account that drops an event that would bring its domain to the hard memory quota. */
    void accountWith(MemoryAccount memory) {
        this.memory = memory;
    }

    /**
     * Queues an event unless, as C's {@code send_event}, its message (header and body) plus {@code queued} bytes C
     * holds unwritten for the connection would bring the domain's memory to the hard quota: then it is dropped.
     */
    void deliver(ClientConnection connection, String path, String token, long queued) {
        deliver(connection, path, token, queued, true);
    }

    /** A WATCH's initial event: as {@link #deliver}, but it keeps no request outstanding (C sends it without one). */
    void deliverInitial(ClientConnection connection, String path, String token, long queued) {
        deliver(connection, path, token, queued, false);
    }

    private void deliver(ClientConnection connection, String path, String token, long queued, boolean ofRequest) {
        long bytes = Wire.HEADER_SIZE + path.length() + 1 + token.length() + 1;
        if (memory == null || !memory.wouldReachHard(connection.caller().domid(), queued + bytes)) {
            connection.queueEvent(path, token, ofRequest);
        }
    }

    /** The connections of a domain's socket. */
    List<ClientConnection> connectionsOf(int domid) {
        List<ClientConnection> found = new ArrayList<>();
        for (ClientConnection connection : connections) {
            if (connection.caller().domid() == domid) {
                found.add(connection);
            }
        }
        return found;
    }

    /** The watches a domain holds on all its connections. */
    int watchCount(int domid) {
        int count = 0;
        for (ClientConnection connection : connections) {
            if (connection.caller().domid() == domid) {
                count += connection.watches().size();
            }
        }
        return count;
    }

    /** The bytes C accounts for a domain's watches: each path and token. */
    long watchBytes(int domid) {
        long bytes = 0;
        for (ClientConnection connection : connections) {
            if (connection.caller().domid() == domid) {
                for (Watch watch : connection.watches()) {
                    bytes += watch.path().length() + watch.token().length();
                }
            }
        }
        return bytes;
    }

    void add(ClientConnection connection) {
        connections.add(connection);
    }

    void remove(ClientConnection connection) {
        connections.remove(connection);
    }

    /** A node changed (written, created, removed). */
    void fire(String node, boolean exact) {
        fire(node, exact, null);
    }

    /** A node changed; {@code oldPerms}, when not null, are its permissions before the change. */
    void fire(String node, boolean exact, PermissionList oldPerms) {
        for (ClientConnection connection : connections) {
            if (connection.watches().isEmpty() || (access != null
                    && !access.watchPermitted(connection.caller(), store, node, oldPerms))) {
                continue;
            }
            for (Watch watch : connection.watches()) {
                if (watch.matches(node, exact)) {
                    deliver(connection, watch.eventPath(node), watch.token(), 0);
                }
            }
        }
    }

    /** A special event ({@code @introduceDomain}, {@code @releaseDomain}): only watches on exactly that name. */
    void fireSpecial(String name) {
        for (ClientConnection connection : connections) {
            if (access != null && !access.specialPermitted(connection.caller(), name)) {
                continue;
            }
            for (Watch watch : connection.watches()) {
                if (watch.path().equals(name)) {
                    deliver(connection, name, watch.token(), 0);
                }
            }
        }
    }
}
