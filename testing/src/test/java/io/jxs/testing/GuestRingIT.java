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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.testing.XenStoreDaemon.Kind;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The stand-in's guest interface (testing/README.md) against both real daemons, through {@link GuestRing}
 * and raw packets: the contract that the guest fixture of jxs-testing-guest builds on.
 */
@ExtendWith(XenStoreDaemonExtension.class)
class GuestRingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aGuestIsServedOverItsRingAfterIntroduce(Kind kind, DaemonPool daemons) throws IOException {
        XenStoreDaemon daemon = daemons.get(kind);
        try (GuestRing ring = GuestRing.create(daemon.guestDirectory(), 5)) {
            daemon.xenstoreCli("xenstore-write", "/local/domain/5", "");
            assertEquals("OK", dom0(daemon, Wire.SET_PERMS, "/local/domain/5", "n5", "r0").text());
            assertEquals("OK", dom0(daemon, Wire.INTRODUCE, "5", "1", "5").text());

            assertEquals("OK", Wire.exchange(ring, Wire.packet(Wire.WRITE, 1, "data/x", "hello"), TIMEOUT).text());
            assertEquals("hello", Wire.exchange(ring, Wire.packet(Wire.READ, 2, "data/x"), TIMEOUT).text());
            assertEquals("/local/domain/5",
                    Wire.exchange(ring, Wire.packet(Wire.GET_DOMAIN_PATH, 3, "5"), TIMEOUT).text());
            assertEquals("hello", daemon.xenstoreCli("xenstore-read", "/local/domain/5/data/x"));
            GuestRing.Interface state = ring.state();
            assertEquals(state.reqProd(), state.reqCons(), state::toString);
            assertEquals(state.rspProd(), state.rspCons(), state::toString);
            assertEquals(0, state.error(), state::toString);

            assertEquals("OK", dom0(daemon, Wire.RELEASE, "5").text());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void serverFeaturesAreZeroOnXenstoredAndReconnectionOnOxenstored(Kind kind, DaemonPool daemons)
            throws IOException {
        XenStoreDaemon daemon = daemons.get(kind);
        try (GuestRing ring = GuestRing.create(daemon.guestDirectory(), 6)) {
            assertEquals("OK", dom0(daemon, Wire.INTRODUCE, "6", "1", "6").text());
            assertEquals(kind == Kind.XENSTORED ? 0 : 1, ring.state().serverFeatures());
            assertEquals("OK", dom0(daemon, Wire.RELEASE, "6").text());
        }
    }

    /** Row a0 of guest-domains.md: C asks the hypervisor whether a domain named in a permission exists. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDomainExistsForXenstoredOnlyWhileItsRingFileExists(Kind kind, DaemonPool daemons) throws IOException {
        XenStoreDaemon daemon = daemons.get(kind);
        daemon.xenstoreCli("xenstore-write", "/g7", "");
        String withoutRing = dom0(daemon, Wire.SET_PERMS, "/g7", "n7", "r0").text();
        assertEquals(kind == Kind.XENSTORED ? "ENOENT" : "OK", withoutRing);
        try (GuestRing ring = GuestRing.create(daemon.guestDirectory(), 7)) {
            assertEquals("OK", dom0(daemon, Wire.SET_PERMS, "/g7", "n" + ring.domid(), "r0").text());
        }
    }

    /** Tests written before guests introduce made-up domids: they keep their results. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void introduceWithoutARingFileSucceedsAndTheDomainStaysSilent(Kind kind, DaemonPool daemons) throws IOException {
        XenStoreDaemon daemon = daemons.get(kind);
        assertEquals("OK", dom0(daemon, Wire.INTRODUCE, "8", "1", "8").text());
        assertEquals("T", dom0(daemon, Wire.IS_DOMAIN_INTRODUCED, "8").text());
        assertEquals("OK", dom0(daemon, Wire.RELEASE, "8").text());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closeDeletesTheRingAndItsSocket(Kind kind, DaemonPool daemons) throws IOException {
        Path dir = daemons.get(kind).guestDirectory();
        GuestRing ring = GuestRing.create(dir, 9);
        assertThrows(FileAlreadyExistsException.class, () -> GuestRing.create(dir, 9));
        assertTrue(Files.exists(dir.resolve("domain-9.ring")));
        assertTrue(Files.exists(dir.resolve("domain-9.guest")));
        assertEquals(GuestRing.PAGE_SIZE, Files.size(ring.ringFile()));
        ring.close();
        assertFalse(Files.exists(dir.resolve("domain-9.ring")));
        assertFalse(Files.exists(dir.resolve("domain-9.guest")));
        assertThrows(IOException.class, ring::kick);
        ring.close(); // idempotent
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDomidOutsideTheGuestRangeIsRefused(Kind kind) {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        assertThrows(IllegalArgumentException.class, () -> GuestRing.create(dir, 0));
        assertThrows(IllegalArgumentException.class, () -> GuestRing.create(dir, 0x7ff0));
    }

    /** One request from dom0 over the daemon's Unix socket. */
    private static Wire.Reply dom0(XenStoreDaemon daemon, int type, String... parts) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(daemon.socketPath()));
            Channels.newOutputStream(channel).write(Wire.packet(type, 1, parts));
            var in = Channels.newInputStream(channel);
            java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(in.readNBytes(16)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            return new Wire.Reply(header.getInt(0), in.readNBytes(header.getInt(12)));
        }
    }
}
