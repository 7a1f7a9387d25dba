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
package io.jxs;

import io.jxs.connection.Connection;
import java.io.IOException;
import java.time.Duration;

/**
 * The router's reader thread: reads and dispatches packets until the connection is lost, lending it to a
 * lone caller whenever the {@link ReadingRole} allows; after a loss has it opened again
 * ({@link Reconnector}) or ends the router.
 *
 * <p>Invariant: whatever ends the thread (the router terminated, a loss without reconnecting, an
 * {@link Error}), it tells {@link Outcomes#ended} last, so nobody is left waiting for it.
 */
final class ReaderThread {
    /** What the reader thread tells the router, on that thread. */
    interface Outcomes {
        /** The connection was opened again after a loss; the watches must be registered again. */
        void reconnected();

        /**
         * The connection was lost and the router reconnects: what was in flight fails.
         *
         * @param cause why
         */
        void lost(ConnectionException cause);

        /**
         * The router ends: everything in flight fails for good.
         *
         * @param cause why
         */
        void ended(ConnectionException cause);
    }

    private final Connection connection;
    private final Lifecycle lifecycle;
    private final Dispatcher dispatcher;
    private final ReadingRole readingRole;
    private final WritePath writePath;
    /** Opens the connection again; null when a loss ends the router. */
    private final Reconnector reconnector;
    private final Duration connectTimeout;
    private final Outcomes outcomes;
    private final Thread thread;

    /**
     * Creates the reader thread, not started, and names it to the reading role as the thread that reads.
     *
     * @param connection the connection read
     * @param lifecycle told of losses; says whether the router still runs
     * @param dispatcher reads and dispatches each packet
     * @param readingRole lends the connection to a lone caller when it allows
     * @param writePath writes what was queued for a new connection
     * @param reconnector opens a lost connection again, or null to end the router with the first loss
     * @param connectTimeout bounds each reconnection attempt
     * @param outcomes told of reconnections, losses and the end
     * @param connected false when the first connect failed and the thread starts by reconnecting
     */
    ReaderThread(Connection connection, Lifecycle lifecycle, Dispatcher dispatcher, ReadingRole readingRole,
            WritePath writePath, Reconnector reconnector, Duration connectTimeout, Outcomes outcomes, boolean connected) {
        this.connection = connection;
        this.lifecycle = lifecycle;
        this.dispatcher = dispatcher;
        this.readingRole = readingRole;
        this.writePath = writePath;
        this.reconnector = reconnector;
        this.connectTimeout = connectTimeout;
        this.outcomes = outcomes;
        this.thread = new Thread(() -> run(connected), "jxs-router " + connection.describe());
        thread.setDaemon(true);
        readingRole.readerThread(thread);
    }

    /** Starts the thread. */
    void start() {
        thread.start();
    }

    /** Returns the thread. */
    Thread thread() {
        return thread;
    }

    private void run(boolean connected) {
        ConnectionException cause = null;
        try {
            if (!connected && !reconnector.reconnect(null, connectTimeout)) {
                return;
            }
            while (true) {
                if (!connected) {
                    writePath.drain(); // what was queued for the connection before is refused, the rest goes out
                    outcomes.reconnected();
                }
                connected = false;
                long upSince = System.nanoTime();
                cause = readUntilLost();
                if (!lifecycle.lost(cause, reconnector != null)) {
                    cause = null; // terminated by the user
                    return;
                }
                if (reconnector == null) {
                    return;
                }
                outcomes.lost(cause);
                cause = null;
                if (!reconnector.reconnect(upSince, connectTimeout)) {
                    return;
                }
            }
        } finally {
            outcomes.ended(cause != null ? cause : ConnectionException.closed(connection.describe()));
        }
    }

    /** Reads and dispatches packets until the connection fails; returns why, holding the connection. */
    private ConnectionException readUntilLost() {
        while (true) {
            try {
                ConnectionException byCaller = readingRole.takeLossFoundByCaller();
                if (byCaller != null) {
                    return byCaller;
                }
                dispatcher.readAndDispatch(connection::read);
                if (!connection.hasBufferedInput()) {
                    readingRole.lendWhileIdle();
                }
            } catch (IOException e) {
                connection.close();
                ConnectionException byCaller = readingRole.takeLossFoundByCaller();
                return byCaller != null ? byCaller : ConnectionException.lost(connection.describe(), e);
            } catch (RuntimeException e) {
                connection.close();
                return ConnectionException.failed(connection.describe(), e);
            }
        }
    }
}
