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
import io.jxs.connection.TimedReads;
import io.jxs.protocol.Payloads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A daemon in memory, for the controlled-concurrency tests: what the router flushes, it answers at once
 * (a READ of {@code /p} with {@code value of /p}, a TRANSACTION_START with a transaction id unique among
 * all connections, anything else with an empty reply of its type), and it checks, at every write, the
 * properties that only the moment of the write shows:
 * <ul>
 * <li>no request is written after its caller saw it fail ({@link #callerSawFailure});
 * <li>no request is written once its future has ended ({@link #track}): this one needs no action of the
 * caller after the fact, so no write slips in between;
 * <li>no request is written on a connection other than the one that was open all the time its caller
 * sent it ({@link #sentDuring});
 * <li>no request of a transaction is written on a connection other than the one the transaction was
 * started on (the daemon forgets a lost connection's transactions, and a new one may reuse the id).
 * </ul>
 * A WATCH registers on the connection open now, answered first and then with its initial event, as the real
 * daemons do; {@link #fire} sends an event to the watches of the connection open now, and the daemon records
 * every event the router reads ({@link #eventsRead()}).
 * Each connect opens a new connection (its generation is one more) without the watches of the last;
 * {@link #lose()} drops the current one, as a daemon restart does. A write window of a few requests makes the router queue what does not fit.
 * Thread-safe: the router's threads and the test's threads use it at once.
 */
final class InMemoryDaemon implements Connection, TimedReads {
    private static final Packet CLOSED = new Packet(Op.INVALID, 0, 0, new byte[0]);

    private final Object lock = new Object();
    private final int writeWindowRequests;
    private BlockingQueue<Packet> incoming = new LinkedBlockingQueue<>(); // guarded by lock
    private final List<Packet> unflushed = new ArrayList<>(); // guarded by lock
    /** Replies kept back while holding, until {@link #answerHeld()}. */
    private final List<Packet> held = new ArrayList<>(); // guarded by lock
    private boolean holding; // guarded by lock
    /** Runs in the middle of each write, for tests that hold a write in progress. */
    private volatile Consumer<Packet> whileWriting = packet -> { };
    private volatile boolean connected;
    private volatile int generation;
    private final Map<String, Boolean> failedByCaller = new ConcurrentHashMap<>();
    private final Map<String, Integer> sentDuring = new ConcurrentHashMap<>();
    private final Map<String, Future<?>> tracked = new ConcurrentHashMap<>();
    /** The connection each transaction was started on, by id. */
    private final Map<Integer, Integer> transactions = new ConcurrentHashMap<>(); // written under lock
    private int lastTransaction; // guarded by lock
    private final List<String> violations = new ArrayList<>(); // guarded by lock
    private final List<String> written = new ArrayList<>(); // guarded by lock
    /** The watches of the connection open now: token by path. */
    private final Map<String, String> watches = new HashMap<>(); // guarded by lock
    /** The paths of the events the router read, initial events included, in order. */
    private final List<String> eventsRead = new ArrayList<>(); // guarded by lock
    /** How many WATCH requests the daemon answered, on every connection. */
    private int registrations; // guarded by lock

    /**
     * Creates the daemon.
     *
     * @param writeWindowRequests how many small unanswered requests the transport is sure to buffer
     */
    InMemoryDaemon(int writeWindowRequests) {
        this.writeWindowRequests = writeWindowRequests;
        // A ConcurrentHashMap makes its table at the first put, and a second thread putting meanwhile spins with
        // Thread.yield() until the first is done: under a scheduler that keeps the first one waiting (Fray's PCT),
        // for ever. Made here, on one thread.
        failedByCaller.put("", Boolean.TRUE);
        failedByCaller.remove("");
        sentDuring.put("", 0);
        sentDuring.remove("");
        tracked.put("", new CompletableFuture<>());
        tracked.remove("");
        transactions.put(0, 0);
        transactions.remove(0);
    }

    @Override
    public void connect(Duration timeout) {
        synchronized (lock) {
            if (connected) {
                return;
            }
            incoming = new LinkedBlockingQueue<>();
            watches.clear();
            unflushed.clear();
            held.clear();
            generation++;
            connected = true;
        }
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    /**
     * Takes a packet in two steps, as a socket takes its bytes: the write starts on the connection open now,
     * lets other threads run, and the packet is received when the write returns. The properties are checked
     * then: any byte may go out until the write has returned.
     */
    @Override
    public void write(Packet packet) throws IOException {
        int on;
        synchronized (lock) {
            if (!connected) {
                throw new IOException("in-memory daemon: not connected");
            }
            on = generation;
        }
        Thread.yield();
        whileWriting.accept(packet);
        synchronized (lock) {
            if (!connected || generation != on) {
                throw new IOException("in-memory daemon: connection lost while writing");
            }
            String path = pathOf(packet);
            if (failedByCaller.containsKey(path)) {
                violations.add(packet.op() + " " + path + " written after its caller saw it fail");
            }
            Future<?> request = tracked.get(path);
            if (request != null && request.isDone()) {
                violations.add(packet.op() + " " + path + " written after it ended (" + ending(request) + ")");
            }
            Integer sentOn = sentDuring.get(path);
            if (sentOn != null && sentOn != generation) {
                violations.add(packet.op() + " " + path + " sent on connection " + sentOn + " written on " + generation);
            }
            Integer startedOn = packet.txId() == 0 ? null : transactions.get(packet.txId());
            if (packet.txId() != 0 && !Integer.valueOf(generation).equals(startedOn)) {
                violations.add(packet.op() + " " + path + " in transaction " + packet.txId() + " of connection "
                        + startedOn + " written on " + generation);
            }
            written.add(path);
            unflushed.add(packet);
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (lock) {
            if (!connected) {
                throw new IOException("in-memory daemon: not connected");
            }
            for (Packet request : unflushed) {
                Packet reply = request.op() == Op.TRANSACTION_START ? startTransaction(request) : answer(request);
                (holding ? held : incoming).add(reply);
                if (request.op() == Op.WATCH) {
                    List<String> pathAndToken = Payloads.split(request.payload());
                    watches.put(pathAndToken.get(0), pathAndToken.get(1));
                    registrations++;
                    (holding ? held : incoming).add(event(pathAndToken.get(0), pathAndToken.get(1)));
                } else if (request.op() == Op.UNWATCH) {
                    watches.remove(pathOf(request));
                }
            }
            unflushed.clear();
        }
    }

    private Packet startTransaction(Packet request) {
        int id = ++lastTransaction;
        transactions.put(id, generation);
        return new Packet(Op.TRANSACTION_START, request.rqId(), 0, Payloads.strings(Integer.toString(id)));
    }

    private static Packet event(String path, String token) {
        return new Packet(Op.WATCH_EVENT, 0, 0, Payloads.strings(path, token));
    }

    private static String ending(Future<?> request) {
        try {
            return "answered with " + request.get();
        } catch (ExecutionException e) {
            return "failed with " + e.getCause();
        } catch (InterruptedException | CancellationException e) {
            return "cancelled";
        }
    }

    private static Packet answer(Packet request) {
        byte[] payload = request.op() == Op.READ
                ? ("value of " + pathOf(request)).getBytes(StandardCharsets.UTF_8) : new byte[] {0};
        return new Packet(request.op(), request.rqId(), request.txId(), payload);
    }

    private static String pathOf(Packet packet) {
        List<String> parts = Payloads.split(packet.payload());
        return parts.isEmpty() ? "" : parts.get(0);
    }

    @Override
    public Packet read() throws IOException {
        BlockingQueue<Packet> from = queue();
        try {
            return received(from, from.take());
        } catch (InterruptedException e) {
            throw new IOException("interrupted");
        }
    }

    @Override
    public Packet read(long timeoutNanos) throws IOException {
        BlockingQueue<Packet> from = queue();
        try {
            Packet packet = from.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            return packet == null ? null : received(from, packet);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private BlockingQueue<Packet> queue() throws IOException {
        synchronized (lock) {
            if (!connected) {
                throw new IOException("in-memory daemon: not connected");
            }
            return incoming;
        }
    }

    private Packet received(BlockingQueue<Packet> from, Packet packet) throws IOException {
        if (packet == CLOSED) {
            from.add(CLOSED);
            throw new IOException("in-memory daemon: connection closed");
        }
        if (packet.op() == Op.WATCH_EVENT) {
            synchronized (lock) {
                eventsRead.add(pathOf(packet));
            }
        }
        return packet;
    }

    @Override
    public boolean hasInput() {
        BlockingQueue<Packet> from;
        synchronized (lock) {
            from = incoming;
        }
        return !from.isEmpty();
    }

    @Override
    public int writeWindow() {
        return writeWindowRequests * Request.SMALL_BUFFER_COST;
    }

    @Override
    public String describe() {
        return "in-memory";
    }

    @Override
    public void close() {
        synchronized (lock) {
            connected = false;
            incoming.add(CLOSED);
        }
    }

    /** Keeps the replies to what is flushed from now on until {@link #answerHeld()}, as a slow daemon does. */
    void holdReplies() {
        synchronized (lock) {
            holding = true;
        }
    }

    /** Sends the replies kept back, and answers at once again. */
    void answerHeld() {
        synchronized (lock) {
            holding = false;
            incoming.addAll(held);
            held.clear();
        }
    }

    /**
     * Runs an action in the middle of every write from now on, on the writing thread: a test holds a write in
     * progress there.
     *
     * @param action given the packet being written
     */
    void whileWriting(Consumer<Packet> action) {
        whileWriting = action;
    }

    /** Drops the current connection, as a daemon that restarts does. */
    void lose() {
        close();
    }

    /** The generation of the current connection: 1 for the first. */
    int generation() {
        return generation;
    }

    /**
     * Records that the caller of the request for {@code path} saw it fail: it must never be written now.
     *
     * @param path the request's path, unique in a test
     */
    void callerSawFailure(String path) {
        failedByCaller.put(path, Boolean.TRUE);
    }

    /**
     * Watches the request for {@code path} from now on: it must not be written once it has ended. Call it
     * before sending the request.
     *
     * @param path the request's path, unique in a test
     * @param request its future
     */
    void track(String path, Future<?> request) {
        tracked.put(path, request);
    }

    /**
     * Records that the request for {@code path} was sent entirely while this connection was open, so it
     * may be written on it only.
     *
     * @param path the request's path, unique in a test
     * @param connection the generation of that connection
     */
    void sentDuring(String path, int connection) {
        sentDuring.put(path, connection);
    }

    /**
     * Sends an event for {@code path} to the watch of the connection open now on it or on a parent, as a
     * write there would.
     *
     * @param path the changed path
     * @return true when a watch of the connection open now covered it
     */
    boolean fire(String path) {
        synchronized (lock) {
            if (!connected) {
                return false;
            }
            for (Map.Entry<String, String> watch : watches.entrySet()) {
                if (path.equals(watch.getKey()) || path.startsWith(watch.getKey() + "/")) {
                    incoming.add(event(path, watch.getValue()));
                    return true;
                }
            }
            return false;
        }
    }

    /** Tells whether the connection open now has a watch on {@code path}. */
    boolean watching(String path) {
        synchronized (lock) {
            return connected && watches.containsKey(path);
        }
    }

    /** Returns the paths of the watch events the router read, initial events included, in order. */
    List<String> eventsRead() {
        synchronized (lock) {
            return List.copyOf(eventsRead);
        }
    }

    /** Returns how many WATCH requests were answered, on every connection. */
    int registrations() {
        synchronized (lock) {
            return registrations;
        }
    }

    /** Returns what broke the properties, in the order seen; empty when nothing did. */
    List<String> violations() {
        synchronized (lock) {
            return List.copyOf(violations);
        }
    }

    /** Returns the paths of the requests written, in order. */
    List<String> written() {
        synchronized (lock) {
            return List.copyOf(written);
        }
    }
}
