package io.jxs.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client connection on the Unix socket: a privileged ("dom0") connection with its own watches, transactions and
 * queue of outgoing replies and events. Used by the daemon's single thread only.
 */
final class Connection {

    /** A complete request. */
    record Request(int type, int reqId, int txId, byte[] payload) {
    }

    /** An outgoing message; {@code event} is its payload when it is a watch event (for de-duplication). */
    private record Outgoing(ByteBuffer bytes, byte[] event) {
    }

    private final SocketChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(Wire.HEADER_SIZE).order(ByteOrder.nativeOrder());
    private ByteBuffer payload;
    private final List<Watch> watches = new ArrayList<>();
    private final Map<Integer, Transaction> transactions = new LinkedHashMap<>();
    private int nextTransactionId = 1;
    private final Deque<Outgoing> out = new ArrayDeque<>();

    Connection(SocketChannel channel) {
        this.channel = channel;
    }

    SocketChannel channel() {
        return channel;
    }

    List<Watch> watches() {
        return watches;
    }

    /** The open transaction with this id, or null. */
    Transaction transaction(int id) {
        return transactions.get(id);
    }

    Transaction startTransaction(Store store) {
        int id;
        do {
            id = nextTransactionId++;
        } while (id == 0 || transactions.containsKey(id));
        Transaction transaction = new Transaction(id, store);
        transactions.put(id, transaction);
        return transaction;
    }

    void endTransaction(Transaction transaction) {
        transactions.remove(transaction.id());
    }

    /** RESET_WATCHES: forget all watches and transactions. */
    void reset() {
        watches.clear();
        transactions.clear();
    }

    /**
     * Reads what has arrived and returns the complete requests.
     *
     * @throws IOException when the peer closed the connection or sent a payload longer than 4096 bytes
     */
    List<Request> read() throws IOException {
        List<Request> requests = new ArrayList<>();
        while (true) {
            if (payload == null) {
                if (channel.read(header) < 0) {
                    throw new IOException("closed by peer");
                }
                if (header.hasRemaining()) {
                    return requests;
                }
                int len = header.getInt(12);
                if (len < 0 || len > Wire.PAYLOAD_MAX) {
                    throw new IOException("request payload of " + Integer.toUnsignedString(len) + " bytes");
                }
                payload = ByteBuffer.allocate(len);
            }
            if (payload.hasRemaining() && channel.read(payload) < 0) {
                throw new IOException("closed by peer");
            }
            if (payload.hasRemaining()) {
                return requests;
            }
            requests.add(new Request(header.getInt(0), header.getInt(4), header.getInt(8), payload.array()));
            header.clear();
            payload = null;
        }
    }

    void queueReply(int type, int reqId, int txId, byte[] body) {
        out.add(new Outgoing(Wire.encode(type, reqId, txId, body), null));
    }

    void queueEvent(String path, String token) {
        byte[] body = Wire.strings(List.of(path, token));
        if (!path.startsWith("@")) {
            for (Outgoing pending : out) {
                if (pending.event() != null && Arrays.equals(pending.event(), body)) {
                    return;
                }
            }
        }
        out.add(new Outgoing(Wire.encode(Wire.WATCH_EVENT, 0, 0, body), body));
    }

    /**
     * Writes as much of the queue as the socket takes.
     *
     * @return true when everything was written
     */
    boolean flush() throws IOException {
        while (!out.isEmpty()) {
            ByteBuffer next = out.peek().bytes();
            channel.write(next);
            if (next.hasRemaining()) {
                return false;
            }
            out.poll();
        }
        return true;
    }
}
