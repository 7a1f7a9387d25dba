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

import io.jxs.connection.Connection;
import io.jxs.connection.UnixSocketConnection;
import io.jxs.embedded.EmbeddedXenStore;
import io.jxs.testing.GuestRing;
import io.jxs.testing.XenStoreDaemon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * What plays the hypervisor for a store: it makes domain N exist (C xenstored refuses permissions naming a
 * domain that does not) and gives guest N its transport. For a real daemon that is the stand-in's ring, created
 * before the INTRODUCE; for the embedded store it is {@code createDomain(N)}, and the socket the store opens for
 * N at INTRODUCE.
 */
interface Hypervisor {

    /**
     * Makes domain N exist until the returned domain is closed.
     *
     * @param domid N
     * @return the domain
     * @throws UncheckedIOException when N already has a ring (daemons only)
     * @throws IllegalArgumentException when N is not a guest's id
     */
    Domain create(int domid);

    /** Domain N as the hypervisor has it: closing it makes N cease to exist (and ends its transport). */
    interface Domain extends AutoCloseable {

        /** A transport that is domain N, to connect once dom0 has introduced N. */
        Connection connection();

        /** The stand-in's ring under the transport; empty for the embedded store, whose guests use a socket. */
        Optional<GuestRing> ring();

        @Override
        void close();
    }

    /** The stand-in of a real daemon: domain N exists while its ring does. */
    static Hypervisor of(XenStoreDaemon daemon) {
        return domid -> {
            GuestRing ring;
            try {
                ring = GuestRing.create(daemon.guestDirectory(), domid);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Domain() {
                @Override
                public Connection connection() {
                    return new GuestRingConnection(ring);
                }

                @Override
                public Optional<GuestRing> ring() {
                    return Optional.of(ring);
                }

                @Override
                public void close() {
                    ring.close();
                }
            };
        };
    }

    /** The embedded store: domain N exists from {@code createDomain(N)} to {@code destroyDomain(N)}. */
    static Hypervisor of(EmbeddedXenStore store) {
        return domid -> {
            store.createDomain(domid);
            return new Domain() {
                @Override
                public Connection connection() {
                    return new UnixSocketConnection(store.domainSocketPath(domid));
                }

                @Override
                public Optional<GuestRing> ring() {
                    return Optional.empty();
                }

                @Override
                public void close() {
                    store.destroyDomain(domid);
                }
            };
        };
    }
}
