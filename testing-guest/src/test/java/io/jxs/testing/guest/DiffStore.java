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

import io.jxs.embedded.EmbeddedXenStore;
import io.jxs.testing.GuestRing;
import io.jxs.testing.XenStoreDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One store of a differential run, fresh for each sequence, seen as the hypervisor and the toolstack see it: the
 * dom0 socket, and for guest domain N its existence ({@link #createDomain}) and a link that is N ({@link #connect}):
 * C xenstored's over the stand-in's ring, the embedded store's over the socket it opens for N at INTRODUCE.
 */
abstract class DiffStore implements AutoCloseable {

    /** The store's name in reports. */
    abstract String name();

    /** A link that is dom0. */
    abstract RawLink connectDom0() throws IOException;

    /** Makes domain N exist for the hypervisor (before its INTRODUCE). */
    abstract void createDomain(int domid) throws IOException;

    /** Makes domain N cease to exist (its ring goes). */
    abstract void destroyDomain(int domid);

    /** A link that is domain N, once dom0 has introduced it. */
    abstract RawLink connect(int domid) throws IOException;

    /** Whether the store is still serving (C xenstored did not die). */
    abstract boolean isRunning();

    @Override
    public abstract void close();

    /** A fresh C xenstored 4.17 under the stand-in. */
    static DiffStore xenstored() {
        XenStoreDaemon daemon = XenStoreDaemon.start(XenStoreDaemon.Kind.XENSTORED);
        Map<Integer, GuestRing> rings = new HashMap<>();
        return new DiffStore() {
            @Override
            String name() {
                return "C xenstored";
            }

            @Override
            RawLink connectDom0() throws IOException {
                return RawLink.socket(daemon.socketPath());
            }

            @Override
            void createDomain(int domid) throws IOException {
                rings.put(domid, GuestRing.create(daemon.guestDirectory(), domid));
            }

            @Override
            void destroyDomain(int domid) {
                GuestRing ring = rings.remove(domid);
                if (ring != null) {
                    ring.close();
                }
            }

            @Override
            RawLink connect(int domid) {
                return RawLink.ring(rings.get(domid));
            }

            @Override
            boolean isRunning() {
                return daemon.isRunning();
            }

            @Override
            public void close() {
                rings.values().forEach(GuestRing::close);
                daemon.close();
            }
        };
    }

    /** A fresh embedded store on a socket in a temporary folder. */
    static DiffStore embedded() throws IOException {
        Path folder = Files.createTempDirectory("jxs-guestdiff");
        EmbeddedXenStore store = new EmbeddedXenStore(folder.resolve("socket")).start();
        return new DiffStore() {
            @Override
            String name() {
                return "embedded";
            }

            @Override
            RawLink connectDom0() throws IOException {
                return RawLink.socket(store.socketPath());
            }

            @Override
            void createDomain(int domid) {
                store.createDomain(domid);
            }

            @Override
            void destroyDomain(int domid) {
                store.destroyDomain(domid);
            }

            @Override
            RawLink connect(int domid) throws IOException {
                return RawLink.socket(store.domainSocketPath(domid));
            }

            @Override
            boolean isRunning() {
                return store.isRunning();
            }

            @Override
            public void close() {
                store.close();
                try (var files = Files.walk(folder)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary folder
                }
            }
        };
    }
}
