package io.jxs.embedded;

import java.util.ArrayList;
import java.util.List;

/**
 * Delivers changes to the watches of all connections, in connection order and each connection's registration order,
 * as C xenstored's {@code fire_watches} does. Events are queued on the connections; a queued, unsent event with the
 * same path and token is not queued twice (C 4.17), except for {@code @} events.
 */
final class WatchRegistry {

    private final List<Connection> connections = new ArrayList<>();

    void add(Connection connection) {
        connections.add(connection);
    }

    void remove(Connection connection) {
        connections.remove(connection);
    }

    /** A node changed (written, created, removed or its permissions set). */
    void fire(String node, boolean exact) {
        for (Connection connection : connections) {
            for (Watch watch : connection.watches()) {
                if (watch.matches(node, exact)) {
                    connection.queueEvent(watch.eventPath(node), watch.token());
                }
            }
        }
    }

    /** A special event ({@code @introduceDomain}, {@code @releaseDomain}): only watches on exactly that name. */
    void fireSpecial(String name) {
        for (Connection connection : connections) {
            for (Watch watch : connection.watches()) {
                if (watch.path().equals(name)) {
                    connection.queueEvent(name, watch.token());
                }
            }
        }
    }
}
