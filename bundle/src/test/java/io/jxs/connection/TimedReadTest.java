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
package io.jxs.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** {@link UnixSocketConnection#read(long)} gives up on a silent peer and stays in step, also in the middle of a packet. */
class TimedReadTest {
    private static final long MILLIS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final Packet REPLY = new Packet(Op.READ, 7, 0, "value".getBytes());

    private Path directory;
    private AFUNIXServerSocket listener;
    private UnixSocketConnection connection;
    private Socket daemon;

    @BeforeEach
    void connect() throws IOException {
        directory = Files.createTempDirectory("jxs-timed-read");
        Path socket = directory.resolve("socket");
        listener = AFUNIXServerSocket.newInstance();
        listener.bind(AFUNIXSocketAddress.of(socket.toFile()));
        connection = new UnixSocketConnection(socket);
        connection.connect(Duration.ofSeconds(5));
        daemon = listener.accept();
    }

    @AfterEach
    void close() throws IOException {
        connection.close();
        daemon.close();
        listener.close();
        Files.deleteIfExists(directory.resolve("socket"));
        Files.deleteIfExists(directory);
    }

    private void send(byte[] bytes) throws IOException {
        OutputStream out = daemon.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    @Test
    void aTimedReadGivesUpOnASilentPeerAndTheNextReadGetsTheWholePacket() throws IOException {
        long start = System.nanoTime();
        assertNull(connection.read(50 * MILLIS));
        assertTrue(System.nanoTime() - start >= 40 * MILLIS, "gave up too soon");
        send(Framing.frame(REPLY));
        assertEquals(REPLY, connection.read(1000 * MILLIS));
        assertTrue(connection.isConnected());
    }

    @Test
    void aBlockingReadAfterATimedOneWaitsForItsPacket() throws Exception {
        assertNull(connection.read(10 * MILLIS));
        CompletableFuture<Packet> blocking = CompletableFuture.supplyAsync(() -> {
            try {
                return connection.read();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200); // ten times the timeout the timed read left on the socket
        assertFalse(blocking.isDone(), "the blocking read gave up: " + blocking);
        send(Framing.frame(REPLY));
        assertEquals(REPLY, blocking.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aPacketWhoseRestIsLateStaysBufferedAndTheNextReadCompletesIt() throws IOException {
        byte[] frame = Framing.frame(REPLY);
        send(Arrays.copyOf(frame, Framing.HEADER_SIZE + 2));
        assertNull(connection.read(50 * MILLIS));
        assertTrue(connection.isConnected());
        send(Arrays.copyOfRange(frame, Framing.HEADER_SIZE + 2, frame.length));
        assertEquals(REPLY, connection.read(1000 * MILLIS));
    }

    @Test
    void aPacketLargerThanTheBufferIsReadWhole() throws IOException {
        byte[] payload = new byte[200 * 1024];
        Arrays.fill(payload, (byte) 'x');
        Packet large = new Packet(Op.DIRECTORY, 9, 0, payload);
        byte[] frame = Framing.frame(large);
        send(Arrays.copyOf(frame, 100_000));
        assertNull(connection.read(50 * MILLIS));
        send(Arrays.copyOfRange(frame, 100_000, frame.length));
        assertEquals(large, connection.read(1000 * MILLIS));
    }

    @Test
    void aPeerThatClosesInTheMiddleOfAPacketFailsTheConnection() throws IOException {
        byte[] frame = Framing.frame(REPLY);
        send(Arrays.copyOf(frame, Framing.HEADER_SIZE + 2));
        daemon.close();
        IOException e = assertThrows(IOException.class, () -> connection.read(1000 * MILLIS));
        assertTrue(e.getMessage().contains("middle of a packet"), e.getMessage());
        assertFalse(connection.isConnected());
    }

    @Test
    void packetsAlreadyReceivedAreReadWithoutWaiting() throws IOException {
        Packet second = new Packet(Op.WRITE, 8, 0, "OK\0".getBytes());
        byte[] first = Framing.frame(REPLY);
        byte[] next = Framing.frame(second);
        byte[] both = Arrays.copyOf(first, first.length + next.length);
        System.arraycopy(next, 0, both, first.length, next.length);
        send(both);
        assertEquals(REPLY, connection.read(1000 * MILLIS));
        assertTrue(connection.hasBufferedInput());
        assertEquals(second, connection.read(1000 * MILLIS));
        assertNull(connection.read(10 * MILLIS));
    }
}
