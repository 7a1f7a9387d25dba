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
package io.jxs.osgi.internal;

import io.jxs.connection.Connection;
import io.jxs.connection.UnixSocketConnection;
import io.jxs.connection.XenBusConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where the daemon is: a transport and its path, resolved from the configuration and the
 * environment.
 *
 * @param transport {@code socket} or {@code xenbus}
 * @param path the socket or device
 * @param fallbackFor the configured or default socket where nothing answered, when this is the fallback socket
 *     instead; null otherwise
 */
record Endpoint(String transport, Path path, Path fallbackFor) {
    static final String SOCKET = "socket";
    static final String XENBUS = "xenbus";
    static final String AUTO = "auto";

    /**
     * An endpoint reached as configured, not as a fallback.
     *
     * @param transport {@code socket} or {@code xenbus}
     * @param path the socket or device
     */
    Endpoint(String transport, Path path) {
        this(transport, path, null);
    }

    /**
     * Resolves the endpoint: an empty path means the library's default; {@code auto} picks the
     * socket when it exists, else the XenBus device when it exists, else the socket.
     *
     * @param config the configuration
     * @param environment the process environment, for {@code XENSTORED_PATH} and {@code XENSTORED_RUNDIR}
     * @return the endpoint
     * @throws IllegalArgumentException when the transport is none of auto, socket and xenbus
     */
    static Endpoint resolve(XenStoreConfig config, Map<String, String> environment) {
        return resolve(config, environment, Endpoint::answers);
    }

    /**
     * Resolves the endpoint as {@link #resolve(XenStoreConfig, Map)} does, then takes the configured
     * fallback socket instead of a socket where nothing answers.
     *
     * @param config the configuration
     * @param environment the process environment
     * @param answers tells whether a daemon accepts connections at a socket
     * @return the endpoint
     * @throws IllegalArgumentException when the transport is none of auto, socket and xenbus
     */
    static Endpoint resolve(XenStoreConfig config, Map<String, String> environment, Predicate<Path> answers) {
        Endpoint resolved = resolveConfigured(config, environment);
        if (SOCKET.equals(resolved.transport()) && !blank(config.fallbackSocketPath()) && !answers.test(resolved.path())) {
            return new Endpoint(SOCKET, Path.of(config.fallbackSocketPath().trim()), resolved.path());
        }
        return resolved;
    }

    /** Whether something accepts a connection at a Unix socket, within half a second. */
    static boolean answers(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        UnixSocketConnection probe = new UnixSocketConnection(socket);
        try {
            probe.connect(Duration.ofMillis(500));
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            probe.close();
        }
    }

    private static Endpoint resolveConfigured(XenStoreConfig config, Map<String, String> environment) {
        Path socket = blank(config.socketPath())
                ? UnixSocketConnection.defaultPath(environment) : Path.of(config.socketPath().trim());
        Path xenBus = blank(config.xenBusPath())
                ? XenBusConnection.defaultPath() : Path.of(config.xenBusPath().trim());
        String transport = config.transport() == null ? AUTO : config.transport().trim().toLowerCase(Locale.ROOT);
        return switch (transport) {
            case SOCKET -> new Endpoint(SOCKET, socket);
            case XENBUS -> new Endpoint(XENBUS, xenBus);
            case AUTO, "" -> !Files.exists(socket) && Files.exists(xenBus)
                    ? new Endpoint(XENBUS, xenBus) : new Endpoint(SOCKET, socket);
            default -> throw new IllegalArgumentException("transport must be auto, socket or xenbus: '"
                    + config.transport() + "'");
        };
    }

    /**
     * Creates a (not yet connected) connection to this endpoint.
     *
     * @return the connection
     */
    Connection newConnection() {
        return SOCKET.equals(transport) ? new UnixSocketConnection(path) : new XenBusConnection(path);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return transport + ":" + path;
    }
}
