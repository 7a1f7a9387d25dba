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
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process peer for unit tests: requests written by the router queue up in
 * {@link #nextRequest()}, and the test answers with {@link #reply} or {@link #event}.
 */
final class FakeConnection implements Connection {
    private static final Packet CLOSED = new Packet(Op.INVALID, 0, 0, new byte[0]);

    private final BlockingQueue<Packet> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object> incoming = new LinkedBlockingQueue<>();
    private final int maxPayload;
    private volatile boolean connected;
    private volatile boolean refuseConnections;
    private boolean stopReading; // guarded by this
    private int unread; // requests written and not answered, guarded by this
    private int socketBuffer; // how many unread requests a write still takes while stopped, guarded by this
    private int writeWindow;
    private final AtomicInteger flushes = new AtomicInteger();

    FakeConnection() {
        this(Packet.MAX_PAYLOAD);
    }

    FakeConnection(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    @Override
    public void connect(Duration timeout) throws IOException {
        if (refuseConnections) {
            throw new IOException("fake refuses connections");
        }
        connected = true;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void write(Packet packet) throws IOException {
        synchronized (this) {
            try {
                while (stopReading && connected && unread >= socketBuffer) {
                    wait();
                }
                unread++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        if (!connected) {
            throw new IOException("fake is closed");
        }
        requests.add(packet);
    }

    /** Makes writes block, as when the daemon stops reading and the socket buffer is full. */
    synchronized void stopReading() {
        stopReading = true;
    }

    /**
     * Makes this fake a transport whose writes do not block while fewer than {@code requests} are
     * unanswered, even when the daemon stops reading, as a socket's buffer does.
     */
    synchronized void bufferUnanswered(int requests) {
        socketBuffer = requests;
        writeWindow = requests * Request.SMALL_BUFFER_COST;
    }

    @Override
    public synchronized int writeWindow() {
        return writeWindow;
    }

    /** Lets blocked writes go on. */
    synchronized void resumeReading() {
        stopReading = false;
        notifyAll();
    }

    @Override
    public void flush() {
        flushes.incrementAndGet();
    }

    /** How many times the router flushed: the system calls a socket would have made. */
    int flushes() {
        return flushes.get();
    }

    @Override
    public Packet read() throws IOException {
        try {
            Object next = incoming.take();
            if (next == CLOSED) {
                incoming.add(CLOSED);
                connected = false;
                throw new IOException("fake peer closed the connection");
            }
            if (next instanceof RuntimeException e) {
                throw e;
            }
            if (next instanceof IOException e) {
                throw e;
            }
            if (next instanceof Error e) {
                throw e;
            }
            return (Packet) next;
        } catch (InterruptedException e) {
            throw new IOException("interrupted");
        }
    }

    @Override
    public int maxPayload() {
        return maxPayload;
    }

    @Override
    public String describe() {
        return "fake";
    }

    @Override
    public void close() {
        connected = false;
        incoming.add(CLOSED);
        synchronized (this) {
            notifyAll();
        }
    }

    /** Returns the requests written so far and not yet taken, without waiting. */
    java.util.List<Packet> writtenRequests() {
        java.util.List<Packet> all = new java.util.ArrayList<>();
        requests.drainTo(all);
        return all;
    }

    /** Waits for the next request the router wrote. */
    Packet nextRequest() throws InterruptedException {
        Packet packet = requests.poll(5, TimeUnit.SECONDS);
        if (packet == null) {
            throw new AssertionError("no request was written");
        }
        return packet;
    }

    /** Tells whether a request is waiting, without blocking. */
    boolean hasRequest() {
        return !requests.isEmpty();
    }

    /** Answers a request with the same type and the given payload. */
    void reply(Packet request, byte[] payload) {
        answered();
        incoming.add(new Packet(request.op(), request.rqId(), request.txId(), payload));
    }

    /** Answers a request with an ERROR packet carrying the error word. */
    void error(Packet request, String word) {
        answered();
        incoming.add(new Packet(Op.ERROR, request.rqId(), request.txId(), (word + "\0").getBytes()));
    }

    private synchronized void answered() {
        unread = Math.max(0, unread - 1);
        notifyAll();
    }

    /** Sends an unsolicited watch event. */
    void event(String path, String token) {
        incoming.add(new Packet(Op.WATCH_EVENT, 0, 0, (path + "\0" + token + "\0").getBytes()));
    }

    /** Sends any packet. */
    void send(Packet packet) {
        incoming.add(packet);
    }

    /** Makes the reader thread's next read throw. */
    void fail(Throwable failure) {
        incoming.add(failure);
    }

    /** Makes every later connect() fail, as when no daemon listens. */
    void refuseConnections() {
        refuseConnections = true;
    }

    /** Simulates the daemon going away. */
    void hangUp() {
        close();
    }
}
