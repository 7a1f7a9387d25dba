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

import io.jxs.connection.StreamConnection;
import io.jxs.testing.GuestRing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;

/**
 * A jxs transport that is guest domain D over the stand-in's ring ({@link GuestRing}): packets go into
 * {@code req}, replies and watch events come from {@code rsp}. Test-only: on a real Xen host a guest talks to
 * XenStore through the XenBus device ({@code io.jxs.connection.XenBusConnection}).
 *
 * <p>The connection owns the ring: {@link #close()} closes it (deleting its files), which wakes a blocked
 * read or write. A ring serves one connection, so there is no reconnecting: {@link #connect} after
 * {@link #close()} fails.
 */
public final class GuestRingConnection extends StreamConnection {

    /** Longer than any test: a blocked read or write ends when the ring is closed. */
    private static final Duration FOREVER = Duration.ofDays(365);

    private final GuestRing ring;

    /**
     * Creates a connection over a ring (not yet connected).
     *
     * @param ring the guest's ring, created before the daemon introduced the domain
     * @throws NullPointerException when the ring is null
     */
    public GuestRingConnection(GuestRing ring) {
        this.ring = Objects.requireNonNull(ring, "ring");
    }

    /** The ring this connection speaks on. */
    public GuestRing ring() {
        return ring;
    }

    /**
     * Opens streams over the ring. The daemon does not answer until dom0 has introduced the domain, so
     * nothing here waits for it.
     *
     * @throws IOException when the ring is closed
     */
    @Override
    protected Streams open(Duration timeout) throws IOException {
        if (!ring.isOpen()) {
            throw new IOException(describe() + ": the ring is closed");
        }
        return new Streams(new RingInput(ring), new RingOutput(ring), ring::close);
    }

    @Override
    public String describe() {
        return "ring:domain " + ring.domid() + " at " + ring.ringFile();
    }

    /** Reads block until the daemon has written at least one byte into {@code rsp}. */
    private static final class RingInput extends InputStream {
        private final GuestRing ring;

        RingInput(GuestRing ring) {
            this.ring = ring;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            int n;
            do {
                n = ring.read(bytes, offset, length, FOREVER);
            } while (n == 0);
            return n;
        }
    }

    /** Writes block until all bytes are in {@code req}; the daemon is kicked after each part. */
    private static final class RingOutput extends OutputStream {
        private final GuestRing ring;

        RingOutput(GuestRing ring) {
            this.ring = ring;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ring.write(bytes, offset, length, FOREVER);
        }
    }
}
