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
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which connections the store reads from, so that its memory stays bounded whatever a client does, as oxenstored
 * keeps it: a connection whose unwritten output exceeds {@link #OUTPUT_LIMIT} bytes is not read until it has drained
 * below it, and neither is a connection whose requests pushed another connection's output over the limit with watch
 * events, until that other connection has drained. Other connections are served meanwhile.
 *
 * <p>A connection's output therefore exceeds the limit by at most what one request of each connection can add to it.
 */
final class BackPressure {

    /** Unwritten output (bytes) above which a connection is no longer read: 1 MiB. */
    static final long OUTPUT_LIMIT = 1 << 20;

    /** For each overfilled connection, the connections held back until it drains. */
    private final Map<ClientConnection, Set<ClientConnection>> heldBack = new HashMap<>();
    /** For each held-back connection, the overfilled connections it waits for. */
    private final Map<ClientConnection, Set<ClientConnection>> waitingFor = new HashMap<>();

    /** Whether the store may read the connection's next request. */
    boolean mayRead(ClientConnection connection) {
        return !isOverfilled(connection) && !waitingFor.containsKey(connection);
    }

    static boolean isOverfilled(ClientConnection connection) {
        return connection.output().bytes() > OUTPUT_LIMIT;
    }

    /**
     * Records that a request of {@code source} left {@code target} overfilled: {@code source} is held back until
     * {@code target} drains.
     */
    void overfilledBy(ClientConnection target, ClientConnection source) {
        if (target == source) {
            return;
        }
        heldBack.computeIfAbsent(target, t -> new LinkedHashSet<>()).add(source);
        waitingFor.computeIfAbsent(source, s -> new LinkedHashSet<>()).add(target);
    }

    /**
     * The connection's output is below the limit again, or the connection is gone.
     *
     * @return the connections that were held back for it (they may be readable again)
     */
    Set<ClientConnection> drained(ClientConnection target) {
        Set<ClientConnection> sources = heldBack.remove(target);
        if (sources == null) {
            return Set.of();
        }
        for (ClientConnection source : sources) {
            Set<ClientConnection> targets = waitingFor.get(source);
            targets.remove(target);
            if (targets.isEmpty()) {
                waitingFor.remove(source);
            }
        }
        return sources;
    }

    /**
     * Forgets a closed connection.
     *
     * @return the connections that were held back for it
     */
    Set<ClientConnection> forget(ClientConnection connection) {
        Set<ClientConnection> targets = waitingFor.remove(connection);
        if (targets != null) {
            for (ClientConnection target : targets) {
                Set<ClientConnection> sources = heldBack.get(target);
                sources.remove(connection);
                if (sources.isEmpty()) {
                    heldBack.remove(target);
                }
            }
        }
        return drained(connection);
    }
}
