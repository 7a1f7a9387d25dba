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
import io.jxs.Permission;
import io.jxs.Router;
import io.jxs.XenStore;
import io.jxs.XenStoreException;
import io.jxs.embedded.EmbeddedXenStore;
import io.jxs.testing.GuestRing;
import io.jxs.testing.XenStoreDaemon;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * Guest domain N of a real daemon or of the embedded store, set up as a toolstack does it: the hypervisor's part
 * first (the stand-in's ring, or the embedded store's {@code createDomain(N)}, so that the domain exists), then
 * dom0 writes {@code /local/domain/N}, gives it to N ({@code [nN r0]}) and
 * INTRODUCEs N (mfn 1, which the stand-in ignores, event channel N). {@link #client()} is a jxs {@link Client}
 * that is domain N: relative paths are relative to {@code /local/domain/N} and every permission and quota of
 * an unprivileged domain applies to it.
 *
 * <p>A daemon's guest speaks over the stand-in's ring; the embedded store's over the socket the store opens for N at
 * INTRODUCE ({@code EmbeddedXenStore#domainSocketPath}).
 *
 * <p>{@link #close()} undoes it: the guest's connection and ring (or embedded domain) go, dom0 RELEASEs N if it
 * is still introduced and removes {@code /local/domain/N}. The daemon is shared, so other nodes a test made stay.
 */
public final class GuestDomain implements AutoCloseable {

    /** How long each request of the guest's client may take. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final int domid;
    private final XenStore dom0;
    private final Hypervisor.Domain domain;
    private final Router router;
    private final Client client;
    private boolean disconnected;
    private boolean closed;

    private GuestDomain(int domid, XenStore dom0, Hypervisor.Domain domain) {
        this.domid = domid;
        this.dom0 = dom0;
        this.domain = domain;
        this.router = new Router(domain.connection());
        this.client = Client.builder().router(router).requestTimeout(REQUEST_TIMEOUT).build();
    }

    /**
     * Creates domain N with a home and introduces it, as a toolstack does.
     *
     * @param daemon the daemon (its stand-in serves the ring)
     * @param dom0 a privileged client of that daemon
     * @param domid N, 1 to 32751
     * @return the domain, its client connected
     * @throws IllegalArgumentException when the domid is out of range
     * @throws UncheckedIOException when the ring cannot be created (for example N already has one)
     * @throws XenStoreException when dom0's requests are refused; nothing is left behind then
     */
    public static GuestDomain start(XenStoreDaemon daemon, XenStore dom0, int domid) {
        return start(Hypervisor.of(daemon), dom0, domid);
    }

    /**
     * Creates domain N of the embedded store with a home and introduces it, as a toolstack does; the guest's
     * client speaks on the socket the store opens for N.
     *
     * @param store the embedded store, started
     * @param dom0 a privileged client of that store
     * @param domid N, 1 or more
     * @return the domain, its client connected
     * @throws IllegalArgumentException when the domid is not a guest's
     * @throws XenStoreException when dom0's requests are refused; nothing is left behind then
     */
    public static GuestDomain start(EmbeddedXenStore store, XenStore dom0, int domid) {
        return start(Hypervisor.of(store), dom0, domid);
    }

    static GuestDomain start(Hypervisor hypervisor, XenStore dom0, int domid) {
        Hypervisor.Domain domain = hypervisor.create(domid);
        String home = dom0.getDomainPath(domid);
        try {
            dom0.write(home, "");
            dom0.setPerms(home, List.of(new Permission(Permission.Access.NONE, domid),
                    new Permission(Permission.Access.READ, 0)));
        } catch (RuntimeException e) {
            domain.close();
            throw e;
        }
        return introduce(dom0, domid, domain);
    }

    /**
     * Gives domain N a fresh ring and introduces it again, leaving its home as it is: what a toolstack does
     * after a RELEASE (for instance when a domain resumes). Close the previous instance's connection first
     * ({@link #disconnect()}).
     *
     * @param daemon the daemon
     * @param dom0 a privileged client of that daemon
     * @param domid N
     * @return the domain, its client connected
     * @throws UncheckedIOException when the ring cannot be created (the old one is still open)
     * @throws XenStoreException when dom0's INTRODUCE is refused
     */
    public static GuestDomain reintroduce(XenStoreDaemon daemon, XenStore dom0, int domid) {
        return reintroduce(Hypervisor.of(daemon), dom0, domid);
    }

    /**
     * Creates domain N of the embedded store again and introduces it, leaving its home as it is (see
     * {@link #reintroduce(XenStoreDaemon, XenStore, int)}).
     *
     * @param store the embedded store
     * @param dom0 a privileged client of that store
     * @param domid N
     * @return the domain, its client connected
     * @throws XenStoreException when dom0's INTRODUCE is refused
     */
    public static GuestDomain reintroduce(EmbeddedXenStore store, XenStore dom0, int domid) {
        return reintroduce(Hypervisor.of(store), dom0, domid);
    }

    static GuestDomain reintroduce(Hypervisor hypervisor, XenStore dom0, int domid) {
        return introduce(dom0, domid, hypervisor.create(domid));
    }

    private static GuestDomain introduce(XenStore dom0, int domid, Hypervisor.Domain created) {
        GuestDomain domain = new GuestDomain(domid, dom0, created);
        try {
            dom0.introduceDomain(domid, 1, domid);
            domain.client.connect();
            return domain;
        } catch (RuntimeException e) {
            domain.close();
            throw e;
        }
    }

    /** N. */
    public int domid() {
        return domid;
    }

    /** {@code /local/domain/N}. */
    public String home() {
        return "/local/domain/" + domid;
    }

    /** The client that is domain N; closed by {@link #close()}. */
    public Client client() {
        return client;
    }

    /** The router under {@link #client()}: {@link Router#send} sends packets that the client would refuse. */
    public Router router() {
        return router;
    }

    /**
     * The ring under the client, for its indexes, {@code server_features} and {@code error}.
     *
     * @return the stand-in's ring
     * @throws IllegalStateException for a guest of the embedded store, which speaks over a socket
     */
    public GuestRing ring() {
        return domain.ring().orElseThrow(() -> new IllegalStateException(
                "domain " + domid + " of the embedded store speaks over a socket, not a ring"));
    }

    /**
     * Ends the guest's client, router and ring (deleting the ring's files; for the embedded store: N ceases to
     * exist for its hypervisor) and leaves the store as it is:
     * domain N stays introduced, if it was, and keeps its nodes. Idempotent.
     */
    public synchronized void disconnect() {
        if (disconnected) {
            return;
        }
        disconnected = true;
        client.close();
        router.terminate();
        domain.close();
    }

    /**
     * {@link #disconnect()}, then dom0 RELEASEs N if it is still introduced and removes its home. Idempotent.
     *
     * @throws XenStoreException when dom0's requests fail (the guest's side is closed anyway)
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        disconnect();
        if (dom0.isDomainIntroduced(domid)) {
            dom0.releaseDomain(domid);
        }
        if (dom0.exists(home())) {
            dom0.delete(home());
        }
    }

    @Override
    public String toString() {
        return "GuestDomain[" + domid + ", " + domain.ring().map(r -> (Object) r.ringFile()).orElse("embedded") + "]";
    }
}
