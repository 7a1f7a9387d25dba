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
package io.jxs.benchmarks;

import io.jxs.Client;
import io.jxs.Monitor;
import io.jxs.WatchEvent;
import io.jxs.testing.XenStoreDaemon;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Watch-event delivery: while a writer on a second connection writes the children of a watched node, one
 * thread takes each event from a {@link Monitor}; the score is events delivered per second. Every event is
 * counted: at the end of each iteration the writer stops, the remaining events are taken, and the iteration
 * fails unless exactly one event arrived per write. With {@code otherWatches} the monitor also holds that many
 * watches on nodes nobody writes, each with a token of its own; with {@code otherWatchesHeldBy=OTHER_CONNECTION}
 * a third connection holds them instead, so the daemon still matches each write against them but the measured
 * monitor does not: the rate then is the daemon's bound, and the monitor's own cost of holding them is the
 * difference.
 *
 * <p>The writer writes one node at a time, cycling through {@value #NODES} children, and never runs more than
 * {@value #WINDOW} events ahead of the reader. C xenstored drops an event identical to one it has not sent
 * yet (same path and token); with the window smaller than the cycle no two such events are ever pending.
 * libxenstore's counterpart ({@code src/main/c/xs_bench.c}) uses the same writer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class WatchBenchmark {

    /** The watched node; the writer writes its children. */
    static final String WATCHED = "/bench/watch";
    /** The watch's token. */
    static final String TOKEN = "bench";
    /** How many children the writer cycles through. */
    static final int NODES = 1024;
    /** How many events the writer may be ahead of the reader. */
    static final int WINDOW = 256;
    /** How long the reader waits for an event before it counts it as lost. */
    private static final long EVENT_TIMEOUT_SECONDS = 10;

    /** Which daemon the trial runs against. */
    @Param({"XENSTORED", "OXENSTORED"})
    public XenStoreDaemon.Kind kind;

    /** How many watches on other nodes, never written, the monitor holds besides the measured one. */
    @Param({"0", "10000"})
    public int otherWatches;

    /** Who holds the other watches: the measured monitor, or a connection of its own that takes no event. */
    @Param({"MONITOR"})
    public Holder otherWatchesHeldBy;

    /** The holders of the other watches. */
    public enum Holder {
        /** The measured monitor. */
        MONITOR,
        /** A third connection's monitor. */
        OTHER_CONNECTION
    }

    private final String[] children = new String[NODES];
    private TrialDaemon daemon;
    private Client reader;
    private Client writer;
    private Client bystander;
    private Monitor monitor;
    private Semaphore window;
    private Thread writerThread;
    private volatile boolean stopping;
    private volatile RuntimeException writerFailure;
    /** Writes done in this iteration. */
    private volatile long written;
    /** Events taken in this iteration; only the benchmark thread touches it. */
    private long delivered;

    /**
     * Connects the reader and the writer, creates the children and registers the watches, taking the event
     * the daemon sends for each new watch.
     *
     * @throws InterruptedException when interrupted while waiting for an event
     * @throws IllegalStateException when a new watch's event does not come
     */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        if (otherWatches < 0) {
            throw new IllegalArgumentException("otherWatches must not be negative: " + otherWatches);
        }
        daemon = TrialDaemon.of(kind);
        reader = Client.unixSocket(daemon.socketPath().toString());
        writer = Client.unixSocket(daemon.socketPath().toString());
        reader.connect();
        writer.connect();
        for (int i = 0; i < NODES; i++) {
            children[i] = WATCHED + "/" + i;
            writer.write(children[i], ClientBenchmark.VALUE);
        }
        monitor = reader.monitor();
        watch(monitor, WATCHED, TOKEN);
        Monitor holder = monitor;
        if (otherWatchesHeldBy == Holder.OTHER_CONNECTION) {
            bystander = Client.unixSocket(daemon.socketPath().toString());
            bystander.connect();
            holder = bystander.monitor();
        }
        for (int i = 0; i < otherWatches; i++) {
            watch(holder, "/bench/other/" + i, "other" + i);
        }
    }

    private static void watch(Monitor monitor, String path, String token) throws InterruptedException {
        monitor.watch(path, token);
        // Taken one by one: 10,000 first events at once would overflow the monitor's queue.
        WatchEvent first = monitor.poll(EVENT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (first == null || !first.path().equals(path) || !first.token().equals(token)) {
            throw new IllegalStateException("watching " + path + " brought " + first + " instead of its first event");
        }
    }

    /** Starts the writer. */
    @Setup(Level.Iteration)
    public void startWriter() {
        window = new Semaphore(WINDOW);
        written = 0;
        delivered = 0;
        stopping = false;
        writerFailure = null;
        writerThread = new Thread(this::writeUntilStopped, "bench-watch-writer");
        writerThread.start();
    }

    private void writeUntilStopped() {
        try {
            while (!stopping) {
                if (window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    writer.write(children[(int) (written % NODES)], ClientBenchmark.VALUE);
                    written++; // only this thread writes it
                }
            }
        } catch (InterruptedException e) {
            writerFailure = new IllegalStateException("writer interrupted", e);
        } catch (RuntimeException e) {
            writerFailure = e;
        }
    }

    /**
     * Takes one event of the measured watch.
     *
     * @return the event
     * @throws InterruptedException when interrupted while waiting
     * @throws IllegalStateException when no event comes in time, or an event of another watch comes
     */
    @Benchmark
    @Threads(1)
    public WatchEvent watchEvent() throws InterruptedException {
        WatchEvent event = take();
        window.release();
        return event;
    }

    /**
     * Stops the writer, takes the events still on their way and checks that one came per write.
     *
     * @throws InterruptedException when interrupted while waiting
     * @throws IllegalStateException when the writer failed, or an event was lost or came twice
     */
    @TearDown(Level.Iteration)
    public void stopWriterAndCount() throws InterruptedException {
        stopping = true;
        writerThread.join();
        if (writerFailure != null) {
            throw new IllegalStateException("the writer failed after " + written + " writes", writerFailure);
        }
        while (delivered < written) {
            take();
        }
        WatchEvent extra = monitor.poll(100, TimeUnit.MILLISECONDS);
        if (extra != null || monitor.overflows() > 0) {
            throw new IllegalStateException(written + " writes brought more events: " + extra + ", "
                    + monitor.overflows() + " overflows");
        }
    }

    private WatchEvent take() throws InterruptedException {
        WatchEvent event = monitor.poll(EVENT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (event == null) {
            throw new IllegalStateException("event lost: " + delivered + " events for " + written
                    + " writes, and none for " + EVENT_TIMEOUT_SECONDS + " s");
        }
        if (!event.token().equals(TOKEN) || !event.path().startsWith(WATCHED + "/")) {
            throw new IllegalStateException("unexpected event " + event);
        }
        delivered++;
        return event;
    }

    /** Closes the clients (the daemon drops their watches) and stops the daemon if the trial started it. */
    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            for (Client client : new Client[] {reader, writer, bystander}) {
                if (client != null) {
                    client.close();
                }
            }
        } finally {
            if (daemon != null) {
                daemon.close();
            }
        }
    }
}
