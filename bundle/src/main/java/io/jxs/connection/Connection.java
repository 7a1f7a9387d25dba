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

import java.io.IOException;
import java.time.Duration;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A transport to a XenStore daemon that carries whole packets. One thread at a time writes and one
 * thread at a time reads (the {@link io.jxs.Router} hands each role from thread to thread with a
 * happens-before edge), so an implementation needs no locking beyond what {@link #close()} from a third
 * thread requires. A transport whose reads can give up also implements {@link TimedReads}.
 *
 * <p>A connection may be opened again after it was closed or lost; the router does so when it
 * reconnects.
 */
@ConsumerType
public interface Connection extends AutoCloseable {

    /**
     * Opens the connection.
     *
     * @param timeout how long opening may take
     * @throws IOException when the daemon cannot be reached in time
     */
    void connect(Duration timeout) throws IOException;

    /**
     * Tells whether the connection is open.
     *
     * @return true between a successful {@link #connect} and {@link #close()} or a failure
     */
    boolean isConnected();

    /**
     * Writes one packet, possibly into a buffer that {@link #flush()} sends.
     *
     * @param packet the packet
     * @throws RequestRefusedException when the transport refuses this packet alone and stays usable
     * @throws IOException when writing fails; the connection is then lost
     */
    void write(Packet packet) throws IOException;

    /**
     * Sends what {@link #write} buffered, so that several packets go out in one system call.
     *
     * @throws IOException when writing fails; the connection is then lost
     */
    void flush() throws IOException;

    /**
     * Blocks until the next packet arrives.
     *
     * @return the packet
     * @throws UnknownTypeException when a packet of an unknown type arrived; the connection stays in
     *     step
     * @throws IOException when the connection ends, fails or is out of step
     */
    Packet read() throws IOException;

    /**
     * Tells whether bytes already received wait in this connection's own buffer, so that {@link #read()}
     * starts on them without asking the transport. The router writes the requests queued meanwhile once
     * it has read everything received, so that they go out together. Called only by the reading thread.
     *
     * @return false (the default) when nothing is buffered or the transport does not say
     */
    default boolean hasBufferedInput() {
        return false;
    }

    /**
     * Returns the largest payload this transport can carry in a request.
     *
     * @return 4096 for a socket
     */
    default int maxPayload() {
        return Packet.MAX_PAYLOAD;
    }

    /**
     * Returns how much the transport buffers for requests the daemon has not read, so that a
     * {@link #write} is sure not to block while the unanswered requests take less, whatever the daemon
     * does: the router then writes on the caller's thread, and never writes beyond the window (requests
     * wait in its queue for replies to make room). The router charges each unanswered request what the kernel charges for it: 1,280 bytes for
     * one of up to 512 bytes, 8,704 bytes for a larger one.
     *
     * @return bytes; 0 (the default) when writes may always block
     */
    default int writeWindow() {
        return 0;
    }

    /**
     * Describes the transport and its address, for logs and management views.
     *
     * @return for example {@code socket:/var/run/xenstored/socket}
     */
    String describe();

    /** Closes the connection; a blocked {@link #read()} or {@link #write} then fails. Never throws. */
    @Override
    void close();
}
