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
package io.jxs.testing;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.DatagramPacket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Domain D's side of the stand-in's guest interface (testing/README.md): the shared
 * {@code struct xenstore_domain_interface} page in {@code domain-D.ring} and the event channel, as bytes.
 * The guest writes request bytes into {@code req} and kicks the daemon; the daemon writes response bytes into
 * {@code rsp} and notifies {@code domain-D.guest}. This class knows nothing of XenStore packets.
 *
 * <p>Create the ring before dom0 names domain D in a permission or INTRODUCEs it: until its ring file exists,
 * domain D does not exist for the daemons. {@link #close()} deletes both files.
 *
 * <p>Thread-safe: one thread at a time writes (under {@code writeLock}) and one reads (under {@code readLock});
 * each index is stored whole, with release semantics, after the bytes it publishes, and loaded with acquire
 * semantics before the bytes it covers (a byte-wise store lets the daemon see a torn index).
 */
public final class GuestRing implements AutoCloseable {

    /** The size of the interface page and of {@code domain-D.ring}. */
    public static final int PAGE_SIZE = 4096;
    /** The size of each of the two rings, {@code req} and {@code rsp}. */
    public static final int RING_SIZE = 1024;

    private static final int REQ = 0;
    private static final int RSP = 1024;
    private static final int REQ_CONS = 2048;
    private static final int REQ_PROD = 2052;
    private static final int RSP_CONS = 2056;
    private static final int RSP_PROD = 2060;
    private static final int SERVER_FEATURES = 2064;
    private static final int CONNECTION = 2068;
    private static final int ERROR = 2072;
    /** The highest domid a guest may have: DOMID_FIRST_RESERVED - 1. */
    private static final int MAX_DOMID = 0x7fef;
    /** How long one wait for a notification lasts before the indexes are checked again. */
    private static final int DOORBELL_MILLIS = 50;
    private static final VarHandle INDEX = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final int domid;
    private final Path ringFile;
    private final Path guestSocket;
    private final AFUNIXSocketAddress evtchn;
    private final MappedByteBuffer page;
    private final AFUNIXDatagramSocket socket;
    private final byte[] kick;
    private final Object writeLock = new Object();
    private final Object readLock = new Object();
    /** Held by the one thread that waits in receive(); another waiter checks its condition once it gets it. */
    private final Object doorbell = new Object();
    private volatile boolean closed;

    private GuestRing(int domid, Path ringFile, Path guestSocket, Path evtchn, MappedByteBuffer page,
            AFUNIXDatagramSocket socket) throws IOException {
        this.domid = domid;
        this.ringFile = ringFile;
        this.guestSocket = guestSocket;
        this.evtchn = AFUNIXSocketAddress.of(evtchn);
        this.page = page;
        this.socket = socket;
        this.kick = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(domid).array();
    }

    /**
     * Creates domain D's empty ring ({@code domain-D.ring}, 4096 zero bytes) in the stand-in's folder and binds
     * its notification socket ({@code domain-D.guest}). From now on the daemons' "hypervisor" knows domain D.
     *
     * @param directory the stand-in's folder, {@code XenStoreDaemon.guestDirectory()}
     * @param domid the guest's domain id, 1 to 32751
     * @return the ring, ready for INTRODUCE
     * @throws IllegalArgumentException when the domid is out of range
     * @throws FileAlreadyExistsException when domain D already has a ring there
     * @throws IOException when the files cannot be created
     */
    public static GuestRing create(Path directory, int domid) throws IOException {
        if (domid < 1 || domid > MAX_DOMID) {
            throw new IllegalArgumentException("a guest's domid is 1 to " + MAX_DOMID + ": " + domid);
        }
        Path ringFile = directory.resolve("domain-" + domid + ".ring");
        Path guestSocket = directory.resolve("domain-" + domid + ".guest");
        try {
            Files.write(ringFile, new byte[PAGE_SIZE], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(ringFile.toString(), null,
                    "domain " + domid + " already has a ring (is another GuestRing open for it?)");
        }
        AFUNIXDatagramSocket socket = null;
        try {
            MappedByteBuffer page;
            try (FileChannel channel = FileChannel.open(ringFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                page = channel.map(FileChannel.MapMode.READ_WRITE, 0, PAGE_SIZE);
            }
            Files.deleteIfExists(guestSocket); // left by a process that died
            socket = AFUNIXDatagramSocket.newInstance();
            socket.bind(AFUNIXSocketAddress.of(guestSocket));
            socket.setSoTimeout(DOORBELL_MILLIS);
            return new GuestRing(domid, ringFile, guestSocket, directory.resolve("evtchn"), page, socket);
        } catch (IOException | RuntimeException e) {
            if (socket != null) {
                socket.close();
            }
            Files.deleteIfExists(guestSocket);
            Files.deleteIfExists(ringFile);
            throw e;
        }
    }

    /** The guest's domain id. */
    public int domid() {
        return domid;
    }

    /** Whether {@link #close()} has not been called yet. */
    public boolean isOpen() {
        return !closed;
    }

    /** The ring file, {@code domain-D.ring}. */
    public Path ringFile() {
        return ringFile;
    }

    /**
     * Writes all of the bytes into {@code req}, as room frees up, and kicks the daemon after each part.
     *
     * @param bytes the request bytes (whole packets or parts of them)
     * @param offset where they start in {@code bytes}
     * @param length how many
     * @param timeout how long to wait for room
     * @throws SocketTimeoutException when the daemon did not make room in time; what fitted was written
     * @throws IOException when the ring is closed, corrupt (the daemon moved {@code req_cons} past
     *     {@code req_prod}), or the kick cannot be sent (the daemon is gone)
     */
    public void write(byte[] bytes, int offset, int length, Duration timeout) throws IOException {
        long deadline = deadline(timeout);
        synchronized (writeLock) {
            while (length > 0) {
                if (!await(() -> reqRoom() > 0, deadline)) {
                    throw new SocketTimeoutException("domain " + domid + ": no room in req within " + timeout);
                }
                int cons = (int) INDEX.getAcquire(page, REQ_CONS);
                int prod = (int) INDEX.getOpaque(page, REQ_PROD);
                int n = Math.min(length, Math.min(RING_SIZE - (prod - cons), RING_SIZE - (prod & (RING_SIZE - 1))));
                page.put(REQ + (prod & (RING_SIZE - 1)), bytes, offset, n);
                INDEX.setRelease(page, REQ_PROD, prod + n);
                offset += n;
                length -= n;
                kick();
            }
        }
    }

    /**
     * Reads what the daemon wrote into {@code rsp}, at most {@code length} bytes, waiting until there is some,
     * and kicks the daemon (it may wait for room to write more).
     *
     * @param bytes where to put them
     * @param offset where in {@code bytes}
     * @param length at most how many
     * @param timeout how long to wait for the first byte
     * @return how many bytes were read, 0 when none came within the timeout
     * @throws IOException when the ring is closed or corrupt, or the kick cannot be sent
     */
    public int read(byte[] bytes, int offset, int length, Duration timeout) throws IOException {
        long deadline = deadline(timeout);
        synchronized (readLock) {
            if (length == 0 || !await(() -> rspAvailable() > 0, deadline)) {
                return 0;
            }
            int cons = (int) INDEX.getOpaque(page, RSP_CONS);
            int prod = (int) INDEX.getAcquire(page, RSP_PROD);
            int n = Math.min(length, Math.min(prod - cons, RING_SIZE - (cons & (RING_SIZE - 1))));
            page.get(RSP + (cons & (RING_SIZE - 1)), bytes, offset, n);
            INDEX.setRelease(page, RSP_CONS, cons + n);
            kick();
            return n;
        }
    }

    /** What the page holds now: indexes, {@code server_features}, {@code connection} and {@code error}. */
    public Interface state() {
        return new Interface(index(REQ_CONS), index(REQ_PROD), index(RSP_CONS), index(RSP_PROD),
                index(SERVER_FEATURES), index(CONNECTION), index(ERROR));
    }

    /**
     * The words of {@code struct xenstore_domain_interface} after the two rings.
     *
     * @param serverFeatures what the daemon offers: C xenstored 4.17 writes 0, oxenstored 1 (RECONNECTION)
     * @param error 0, or {@code XENSTORE_ERROR_*} (3 = PROTO: C gave up on this guest's byte stream)
     */
    public record Interface(int reqCons, int reqProd, int rspCons, int rspProd, int serverFeatures,
            int connection, int error) {
    }

    /**
     * Sends the daemon one kick: a datagram of the domid as 4 bytes little endian to {@code evtchn}.
     *
     * @throws IOException when the ring is closed or the daemon's socket is gone
     */
    public void kick() throws IOException {
        ensureOpen();
        // Through the channel: DatagramPacket takes only resolved Internet addresses.
        socket.getChannel().send(ByteBuffer.wrap(kick), evtchn);
    }

    private int index(int offset) {
        return (int) INDEX.getAcquire(page, offset);
    }

    private int reqRoom() {
        return RING_SIZE - checked((int) INDEX.getOpaque(page, REQ_PROD) - (int) INDEX.getAcquire(page, REQ_CONS), "req");
    }

    private int rspAvailable() {
        return checked((int) INDEX.getAcquire(page, RSP_PROD) - (int) INDEX.getOpaque(page, RSP_CONS), "rsp");
    }

    private int checked(int used, String ring) {
        if (used < 0 || used > RING_SIZE) {
            throw new IllegalStateException("domain " + domid + ": " + ring + " holds " + used
                    + " bytes, more than a ring can: the indexes are corrupt " + state());
        }
        return used;
    }

    /**
     * Waits until the condition holds or the deadline passes. A notification wakes the waiter; the condition
     * is checked again at least every {@value #DOORBELL_MILLIS} ms, so a lost notification costs only time.
     */
    private boolean await(BooleanSupplier ready, long deadline) throws IOException {
        byte[] one = new byte[16];
        DatagramPacket packet = new DatagramPacket(one, one.length);
        while (true) {
            ensureOpen();
            if (ready.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            synchronized (doorbell) {
                // Checked again under the lock: another waiter may have taken the notification meant for us.
                if (ready.getAsBoolean()) {
                    return true;
                }
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    // check again
                } catch (SocketException e) {
                    ensureOpen();
                    throw e;
                }
            }
            if (Thread.interrupted()) {
                throw new InterruptedIOException("interrupted while waiting for domain " + domid + "'s ring");
            }
        }
    }

    private static long deadline(Duration timeout) {
        Duration longest = Duration.ofNanos(Long.MAX_VALUE / 4); // so that the sum cannot overflow
        return System.nanoTime() + (timeout.compareTo(longest) > 0 ? longest : timeout).toNanos();
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("domain " + domid + "'s ring is closed");
        }
    }

    /** Closes the socket (a waiting read or write fails) and deletes both files. Idempotent; never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        socket.close();
        try {
            Files.deleteIfExists(guestSocket);
            Files.deleteIfExists(ringFile);
        } catch (IOException ignored) {
            // the daemon's folder is deleted with the daemon anyway
        }
    }

    @Override
    public String toString() {
        return "GuestRing[domain " + domid + ", " + ringFile + "]";
    }
}
