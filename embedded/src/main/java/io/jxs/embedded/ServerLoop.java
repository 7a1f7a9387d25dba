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

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.nio.channels.Channel;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The store's single thread: accepts connections, reads their requests one at a time, hands them to the
 * {@link RequestHandler} and writes the output, under {@link BackPressure}. Nothing one connection does ends it: a
 * failing {@code accept()} (out of file descriptors, for instance) is retried after {@link #ACCEPT_BACKOFF_MILLIS},
 * and anything thrown while serving a connection, {@link Error}s included, closes that connection only. When the loop
 * ends anyway, every connection and the server channel are closed.
 */
final class ServerLoop implements Runnable {

    /** Pause before accepting again after {@code accept()} failed. */
    static final long ACCEPT_BACKOFF_MILLIS = 100;
    /** Requests of one connection handled before the others get their turn. */
    static final int REQUESTS_PER_TURN = 64;

    private static final System.Logger LOG = System.getLogger(EmbeddedXenStore.class.getName());

    private final String name;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final RequestHandler handler;
    private final WatchNotifier connections;
    private final Domains domains;
    private final BackPressure backPressure = new BackPressure();
    private final DomainReadGate gate;
    /** Domains' connections the gate holds: looked at again after every request and every write. */
    private final Set<ClientConnection> held = new LinkedHashSet<>();
    /** The listening sockets' keys (the main socket's and each introduced domain's), each with its domain id. */
    private final java.util.Map<SelectionKey, Integer> listeners = new java.util.LinkedHashMap<>();
    private final Set<ClientConnection> withOutput = new LinkedHashSet<>();
    private SelectionKey acceptKey;
    private long acceptAgainAt;
    private boolean acceptFailing;
    private volatile boolean serving = true;
    private volatile boolean stopping;

    /**
     * Creates the loop.
     *
     * @param name        for log messages (the socket path)
     * @param server      the bound server channel, non-blocking
     * @param selector    a selector of its own
     * @param handler     carries out the requests
     * @param connections where connections are registered for watch events
     * @param domains     where a domain's connections look up their SET_TARGET target
     * @param gate        which domains' requests may be read now (C's outstanding and memory quotas)
     * @throws IOException when the server channel cannot be registered
     */
    ServerLoop(String name, ServerSocketChannel server, Selector selector, RequestHandler handler,
            WatchNotifier connections, Domains domains, DomainReadGate gate) throws IOException {
        this.gate = gate;
        this.name = name;
        this.server = server;
        this.selector = selector;
        this.handler = handler;
        this.connections = connections;
        this.domains = domains;
        acceptKey = server.register(selector, SelectionKey.OP_ACCEPT);
        listeners.put(acceptKey, 0);
        preload();
    }

    /**
     * Accepts connections of domain {@code domid} on {@code channel} (bound) from now on; on the store's thread.
     *
     * @throws IOException when the channel cannot be registered
     */
    void listen(ServerSocketChannel channel, int domid) throws IOException {
        channel.configureBlocking(false);
        SelectionKey key = channel.register(selector, acceptFailing ? 0 : SelectionKey.OP_ACCEPT);
        listeners.put(key, domid);
    }

    /** Stops accepting on {@code channel}; connections already accepted stay. */
    void stopListening(ServerSocketChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key != null) {
            listeners.remove(key);
            key.cancel();
        }
    }

    /**
     * Runs now what the JDK initializes on first use and needs a file descriptor for, so that it does not fail later
     * when descriptors run out (EMFILE): the logging configuration, and the descriptor the JDK keeps for closing
     * sockets (its first close opens it; failing there would break every later close).
     */
    private static void preload() throws IOException {
        LOG.isLoggable(Level.WARNING);
        ZonedDateTime.now(); // the time zone rules, which log records are formatted with
        SocketChannel.open(StandardProtocolFamily.UNIX).close();
    }

    /** Whether the loop still serves (it has not ended). */
    boolean isServing() {
        return serving;
    }

    /** Asks the loop to end; it closes everything on its way out. */
    void stop() {
        stopping = true;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (!stopping && !Thread.currentThread().isInterrupted()) {
                selector.select(selectTimeout());
                if (acceptAgainAt != 0 && System.nanoTime() - acceptAgainAt >= 0) {
                    acceptAgainAt = 0;
                    setAcceptInterest(SelectionKey.OP_ACCEPT);
                }
                List<SelectionKey> ready = new ArrayList<>(selector.selectedKeys());
                selector.selectedKeys().clear();
                for (SelectionKey key : ready) {
                    if (stopping) {
                        break;
                    }
                    Integer domid = listeners.get(key);
                    if (domid != null) {
                        acceptAll((ServerSocketChannel) key.channel(), domid);
                    } else if (key.isValid()) {
                        serve((ClientConnection) key.attachment());
                    }
                }
            }
        } catch (Throwable e) {
            closeEverything();
            log(Level.ERROR, "serving ended", e);
        } finally {
            serving = false;
            closeEverything();
        }
    }

    private long selectTimeout() {
        if (acceptAgainAt == 0) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(acceptAgainAt - System.nanoTime()));
    }

    // ------------------------------------------------------------------ accepting

    private void setAcceptInterest(int ops) {
        for (SelectionKey key : listeners.keySet()) {
            if (key.isValid()) {
                key.interestOps(ops);
            }
        }
    }

    private void acceptAll(ServerSocketChannel listening, int domid) {
        while (true) {
            SocketChannel channel = null;
            try {
                channel = listening.accept();
                if (channel == null) {
                    if (acceptFailing) {
                        acceptFailing = false;
                        log(Level.INFO, "accepting connections again", null);
                    }
                    return;
                }
                channel.configureBlocking(false);
                ClientConnection connection = new ClientConnection(channel, withOutput::add, domid, domains,
                        connections.outstanding());
                connection.key(channel.register(selector, SelectionKey.OP_READ, connection));
                connections.add(connection);
            } catch (Throwable e) {
                closeQuietly(channel);
                backOff(e);
                return;
            }
        }
    }

    /** Stops accepting for a while: the failure (EMFILE, ENFILE, ENOMEM...) would repeat at once. */
    private void backOff(Throwable failure) {
        if (!server.isOpen()) {
            stopping = true;
            return;
        }
        if (!acceptFailing) {
            acceptFailing = true;
            log(Level.WARNING, "cannot accept a connection (" + failure + "); retrying every "
                    + ACCEPT_BACKOFF_MILLIS + " ms", null);
        }
        setAcceptInterest(0);
        acceptAgainAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACCEPT_BACKOFF_MILLIS);
    }

    // ------------------------------------------------------------------ serving a connection

    private void serve(ClientConnection connection) {
        SelectionKey key = connection.key();
        try {
            if (key.isReadable()) {
                readRequests(connection);
            }
            if (key.isValid() && key.isWritable()) {
                write(connection);
            }
        } catch (IOException e) {
            // The client is gone, or sent a request longer than the payload limit: C drops such a connection.
            close(connection);
        } catch (Throwable e) {
            // Closed first: after an OutOfMemoryError, that is what frees memory for the log message.
            close(connection);
            log(Level.WARNING, "closed a connection after a failure while serving it", e);
        } finally {
            writePendingOutput(connection);
        }
    }

    private void readRequests(ClientConnection connection) throws IOException {
        for (int i = 0; i < REQUESTS_PER_TURN && mayRead(connection); i++) {
            ReceivedRequest request = connection.nextRequest();
            if (request == null) {
                break;
            }
            if (connection.isSilenced()) {
                continue; // its domain was released: C never answers
            }
            connections.outstanding().begin(connection);
            try {
                handler.handle(connection, request);
            } finally {
                connections.outstanding().end();
            }
            writePendingOutput(connection);
            releaseHeld();
            if (!connection.channel().isOpen()) {
                return;
            }
        }
        updateInterest(connection);
    }

    private void write(ClientConnection connection) throws IOException {
        connection.flush();
        afterWrite(connection);
        releaseHeld();
    }

    private boolean mayRead(ClientConnection connection) {
        return backPressure.mayRead(connection) && gate.mayRead(connection);
    }

    /** Looks again at the connections the gate holds: a write or a request may have let them go. */
    private void releaseHeld() {
        if (!held.isEmpty()) {
            for (ClientConnection connection : new ArrayList<>(held)) {
                updateInterest(connection);
            }
        }
    }

    /**
     * Writes what the last request queued, on every connection it concerned, as C does after each request. A
     * connection left overfilled holds back {@code source}, whose request overfilled it.
     */
    private void writePendingOutput(ClientConnection source) {
        while (!withOutput.isEmpty()) {
            List<ClientConnection> pending = new ArrayList<>(withOutput);
            withOutput.clear();
            for (ClientConnection target : pending) {
                if (!target.channel().isOpen()) {
                    continue;
                }
                try {
                    target.flush();
                } catch (IOException e) {
                    close(target);
                    continue;
                }
                if (BackPressure.isOverfilled(target) && source != null && source.channel().isOpen()) {
                    backPressure.overfilledBy(target, source);
                    updateInterest(source);
                }
                afterWrite(target);
            }
        }
    }

    private void afterWrite(ClientConnection connection) {
        if (!BackPressure.isOverfilled(connection)) {
            for (ClientConnection released : backPressure.drained(connection)) {
                updateInterest(released);
            }
        }
        updateInterest(connection);
    }

    /** Reads while back-pressure allows, writes while output is waiting. */
    private void updateInterest(ClientConnection connection) {
        SelectionKey key = connection.key();
        if (key == null || !key.isValid()) {
            return;
        }
        boolean gateOpen = gate.mayRead(connection);
        if (gateOpen) {
            held.remove(connection);
        } else {
            held.add(connection);
        }
        int ops = backPressure.mayRead(connection) && gateOpen ? SelectionKey.OP_READ : 0;
        if (!connection.output().isEmpty()) {
            ops |= SelectionKey.OP_WRITE;
        }
        key.interestOps(ops);
    }

    private void close(ClientConnection connection) {
        held.remove(connection);
        connections.remove(connection);
        withOutput.remove(connection);
        connection.close();
        for (ClientConnection released : backPressure.forget(connection)) {
            updateInterest(released);
        }
    }

    // ------------------------------------------------------------------ ending

    private void closeEverything() {
        for (SelectionKey key : new ArrayList<>(selectorKeys())) {
            if (key.attachment() instanceof ClientConnection connection) {
                try {
                    connection.close();
                } catch (Throwable e) {
                    // closing the others anyway
                }
            }
        }
        closeQuietly(server);
        try {
            selector.close();
        } catch (Throwable e) {
            // closing anyway
        }
    }

    private Set<SelectionKey> selectorKeys() {
        try {
            return selector.keys();
        } catch (ClosedSelectorException e) {
            return Set.of();
        }
    }

    /** Logs; when even that fails (out of memory or descriptors), tries standard error: the loop must go on. */
    private void log(Level level, String message, Throwable failure) {
        String text = "jxs embedded XenStore on " + name + ": " + message;
        try {
            LOG.log(level, text, failure);
        } catch (Throwable e) {
            try {
                System.err.println(level + ": " + text + (failure == null ? "" : " (" + failure + ")"));
            } catch (Throwable ignored) {
                // nothing left to report with
            }
        }
    }

    private static void closeQuietly(Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (Throwable e) {
            // closing anyway
        }
    }
}
