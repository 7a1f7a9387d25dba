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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * An in-memory XenStore daemon serving the XenStore wire protocol on a Unix socket, with the semantics of C
 * {@code xenstored} 4.17 for everything a client uses: the tree (implicit parents, binary values, relative paths under
 * {@code /local/domain/0}), permissions, transactions with C's conflict rules (EAGAIN), watches (initial event,
 * ancestors, removed subtrees, {@code @introduceDomain}/{@code @releaseDomain}), domain introduction and release,
 * DIRECTORY_PART, the error replies and the limits. Every connection of the socket is privileged, like a dom0 tool on
 * C's socket, so the socket is made {@code 0600}. Deliberate differences from C are listed in the module's README.
 *
 * <p>Guest domains: after dom0's INTRODUCE of domain N the store serves N on a socket of its own,
 * {@link #domainSocketPath(int)}, until N's RELEASE; there every client speaks as domain N, with C's permission checks
 * and {@link Quotas}. {@link #createDomain(int)} plays the hypervisor: permissions may name a domain only while it
 * exists (INTRODUCE also makes a domain exist, until its RELEASE).
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
    private final Store store = new Store();
    private final Domains domains = new Domains(store::lastGeneration);
    private final AtomicReference<Quotas> quotas;
    private final DomainSockets domainSockets;
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
        this(socketPath, Quotas.defaults());
    }

    /**
     * Creates a daemon that will listen on {@code socketPath} once started, with these quotas for guest domains.
     *
     * @param socketPath as for {@link #EmbeddedXenStore(Path)}
     * @param quotas     the quotas (dom0 may change them later with {@code CONTROL quota set})
     * @throws NullPointerException when an argument is null
     */
    public EmbeddedXenStore(Path socketPath, Quotas quotas) {
        this(socketPath, quotas, UnaryOperator.identity());
    }

    /** For tests: {@code around} may wrap the request handler, to make it fail on purpose. */
    EmbeddedXenStore(Path socketPath, UnaryOperator<RequestHandler> around) {
        this(socketPath, Quotas.defaults(), around);
    }

    private EmbeddedXenStore(Path socketPath, Quotas quotas, UnaryOperator<RequestHandler> around) {
        this.socketPath = Objects.requireNonNull(socketPath, "socketPath").toAbsolutePath();
        this.quotas = new AtomicReference<>(Objects.requireNonNull(quotas, "quotas"));
        this.domainSockets = new DomainSockets(this.socketPath);
        RequestDispatcher dispatcher = new RequestDispatcher(store, watches, domains, this.quotas, domainSockets);
        this.handler = around.apply(dispatcher::dispatch);
    }

    /**
     * The hypervisor now has domain {@code domid}, until {@link #destroyDomain(int)}: permissions and SET_PERMS may
     * name it (C answers ENOENT for an owner naming a domain that does not exist) and dom0 may INTRODUCE it. Any thread.
     *
     * @param domid the domain id, 1 or more
     * @return this
     * @throws IllegalArgumentException for domain 0 (which always exists) or a negative id
     */
    public EmbeddedXenStore createDomain(int domid) {
        requireGuest(domid);
        domains.create(domid);
        return this;
    }

    /**
     * The hypervisor no longer has domain {@code domid}. Like C, the store still knows an introduced domain until
     * its RELEASE. Any thread.
     *
     * @param domid the domain id, 1 or more
     * @throws IllegalArgumentException for domain 0 or a negative id
     */
    public void destroyDomain(int domid) {
        requireGuest(domid);
        domains.destroy(domid);
    }

    /**
     * Where domain {@code domid} is served from dom0's INTRODUCE until its RELEASE: {@code N/<name>} in the main
     * socket's folder ({@code data/xenstore/5/socket} next to {@code data/xenstore/socket}). Every client of it speaks
     * as domain N: relative paths below {@code /local/domain/N}, C's permission checks and quotas.
     *
     * @param domid the domain id, 1 or more
     * @return the absolute path (a socket only while the domain is introduced)
     * @throws IllegalArgumentException for domain 0 (served on {@link #socketPath()}) or a negative id
     */
    public Path domainSocketPath(int domid) {
        requireGuest(domid);
        return DomainSockets.path(socketPath, domid);
    }

    /** The quotas now in force (dom0 may have changed them with {@code CONTROL quota set}). */
    public Quotas quotas() {
        return quotas.get();
    }

    private static void requireGuest(int domid) {
        if (domid <= 0) {
            throw new IllegalArgumentException("not a guest domain id: " + domid);
        }
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
            DomainReadGate gate = new DomainReadGate(new MemoryAccount(store, watches, quotas), watches.outstanding(),
                    quotas);
            loop = new ServerLoop(socketPath.toString(), socket.channel(), selector, handler, watches, domains, gate);
            domainSockets.attach(loop);
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
                domainSockets.closeAll();
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
