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

import io.jxs.AsyncXenStore;
import io.jxs.Client;
import io.jxs.testing.XenStoreDaemon;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
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
 * Throughput of one {@link Client} against a real XenStore daemon: reads and writes of a small node from one
 * thread, reads from 8 threads sharing the client (pipelined over its one connection), 64 reads kept in
 * flight by one thread, and a small read-modify-write transaction. Under {@code run.sh} every trial uses the
 * run's daemon; run alone, each trial starts a fresh one ({@link TrialDaemon}). The fixture runs oxenstored
 * with a larger access-log limit than its default, which would otherwise make every write rotate its log
 * files.
 *
 * <p>Run it with {@code benchmarks/run.sh} for the table next to libxenstore, pyxs and the daemon's ceiling,
 * or alone with {@code java -jar benchmarks/target/benchmarks.jar ClientBenchmark}. The daemon is a
 * {@link Param}: {@code -p kind=XENSTORED} picks one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ClientBenchmark {

    /** The node the read benchmarks read. */
    static final String READ_PATH = "/bench/read";
    /** The node the write benchmark writes. */
    static final String WRITE_PATH = "/bench/write";
    /** The counter the transaction increments. */
    static final String COUNTER_PATH = "/bench/counter";
    /** A small value: ten bytes, like a typical XenStore entry. */
    static final byte[] VALUE = "0123456789".getBytes(StandardCharsets.US_ASCII);

    /** Which daemon the trial runs against. */
    @Param({"XENSTORED", "OXENSTORED"})
    public XenStoreDaemon.Kind kind;

    private TrialDaemon daemon;
    private Client client;

    /** Finds or starts the daemon, connects the client and creates the nodes. */
    @Setup(Level.Trial)
    public void setUp() {
        daemon = TrialDaemon.of(kind);
        client = Client.builder().unixSocket(daemon.socketPath()).build();
        client.connect();
        client.write(READ_PATH, VALUE);
        client.write(WRITE_PATH, VALUE);
        client.write(COUNTER_PATH, "0");
    }

    /** Closes the client and its router, and stops the daemon if the trial started it. */
    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (daemon != null) {
                daemon.close();
            }
        }
    }

    /** One thread reading a 10-byte node: the round-trip time of one request. */
    @Benchmark
    @Threads(1)
    public byte[] read() {
        return client.read(READ_PATH);
    }

    /**
     * One thread reading as {@link #read()} does, with the client's traffic trace on: each reply recorded
     * in a buffer of {@value #TRACE_CAPACITY} records, full after the first moments, so that each record
     * also drops the oldest. Next to {@link #read()} (the trace off), it states what tracing costs.
     *
     * @param on the trace, started for the trial
     * @return the value read
     */
    @Benchmark
    @Threads(1)
    public byte[] readTraceOn(TraceOn on) {
        return client.read(READ_PATH);
    }

    /** How many records the trace of {@link #readTraceOn} keeps: the shell's default. */
    static final int TRACE_CAPACITY = 10_000;

    /** The client's trace, switched on for a trial of {@link #readTraceOn} and off after it. */
    @State(Scope.Benchmark)
    public static class TraceOn {
        private Client traced;

        /**
         * Starts the trace of the benchmark's client.
         *
         * @param benchmark the benchmark, set up first
         */
        @Setup(Level.Trial)
        public void start(ClientBenchmark benchmark) {
            traced = benchmark.client;
            traced.trace().start(TRACE_CAPACITY);
        }

        /** Stops the trace. */
        @TearDown(Level.Trial)
        public void stop() {
            traced.trace().stop();
        }
    }

    /** Eight threads reading through the one shared client: requests pipelined over one connection. */
    @Benchmark
    @Threads(8)
    public byte[] read8Threads() {
        return client.read(READ_PATH);
    }

    /**
     * One thread keeping 64 reads in flight on the client's connection: each call takes the oldest reply
     * and sends a new read. Compared with the daemon's ceiling, a raw client with as many reads in flight.
     */
    @Benchmark
    @Threads(1)
    public byte[] read64InFlight(InFlightReads reads) {
        return reads.next();
    }

    /** One thread writing a 10-byte node. */
    @Benchmark
    @Threads(1)
    public void write() {
        client.write(WRITE_PATH, VALUE);
    }

    /**
     * One thread incrementing a counter in {@code inTransaction}: transaction start, read, write, commit
     * (four round trips; no conflicts with a single thread).
     */
    @Benchmark
    @Threads(1)
    public int transactionIncrement() {
        return client.inTransaction(tx -> {
            int next = Integer.parseInt(tx.readString(COUNTER_PATH)) + 1;
            tx.write(COUNTER_PATH, Integer.toString(next));
            return next;
        });
    }

    /** The reads one thread keeps in flight for {@link #read64InFlight}, oldest first. */
    @State(Scope.Thread)
    public static class InFlightReads {
        /** How many reads are in flight at once. */
        static final int IN_FLIGHT = 64;

        private final ArrayDeque<CompletableFuture<byte[]>> replies = new ArrayDeque<>(IN_FLIGHT);
        private AsyncXenStore async;

        /**
         * Sends the first reads.
         *
         * @param benchmark the trial's client
         */
        @Setup(Level.Trial)
        public void fill(ClientBenchmark benchmark) {
            async = benchmark.client.async();
            while (replies.size() < IN_FLIGHT) {
                replies.addLast(send());
            }
        }

        /**
         * Waits for the oldest read and sends a new one.
         *
         * @return the value read
         * @throws java.util.concurrent.CompletionException when the read failed
         */
        byte[] next() {
            byte[] value = replies.removeFirst().join();
            replies.addLast(send());
            return value;
        }

        /** Sends one read of {@link #READ_PATH} through the asynchronous view, without waiting for it. */
        private CompletableFuture<byte[]> send() {
            return async.read(READ_PATH);
        }
    }
}
