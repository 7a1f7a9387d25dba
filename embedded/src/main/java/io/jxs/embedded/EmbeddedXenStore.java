package io.jxs.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * An in-memory XenStore daemon serving the XenStore wire protocol on a Unix socket, with the semantics of C
 * {@code xenstored} 4.17 for everything a client uses: the tree (implicit parents, binary values, relative paths under
 * {@code /local/domain/0}), permissions, transactions with C's conflict rules (EAGAIN), watches (initial event,
 * ancestors, removed subtrees, {@code @introduceDomain}/{@code @releaseDomain}), domain introduction and release,
 * DIRECTORY_PART, the error replies and the limits. Every connection is privileged, like a dom0 tool on C's socket.
 * Deliberate differences from C are listed in the module's README.
 *
 * <p>Uses the JDK's own Unix-domain sockets (no native library). Requests of all connections are carried out one after
 * another on a single daemon thread, as C does. No static state: any number of instances may run at once.
 *
 * <pre>{@code
 * try (EmbeddedXenStore store = new EmbeddedXenStore(dir.resolve("socket"))) {
 *     store.start();
 *     XenStore client = Client.unixSocket(store.socketPath());
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedXenStore implements AutoCloseable {

    private final Path socketPath;
    private final Store store = new Store();
    private final WatchRegistry watches = new WatchRegistry();
    private final RequestDispatcher dispatcher = new RequestDispatcher(store, watches, new Domains());
    private ServerSocketChannel server;
    private Selector selector;
    private Thread thread;
    private volatile boolean closed;

    /**
     * Creates a daemon that will listen on {@code socketPath} once started.
     *
     * @param socketPath where to create the Unix socket; an existing socket file there is replaced
     */
    public EmbeddedXenStore(Path socketPath) {
        this.socketPath = Objects.requireNonNull(socketPath, "socketPath").toAbsolutePath();
    }

    /**
     * Binds the socket and starts serving; returns once clients can connect.
     *
     * @return this
     * @throws UncheckedIOException  when the socket cannot be created
     * @throws IllegalStateException when already started or closed
     */
    public synchronized EmbeddedXenStore start() {
        if (closed || thread != null) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        try {
            Files.deleteIfExists(socketPath);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socketPath));
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            closeQuietly();
            throw new UncheckedIOException("cannot serve XenStore on " + socketPath, e);
        }
        CountDownLatch running = new CountDownLatch(1);
        thread = new Thread(() -> {
            running.countDown();
            serve();
        }, "jxs-embedded-xenstored " + socketPath.getFileName());
        thread.setDaemon(true);
        thread.start();
        running.countDown();
        return this;
    }

    /** The Unix socket clients connect to (absolute). */
    public Path socketPath() {
        return socketPath;
    }

    /** Whether the daemon is serving (started and not closed). */
    public boolean isRunning() {
        return thread != null && !closed;
    }

    /** Stops serving, closes every connection and removes the socket file. The store's content is lost. */
    @Override
    public void close() {
        Thread serving;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            serving = thread;
        }
        if (selector != null) {
            selector.wakeup();
        }
        if (serving != null && serving != Thread.currentThread()) {
            try {
                serving.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (selector != null) {
                for (SelectionKey key : new ArrayList<>(selector.keys())) {
                    key.channel().close();
                }
                selector.close();
            }
        } catch (IOException | ClosedSelectorException e) {
            // closing anyway
        }
        try {
            if (server != null) {
                server.close();
            }
            Files.deleteIfExists(socketPath);
        } catch (IOException e) {
            // best effort
        }
    }

    // ------------------------------------------------------------------ the daemon thread

    private void serve() {
        try {
            while (!closed) {
                selector.select();
                if (closed) {
                    break;
                }
                List<SelectionKey> ready = new ArrayList<>(selector.selectedKeys());
                selector.selectedKeys().clear();
                for (SelectionKey key : ready) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        Connection connection = (Connection) key.attachment();
                        if (key.isReadable()) {
                            handleInput(key, connection);
                        }
                        if (key.isValid() && key.isWritable()) {
                            flushAll();
                        }
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // closing
        }
    }

    private void accept() throws IOException {
        SocketChannel channel = server.accept();
        if (channel == null) {
            return;
        }
        channel.configureBlocking(false);
        Connection connection = new Connection(channel);
        channel.register(selector, SelectionKey.OP_READ, connection);
        watches.add(connection);
    }

    private void handleInput(SelectionKey key, Connection connection) {
        List<Connection.Request> requests;
        try {
            requests = connection.read();
        } catch (IOException e) {
            // Peer gone, or a request longer than the payload limit: C drops such a connection.
            drop(key, connection);
            return;
        }
        for (Connection.Request request : requests) {
            dispatcher.dispatch(connection, request);
            flushAll();
        }
    }

    /** Writes what every connection has queued; registers for writability where the socket is full. */
    private void flushAll() {
        for (SelectionKey key : new ArrayList<>(selector.keys())) {
            if (!(key.attachment() instanceof Connection connection) || !key.isValid()) {
                continue;
            }
            try {
                boolean done = connection.flush();
                key.interestOps(done ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            } catch (IOException e) {
                drop(key, connection);
            }
        }
    }

    private void drop(SelectionKey key, Connection connection) {
        watches.remove(connection);
        connection.reset();
        key.cancel();
        try {
            connection.channel().close();
        } catch (IOException e) {
            // gone anyway
        }
    }
}
