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
package io.jxs;

import io.jxs.connection.Connection;
import io.jxs.connection.Op;
import io.jxs.connection.Packet;
import io.jxs.connection.UnknownTypeException;
import io.jxs.protocol.Payloads;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Reads packets and sends each where it belongs: a reply completes the request of its id, a watch event
 * goes to the router. Used by whichever thread reads the connection (the reader thread, or a caller
 * reading its own reply); one thread at a time.
 *
 * <p>Invariant: every reply gives back its request's charge in the write window before the request is
 * completed, and once nothing more is received the reading thread writes what was queued meanwhile, so
 * the replies that made room are followed by the requests that waited for it.
 */
final class Dispatcher {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    /** What the dispatcher hands to the router, on the reading thread. */
    interface Receiver {
        /**
         * A watch event arrived.
         *
         * @param event the event, with the token exactly as it came over the wire
         */
        void watchEvent(WatchEvent event);

        /**
         * A reply arrived for a request in flight, about to be completed.
         *
         * @param request the request
         * @param reply its reply, possibly an {@link Op#ERROR}
         */
        void replyReceived(Request<?> request, Packet reply);

        /**
         * A transaction was started for a caller that gave up waiting: nobody will end it.
         *
         * @param txId the transaction's id
         */
        void orphanedTransaction(int txId);
    }

    /** Where a packet is taken from: a blocking read, or one that may give up (null). */
    @FunctionalInterface
    interface PacketSource {
        /**
         * Reads the next packet.
         *
         * @return the packet, or null when none came in time
         * @throws IOException when the connection is lost
         */
        Packet next() throws IOException;
    }

    private final Connection connection;
    private final InFlight inFlight;
    private final WritePath writePath;
    private final Receiver receiver;

    /**
     * Creates the dispatcher of a router.
     *
     * @param connection the connection read
     * @param inFlight where replies find their requests
     * @param writePath given back each reply's charge, and asked to write what waits once nothing more is received
     * @param receiver told of events, replies and orphaned transactions
     */
    Dispatcher(Connection connection, InFlight inFlight, WritePath writePath, Receiver receiver) {
        this.connection = connection;
        this.inFlight = inFlight;
        this.writePath = writePath;
        this.receiver = receiver;
    }

    /**
     * Reads one packet and dispatches it; then, when nothing more is received, writes what was queued.
     *
     * @param source where to read it
     * @throws IOException when the connection is lost
     */
    void readAndDispatch(PacketSource source) throws IOException {
        Packet packet = null;
        UnknownTypeException unknown = null;
        try {
            packet = source.next();
        } catch (UnknownTypeException e) {
            unknown = e;
        }
        boolean more = connection.hasBufferedInput();
        if (packet != null) {
            dispatch(packet);
        } else if (unknown != null) {
            refuseUnknownType(unknown);
        }
        if (!more && writePath.hasQueued()) {
            writePath.drain();
        }
    }

    private void dispatch(Packet packet) {
        if (packet.op() == Op.WATCH_EVENT) {
            List<String> parts = Payloads.split(packet.payload());
            if (parts.size() < 2) {
                LOG.log(Level.WARNING, "ignoring malformed watch event {0}", packet);
                return;
            }
            receiver.watchEvent(new WatchEvent(parts.get(0), parts.get(1)));
            return;
        }
        Request<?> request = inFlight.answered(packet.rqId());
        writePath.answered(request); // also a request its caller gave up: the daemon has read it
        if (request != null && !request.hasEnded()) {
            receiver.replyReceived(request, packet);
            request.answer(packet);
        } else if (packet.op() == Op.TRANSACTION_START) {
            try {
                receiver.orphanedTransaction((int) Long.parseLong(Payloads.single(packet.payload())));
            } catch (NumberFormatException e) {
                LOG.log(Level.DEBUG, "ignoring late TRANSACTION_START reply {0}", packet);
            }
        } else {
            LOG.log(Level.DEBUG, "ignoring reply to no pending request: {0}", packet);
        }
    }

    /** Fails the request that a packet of an unknown type answered; the daemon has read it all the same. */
    private void refuseUnknownType(UnknownTypeException e) {
        if (e.rqId() == 0) {
            return; // not an answer
        }
        Request<?> request = inFlight.answered(e.rqId());
        writePath.answered(request);
        if (request != null) {
            request.fail(new InvalidOperationException(e.getMessage()));
        }
    }
}
