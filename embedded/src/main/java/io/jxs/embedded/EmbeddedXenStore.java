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
import java.io.UncheckedIOException;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An in-memory XenStore daemon serving the XenStore wire protocol on a Unix socket, with the semantics of C
 * {@code xenstored} 4.17 for everything a client uses: the tree (implicit parents, binary values, relative paths under
 * {@code /local/domain/0}), permissions, transactions with C's conflict rules (EAGAIN), watches (initial event,
 * ancestors, removed subtrees, {@code @introduceDomain}/{@code @releaseDomain}), domain introduction and release,
 * DIRECTORY_PART, the error replies and the limits. Every connection is privileged, like a dom0 tool on C's socket,
 * so the socket is made {@code 0600}. Deliberate differences from C are listed in the module's README.
 *
 * <p>Uses the JDK's own Unix-domain sockets (no native library). Requests of all connections are carried out one after
 * another on a single daemon thread, as C does. A client that does not read what it is sent is no longer read from
 * once a megabyte waits for it, so memory stays bounded (see the README). No static state: any number of instances
 * may run at once, on different paths.
 *
 * <pre>{@code
 * try (EmbeddedXenStore store = new EmbeddedXenStore(dir.resolve("socket")).start()) {
 *     XenStore client = Client.unixSocket(store.socketPath().toString());
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedXenStore implements AutoCloseable {

    private final Path socketPath;
    private final RequestHandler handler;
    private final WatchNotifier watches = new WatchNotifier();
    private SocketFile socket;
    private ServerLoop loop;
    private Thread thread;
    private boolean closed;

    /**
     * Creates a daemon that will listen on {@code socketPath} once started.
     *
     * @param socketPath where to create the Unix socket (at most 107 bytes once absolute); a stale socket there is
     *                   replaced, anything else is left alone and makes {@link #start()} fail
     * @throws NullPointerException when {@code socketPath} is null
     */
    public EmbeddedXenStore(Path socketPath) {
        this(socketPath, UnaryOperator.identity());
    }

    /** For tests: {@code around} may wrap the request handler, to make it fail on purpose. */
    EmbeddedXenStore(Path socketPath, UnaryOperator<RequestHandler> around) {
        this.socketPath = Objects.requireNonNull(socketPath, "socketPath").toAbsolutePath();
        RequestDispatcher dispatcher = new RequestDispatcher(new Store(), watches, new Domains());
        this.handler = around.apply(dispatcher::dispatch);
    }

    /**
     * Creates the socket ({@code 0600}) and starts serving; returns once clients can connect.
     *
     * @return this
     * @throws UncheckedIOException  when the socket cannot be created; its cause is a
     *                               {@link java.nio.file.FileAlreadyExistsException} naming the path when a daemon
     *                               already answers there or the path is not a socket
     * @throws IllegalStateException when already started or closed
     */
    public synchronized EmbeddedXenStore start() {
        if (closed || thread != null) {
            throw new IllegalStateException((closed ? "closed: " : "already started: ") + socketPath);
        }
        Selector selector = null;
        try {
            socket = SocketFile.bind(socketPath);
            socket.channel().configureBlocking(false);
            selector = Selector.open();
            loop = new ServerLoop(socketPath.toString(), socket.channel(), selector, handler, watches);
        } catch (IOException e) {
            closeQuietly(selector);
            if (socket != null) {
                socket.release();
            }
            throw new UncheckedIOException("cannot serve XenStore on " + socketPath + ": " + e.getMessage(), e);
        }
        SocketFile bound = socket;
        ServerLoop serving = loop;
        thread = new Thread(() -> {
            try {
                serving.run();
            } finally {
                bound.release();
            }
        }, "jxs-embedded-xenstored " + socketPath.getFileName());
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** The Unix socket clients connect to (absolute). */
    public Path socketPath() {
        return socketPath;
    }

    /** Whether the daemon is serving: started, not closed, and its thread has not ended. */
    public synchronized boolean isRunning() {
        return loop != null && !closed && loop.isServing();
    }

    /**
     * Stops serving, closes every connection and removes the socket file if it is still the one this store created.
     * The store's content is lost.
     */
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
        if (loop != null) {
            loop.stop();
        }
        if (serving != null && serving != Thread.currentThread()) {
            try {
                serving.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (socket != null) {
            socket.release();
        }
    }

    private static void closeQuietly(Selector selector) {
        if (selector == null) {
            return;
        }
        try {
            selector.close();
        } catch (IOException e) {
            // failing anyway
        }
    }
}
