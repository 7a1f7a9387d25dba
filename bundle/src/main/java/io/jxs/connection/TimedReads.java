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
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link Connection} whose reads can give up waiting. A transport opts in by implementing it; the
 * router then lets a thread blocked in a synchronous call read its own reply, as libxenstore's caller
 * does, instead of waking its reader thread for it. Called only by the thread that reads the connection.
 */
@ConsumerType
public interface TimedReads {

    /**
     * Reads the next packet like {@link Connection#read()}, but waits at most the given time for it to
     * arrive whole. When the time runs out, what arrived of it is kept for the next read, so the
     * connection stays in step.
     *
     * @param timeoutNanos how long to wait; positive
     * @return the packet, or null when it did not arrive whole in time
     * @throws UnknownTypeException when a packet of an unknown type arrived; the connection stays in
     *     step
     * @throws IOException when the connection ends, fails or is out of step
     */
    Packet read(long timeoutNanos) throws IOException;

    /**
     * Tells whether bytes have arrived that a read would start on without blocking: in the connection's
     * own buffer, or waiting in the transport. The reading thread may ask it again and again for a few
     * microseconds before it blocks.
     *
     * @return true when a read would not block to start
     * @throws IOException when the transport cannot tell; the connection is then lost
     */
    boolean hasInput() throws IOException;
}
