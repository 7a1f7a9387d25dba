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
package io.jxs.recipes;

import io.jxs.AsyncXenStore;
import io.jxs.WatchEvent;
import io.jxs.XenStore;
import io.jxs.XenStoreException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Typed domain life-cycle events from {@code @introduceDomain} and {@code @releaseDomain}, and
 * per-domain resources closed when their domain goes.
 *
 * <pre>{@code
 * DomainTracker tracker = new DomainTracker(client);
 * tracker.addListener(new DomainListener() {
 *     public void introduced(Domain domain) {
 *         Monitor devices = tracker.register(domain, client.monitor(event -> ...));
 *         devices.watch(domain.path() + "/device", "devices");
 *     }
 * });
 * tracker.start(Duration.ofSeconds(10));   // domains already there are reported as introduced
 * }</pre>
 *
 * <p>The special watches' events carry no domain id, and a daemon may fire {@code @releaseDomain} for
 * a domain that only shut down. So on every event the tracker lists {@code /local/domain} (a toolstack
 * writes a domain's home before introducing it) and asks {@code IS_DOMAIN_INTRODUCED} about every id
 * found there and every id it knows; it compares the answer with what it knew. A domain found
 * introduced is a new {@link Domain} value, so an id reused after a release is a different domain.
 *
 * <p>The tracker reports what it reads. A release and an introduction of the same id that both happen
 * between two of its readings (a round trip to the daemon) look like no change: the old domain is not
 * reported released and keeps its resources. {@link #sync(Duration)} is a fence that makes a caller
 * wait until the tracker has read the daemon's state after everything the caller did.
 *
 * <p>Needs a privileged connection (dom0's socket): the special watches fire only for it, and
 * {@code IS_DOMAIN_INTRODUCED} is privileged.
 */
public final class DomainTracker implements AutoCloseable {
    /** Where a toolstack puts the homes of the domains. */
    private static final String DOMAINS = "/local/domain";
    private static final System.Logger LOG = System.getLogger(DomainTracker.class.getName());


    private final XenStore store;
    private final List<DomainListener> listeners = new CopyOnWriteArrayList<>();
    private final DomainTable table = new DomainTable();
    private final LoopLife life = new LoopLife("the DomainTracker");
    /** Whether events came that no reading has answered yet (the loop's thread only). */
    private boolean unread;

    /**
     * Creates a tracker; nothing is watched until {@link #start(Duration)}.
     *
     * @param store a privileged connection
     */
    public DomainTracker(XenStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Adds a listener; one added before {@link #start(Duration)} hears every domain there at the start
     * as introduced.
     *
     * @param listener the listener
     * @return this tracker
     */
    public DomainTracker addListener(DomainListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Removes a listener.
     *
     * @param listener the listener
     */
    public void removeListener(DomainListener listener) {
        listeners.remove(listener);
    }

    /**
     * Watches {@code @introduceDomain} and {@code @releaseDomain} and waits for the first reading.
     *
     * @param timeout how long to wait for it at most
     * @return this tracker
     * @throws IllegalStateException when the tracker was started or closed before
     * @throws io.jxs.XenStoreTimeoutException when the first reading did not finish in time; the tracker
     *     is closed then
     * @throws XenStoreException when the daemon refuses a watch or a request ({@code EACCES} on an
     *     unprivileged connection)
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public DomainTracker start(Duration timeout) throws InterruptedException {
        life.start(() -> new WatchLoop(store, "jxs-domain-tracker", DOMAINS, new Handler()), loop -> {
            loop.watch("@introduceDomain", "introduced");
            loop.watch("@releaseDomain", "released");
        }, timeout, this::close);
        return this;
    }

    /**
     * Waits until the tracker has read the daemon's domains after every introduction and release the
     * daemon made before this call, and reported the changes.
     *
     * @param timeout how long to wait at most
     * @throws IllegalStateException when the tracker is not started
     * @throws io.jxs.XenStoreTimeoutException when the deadline passes first
     * @throws XenStoreException the failure that stopped the tracker, if it stopped
     * @throws io.jxs.ConnectionException when the tracker is closed
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void sync(Duration timeout) throws InterruptedException {
        life.sync(timeout);
    }

    /**
     * Returns the domains known to be introduced.
     *
     * @return them, by domain id
     */
    public List<Domain> domains() {
        return table.domains();
    }

    /**
     * Returns the live domain with an id.
     *
     * @param domid the domain id
     * @return the domain, or empty when none with that id is known to be introduced
     */
    public Optional<Domain> find(int domid) {
        return table.find(domid);
    }

    /**
     * Registers a resource (a monitor, a {@link TreeCache}, ...) to be closed when a domain is released,
     * or when the tracker is closed. Resources of one domain are closed in reverse order of registration.
     *
     * @param domain a live domain, as reported to a listener or by {@link #find(int)}
     * @param resource the resource
     * @param <T> its type
     * @return the resource, for chaining
     * @throws IllegalStateException when the domain is released already (or was never reported), or the
     *     tracker is closed; the resource is closed before this is thrown
     */
    public <T extends AutoCloseable> T register(Domain domain, T resource) {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(resource, "resource");
        if (!table.register(domain, resource)) {
            closeQuietly(resource, domain);
            throw new IllegalStateException(domain + " is not live (released, or never reported by this tracker, "
                    + "or the tracker is closed): the resource registered against it was closed");
        }
        return resource;
    }

    /**
     * Stops watching and closes every registered resource, without reporting releases. Always returns.
     */
    @Override
    public void close() {
        life.close();
        for (AutoCloseable resource : table.close()) {
            closeQuietly(resource, null);
        }
    }

    @Override
    public String toString() {
        return "DomainTracker" + table.domids();
    }

    /** The loop's work: read the domains again after events, report the differences. */
    private final class Handler implements WatchLoop.Handler {

        @Override
        public void process(List<WatchEvent> events) {
            unread |= !events.isEmpty();
            if (!unread) {
                return;
            }
            Set<Integer> introduced = introduced();
            unread = false;
            for (DomainTable.Change change : table.update(introduced)) {
                report(change);
            }
        }

        @Override
        public void failed(XenStoreException cause) {
            for (DomainListener listener : listeners) {
                try {
                    listener.failed(cause);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "DomainTracker listener failed on " + cause, e);
                }
            }
        }

        /** The ids introduced now, among those with a home and those known. */
        private Set<Integer> introduced() {
            AsyncXenStore async = store.async();
            Set<Integer> candidates = new TreeSet<>(table.domids());
            for (String name : join(async.list(DOMAINS).handle(DomainTracker::orNoneIfMissing))) {
                parseDomid(name).ifPresent(candidates::add);
            }
            Map<Integer, CompletableFuture<Boolean>> answers = new TreeMap<>();
            for (int domid : candidates) {
                answers.put(domid, async.isDomainIntroduced(domid));
            }
            Set<Integer> introduced = new TreeSet<>();
            answers.forEach((domid, answer) -> {
                if (join(answer)) {
                    introduced.add(domid);
                }
            });
            return introduced;
        }

        private void report(DomainTable.Change change) {
            for (DomainListener listener : listeners) {
                try {
                    if (change.introduced()) {
                        listener.introduced(change.domain());
                    } else {
                        listener.released(change.domain());
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "DomainTracker listener failed on " + change.domain(), e);
                }
            }
            for (AutoCloseable resource : change.resources()) {
                closeQuietly(resource, change.domain());
            }
        }
    }

    private static List<String> orNoneIfMissing(List<String> names, Throwable failure) {
        if (failure == null) {
            return names;
        }
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause instanceof XenStoreException e && "ENOENT".equals(e.errorName())) {
            return List.of();
        }
        throw failure instanceof CompletionException c ? c : new CompletionException(cause);
    }

    /** The future's result; its failure as thrown by the synchronous operations. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof XenStoreException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** A canonical decimal domain id 0..65535, or empty. */
    static Optional<Integer> parseDomid(String name) {
        if (name.isEmpty() || name.length() > 5 || !name.chars().allMatch(c -> c >= '0' && c <= '9')
                || name.length() > 1 && name.charAt(0) == '0') {
            return Optional.empty();
        }
        int domid = Integer.parseInt(name);
        return domid <= 0xffff ? Optional.of(domid) : Optional.empty();
    }

    private static void closeQuietly(AutoCloseable resource, Domain domain) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing a resource of " + (domain == null ? "a domain" : domain) + " failed", e);
        }
    }
}
