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
package io.jxs.testing.guest;

import io.jxs.Client;
import io.jxs.XenStore;
import io.jxs.embedded.EmbeddedXenStore;
import io.jxs.testing.XenStoreDaemon;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link GuestTest} invocation's view of a store: a dom0 client and the guest domains of the test. Everything
 * started here is closed by {@link #close()}, guests first (newest first), then dom0. Not thread-safe: the test's
 * thread uses it.
 */
public final class GuestStore implements AutoCloseable {

    private final StoreKind kind;
    private final XenStoreDaemon daemon;
    private final EmbeddedXenStore embedded;
    private final Hypervisor hypervisor;
    private final Client dom0;
    private final Map<Integer, GuestDomain> injected = new LinkedHashMap<>();
    private final List<AutoCloseable> opened = new ArrayList<>();

    /**
     * Connects a dom0 client to a running daemon.
     *
     * @param kind the store's kind
     * @param daemon the daemon of that kind
     * @throws io.jxs.ConnectionException when the daemon does not answer
     */
    public GuestStore(StoreKind kind, XenStoreDaemon daemon) {
        this(kind, daemon, null, Hypervisor.of(daemon), daemon.socketPath());
    }

    /**
     * Connects a dom0 client to a running embedded store.
     *
     * @param embedded the store, started
     * @throws io.jxs.ConnectionException when the store does not answer
     */
    public GuestStore(EmbeddedXenStore embedded) {
        this(StoreKind.EMBEDDED, null, embedded, Hypervisor.of(embedded), embedded.socketPath());
    }

    private GuestStore(StoreKind kind, XenStoreDaemon daemon, EmbeddedXenStore embedded, Hypervisor hypervisor,
            Path socket) {
        this.kind = kind;
        this.daemon = daemon;
        this.embedded = embedded;
        this.hypervisor = hypervisor;
        this.dom0 = Client.builder().unixSocket(socket).build();
        dom0.connect();
    }

    /** Which store this is. */
    public StoreKind kind() {
        return kind;
    }

    /**
     * The daemon behind the store.
     *
     * @return the real daemon
     * @throws IllegalStateException for the embedded store
     */
    public XenStoreDaemon daemon() {
        if (daemon == null) {
            throw new IllegalStateException("the embedded store is not a daemon");
        }
        return daemon;
    }

    /**
     * The embedded store.
     *
     * @return the store
     * @throws IllegalStateException for a real daemon
     */
    public EmbeddedXenStore embedded() {
        if (embedded == null) {
            throw new IllegalStateException(kind.displayName() + " is not the embedded store");
        }
        return embedded;
    }

    /** A privileged client: dom0, the toolstack's side. */
    public XenStore dom0() {
        return dom0;
    }

    /**
     * The guest domain N of this invocation, started on the first call ({@link GuestDomain#start}); the one
     * that {@code @Guest(N)} parameters get.
     *
     * @param domid N
     * @return the domain
     * @throws io.jxs.XenStoreException when dom0 cannot set it up
     */
    public GuestDomain guest(int domid) {
        GuestDomain domain = injected.get(domid);
        if (domain == null) {
            domain = start(domid);
            injected.put(domid, domain);
        }
        return domain;
    }

    /**
     * Starts another guest domain N now ({@link GuestDomain#start}), closed with this store.
     *
     * @param domid N
     * @return the domain
     * @throws UncheckedIOException when N already has a ring
     * @throws io.jxs.XenStoreException when dom0 cannot set it up
     */
    public GuestDomain start(int domid) {
        return opened(GuestDomain.start(hypervisor, dom0, domid));
    }

    /**
     * Introduces N again with a fresh ring, its home untouched ({@link GuestDomain#reintroduce}); close or
     * {@link GuestDomain#disconnect()} the previous instance first.
     *
     * @param domid N
     * @return the domain
     * @throws UncheckedIOException when N still has a ring
     * @throws io.jxs.XenStoreException when dom0's INTRODUCE is refused
     */
    public GuestDomain reintroduce(int domid) {
        return opened(GuestDomain.reintroduce(hypervisor, dom0, domid));
    }

    /**
     * Makes domain N exist for the hypervisor without introducing it (a daemon's: its ring, with nobody speaking
     * on it; the embedded store's: {@code createDomain(N)}), until this store is closed: C xenstored then lets
     * permissions name N.
     *
     * @param domid N
     * @throws UncheckedIOException when N already has a ring
     */
    public void createDomain(int domid) {
        opened(hypervisor.create(domid));
    }

    private <T extends AutoCloseable> T opened(T resource) {
        opened.add(resource);
        return resource;
    }

    /**
     * Closes every domain started here (newest first) and the dom0 client; the first failure is thrown after
     * all were closed.
     *
     * @throws RuntimeException the first failure, with the later ones suppressed
     */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                RuntimeException wrapped = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        opened.clear();
        injected.clear();
        dom0.close();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "GuestStore[" + kind.displayName() + "]";
    }
}
