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

import io.jxs.connection.Op;
import io.jxs.connection.Packet;
import io.jxs.protocol.Payloads;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One request in flight, and the future of its decoded result: the router queues it, the writer
 * sends it unless its deadline has passed, and the reader completes it with the reply.
 *
 * @param <T> the decoded result
 */
final class Request<T> extends CompletableFuture<T> {
    /** A deadline that never passes. */
    static final long NO_DEADLINE = Long.MAX_VALUE;
    /** The connection of a request that may go out on any: outside a transaction. */
    static final int ANY_CONNECTION = -1;

    private final Op op;
    private final byte[] payload;
    private final int txId;
    private final int epoch;
    private final String subject;
    private final Function<Packet, T> decoder;
    private final long deadline;
    private final long timeoutMillis;
    /** The thread that waits for the reply on its own thread and sees that it is read, or null. */
    private final Thread awaitedBy;
    private volatile int rqId;
    private volatile long sentAt;

    /**
     * Creates a request.
     *
     * @param op the type
     * @param txId the transaction, 0 outside one
     * @param epoch the connection the transaction belongs to, or {@link #ANY_CONNECTION}
     * @param payload the payload
     * @param subject what the request is about, for error messages; null to hand {@link Op#ERROR}
     *     replies to the decoder instead of failing with them
     * @param decoder turns the reply into the result; what it throws fails the future
     * @param deadline the {@link System#nanoTime()} after which the request fails, or {@link #NO_DEADLINE}
     * @param timeoutMillis the timeout the deadline came from, for the message
     * @param awaited true when the calling thread waits for the reply itself and sees that it is read
     *     ({@link Router#readOwnReply}, {@link Router#awaitReader}): the router then does not wake its
     *     reader thread when that thread writes it
     */
    Request(Op op, int txId, int epoch, byte[] payload, String subject, Function<Packet, T> decoder, long deadline,
            long timeoutMillis, boolean awaited) {
        this.op = op;
        this.txId = txId;
        this.epoch = epoch;
        this.payload = payload;
        this.subject = subject;
        this.decoder = decoder;
        this.deadline = deadline;
        this.timeoutMillis = timeoutMillis;
        this.awaitedBy = awaited ? Thread.currentThread() : null;
    }

    Op op() {
        return op;
    }

    /** Tells whether the current thread made this request and waits for its reply, seeing that it is read. */
    boolean awaitedByCurrentThread() {
        return awaitedBy == Thread.currentThread();
    }

    /** Tells whether the request may go out on the connection of this number. */
    boolean belongsTo(int connection) {
        return epoch == ANY_CONNECTION || epoch == connection;
    }

    int rqId() {
        return rqId;
    }

    void rqId(int id) {
        this.rqId = id;
    }

    /** Returns the packet to write, with the request id the router gave it. */
    Packet packet() {
        return new Packet(op, rqId, txId, payload);
    }

    /** Records when the writer wrote the request. */
    void sent(long nanoTime) {
        this.sentAt = nanoTime;
    }

    long sentAt() {
        return sentAt;
    }

    /**
     * Returns what the kernel charges to the socket's send buffer for this request while the daemon has
     * not read it: the message in a buffer of 1 KiB (up to 512 bytes) or 8 KiB (up to 4 KiB and a header),
     * and the socket buffer's own 256 bytes.
     *
     * @return bytes
     */
    int bufferCost() {
        return bufferCost(size());
    }

    /** The cost of {@link #bufferCost()} for a request of {@code size} bytes. */
    static int bufferCost(int size) {
        return size <= 512 ? SMALL_BUFFER_COST : 8 * 1024 + 512;
    }

    /** What an unread request of up to 512 bytes costs; also the least any request costs. */
    static final int SMALL_BUFFER_COST = 1024 + 256;

    int size() {
        return payload.length + 16;
    }

    long deadline() {
        return deadline;
    }

    boolean isOverdue(long now) {
        return now - deadline > 0 && deadline != NO_DEADLINE;
    }

    /** Completes the request with its reply: the decoded result, or the daemon's refusal. */
    void answer(Packet reply) {
        if (reply.op() == Op.ERROR && subject != null) {
            String word = Payloads.single(reply.payload());
            completeExceptionally(new XenStoreException(word, word + ": " + subject));
            return;
        }
        if (reply.op() != op && reply.op() != Op.ERROR) {
            completeExceptionally(new UnexpectedPacketException("expected a " + op + " reply, got " + reply));
            return;
        }
        T result;
        try {
            result = decoder.apply(reply);
        } catch (RuntimeException e) {
            completeExceptionally(e);
            return;
        }
        complete(result);
    }

    /** Fails the request with a timeout; false when it had completed already. */
    boolean expire() {
        return completeExceptionally(new XenStoreTimeoutException("ETIMEDOUT: no reply to " + op
                + (subject != null ? " " + subject : "") + " within " + timeoutMillis + " ms"));
    }
}
