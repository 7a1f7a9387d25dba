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
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Function;

/**
 * One request in flight, and the future of its decoded result: the router registers it for one
 * connection generation ({@link InFlight}), the write path sends it unless it ended first
 * ({@link WritePath}), and whoever reads the reply completes it ({@link Dispatcher}).
 *
 * <p>Invariant: a request is written at most once, on the connection generation it was registered for,
 * and never after it failed. The write path claims it ({@link #claimForWrite()}) before writing; a failure
 * that comes while it is being written is delivered by the writer once the write has returned
 * ({@link #endWrite()}), so whoever sees the failure knows that no byte of the request goes out later.
 *
 * @param <T> the decoded result
 */
final class Request<T> extends CompletableFuture<T> {
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<Request, Throwable> FAILED_WHILE_WRITING =
            AtomicReferenceFieldUpdater.newUpdater(Request.class, Throwable.class, "failedWhileWriting");
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<Request> STAGE = AtomicIntegerFieldUpdater.newUpdater(Request.class, "stage");
    /** A deadline that never passes. */
    static final long NO_DEADLINE = Long.MAX_VALUE;
    /** The connection of a request that may go out on any: outside a transaction. */
    static final int ANY_CONNECTION = -1;

    private final Op op;
    private final byte[] payload;
    private final int txId;
    private final String subject;
    private final Function<Packet, T> decoder;
    private final long deadline;
    /** The timeout the deadline came from, for the message; an int, so that a request takes 8 bytes less. */
    private final int timeoutMillis;
    /** The thread that waits for the reply on its own thread and sees that it is read, or null. */
    private final Thread awaitedBy;
    private volatile int rqId;
    private volatile long sentAt;
    /**
     * The connection generation it may be written on: its transaction's from the start, or
     * {@link #ANY_CONNECTION} until {@link #register} binds it to the current one, before it is queued.
     */
    private volatile int generation;
    /**
     * Where it is in its life: {@link #QUEUED}, {@link #WRITING}, {@link #WRITING_FAILED}, {@link #WRITTEN} or
     * {@link #UNWRITTEN}.
     */
    private volatile int stage = QUEUED;
    /** A failure that came while it was written; the writer delivers it ({@link #endWrite()}). */
    private volatile Throwable failedWhileWriting;

    /** Not written yet; may still be written. */
    private static final int QUEUED = 0;
    /** Claimed by the write path, which is writing it now. */
    private static final int WRITING = 1;
    /** Claimed while being written by a failure that the writer delivers when its write returns. */
    private static final int WRITING_FAILED = 2;
    /** Written: its reply may come. */
    private static final int WRITTEN = 3;
    /** Ended before it was written: it never will be. */
    private static final int UNWRITTEN = 4;

    /**
     * Creates a request.
     *
     * @param op the type
     * @param txId the transaction, 0 outside one
     * @param generation the connection generation the transaction belongs to, or {@link #ANY_CONNECTION}
     * @param payload the payload
     * @param subject what the request is about, for error messages; null to hand {@link Op#ERROR}
     *     replies to the decoder instead of failing with them
     * @param decoder turns the reply into the result; what it throws fails the future
     * @param deadline the {@link System#nanoTime()} after which the request fails, or {@link #NO_DEADLINE}
     * @param timeoutMillis the timeout the deadline came from, for the message
     * @param awaited true when the calling thread waits for the reply itself and sees that it is read
     *     ({@link Router#await}): the router then does not wake its reader thread when that thread writes
     *     it
     */
    Request(Op op, int txId, int generation, byte[] payload, String subject, Function<Packet, T> decoder, long deadline,
            long timeoutMillis, boolean awaited) {
        this.op = op;
        this.txId = txId;
        this.generation = generation;
        this.payload = payload;
        this.subject = subject;
        this.decoder = decoder;
        this.deadline = deadline;
        this.timeoutMillis = (int) Math.min(timeoutMillis, Integer.MAX_VALUE);
        this.awaitedBy = awaited ? Thread.currentThread() : null;
    }

    Op op() {
        return op;
    }

    /** Returns the transaction the request belongs to, 0 outside one. */
    int txId() {
        return txId;
    }

    /** Tells whether the current thread made this request and waits for its reply, seeing that it is read. */
    boolean awaitedByCurrentThread() {
        return awaitedBy == Thread.currentThread();
    }

    /**
     * Binds the request to the connection generation it is registered in: its transaction's, or the
     * current one for a request outside a transaction.
     *
     * @param rqId its request id, unique among the requests in flight
     * @param current the generation of the connection now
     */
    void register(int rqId, int current) {
        this.rqId = rqId;
        if (generation == ANY_CONNECTION) {
            this.generation = current;
        }
    }

    /** Returns the connection generation the request may be written on, and no other. */
    int generation() {
        return generation;
    }

    /**
     * Claims the request for writing, unless it ended or was claimed before. Only the write path calls
     * this, and writes the request if and only if it returns true, then calls {@link #endWrite()}.
     *
     * @return true when the caller must write it now
     */
    boolean claimForWrite() {
        return !isDone() && STAGE.compareAndSet(this, QUEUED, WRITING);
    }

    /**
     * Records that the claimed request was written (or its write failed: the caller then fails it), and
     * delivers a failure that came meanwhile.
     */
    void endWrite() {
        if (!STAGE.compareAndSet(this, WRITING, WRITTEN) && STAGE.compareAndSet(this, WRITING_FAILED, WRITTEN)) {
            super.completeExceptionally(failedWhileWriting);
        }
    }

    /**
     * Tells whether the request has ended for its caller: it is done, or it failed while it was being
     * written and fails as soon as the write returns. A reply that comes meanwhile is not its result.
     *
     * @return true when nothing may complete it with a reply any more
     */
    boolean hasEnded() {
        return isDone() || stage == WRITING_FAILED;
    }

    /** Tells whether the request was written, so its reply will come. */
    boolean isWritten() {
        int now = stage;
        return now == WRITTEN || now == WRITING || now == WRITING_FAILED;
    }

    /**
     * Fails the request. One that is being written fails once its write returned, so no byte of it goes
     * out after its caller saw the failure; one not yet claimed is never written.
     *
     * @param cause the failure
     * @return false when it had ended already
     */
    boolean fail(Throwable cause) {
        while (true) {
            int now = stage;
            if (now == WRITING) {
                // The first failure's cause is kept; the stage's change then names it the one delivered.
                FAILED_WHILE_WRITING.compareAndSet(this, null, cause);
                if (STAGE.compareAndSet(this, WRITING, WRITING_FAILED)) {
                    return true;
                }
            } else if (now == WRITING_FAILED) {
                return false;
            } else if (now == WRITTEN || now == UNWRITTEN || STAGE.compareAndSet(this, QUEUED, UNWRITTEN)) {
                return super.completeExceptionally(cause);
            }
        }
    }

    /** Fails the request as {@link #fail} does: every failure of a request goes through its stage. */
    @Override
    public boolean completeExceptionally(Throwable cause) {
        return fail(cause);
    }

    /** Cancels the request as a failure ({@link #fail}): a cancelled request is never written afterwards. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return fail(new CancellationException());
    }

    int rqId() {
        return rqId;
    }

    /** Returns the payload as sent; callers must not change it. */
    byte[] payload() {
        return payload;
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
            completeExceptionally(Refusals.of(op, txId, Payloads.single(reply.payload()), subject));
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

    /** Fails the request with a timeout; false when it had ended already. */
    boolean expire() {
        return fail(timeout());
    }

    /** The exception of a request whose deadline passed. */
    private XenStoreTimeoutException timeout() {
        return new XenStoreTimeoutException("ETIMEDOUT: no reply to " + op
                + (subject != null ? " " + subject : "") + " within " + timeoutMillis + " ms");
    }
}
