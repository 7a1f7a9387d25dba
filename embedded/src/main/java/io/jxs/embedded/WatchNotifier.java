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
 * as C xenstored's {@code fire_watches} does. Events are queued on the connections; a queued, unsent event with the
 * same path and token is not queued twice (C 4.17), except for {@code @} events.
 */
final class WatchNotifier {

    private final List<ClientConnection> connections = new ArrayList<>();

    void add(ClientConnection connection) {
        connections.add(connection);
    }

    void remove(ClientConnection connection) {
        connections.remove(connection);
    }

    /** A node changed (written, created, removed or its permissions set). */
    void fire(String node, boolean exact) {
        for (ClientConnection connection : connections) {
            for (Watch watch : connection.watches()) {
                if (watch.matches(node, exact)) {
                    connection.queueEvent(watch.eventPath(node), watch.token());
                }
            }
        }
    }

    /** A special event ({@code @introduceDomain}, {@code @releaseDomain}): only watches on exactly that name. */
    void fireSpecial(String name) {
        for (ClientConnection connection : connections) {
            for (Watch watch : connection.watches()) {
                if (watch.path().equals(name)) {
                    connection.queueEvent(name, watch.token());
                }
            }
        }
    }
}
