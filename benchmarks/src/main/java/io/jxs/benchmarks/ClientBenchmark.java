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
import io.jxs.testing.XenStoreDaemon;
import java.nio.charset.StandardCharsets;
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
 * Throughput of one {@link Client} against a real XenStore daemon, started by the {@code jxs-testing}
 * fixture for each trial (a fresh, empty store): reads and writes of a small node, and a small
 * read-modify-write transaction. All threads of a trial share the one client, so the 8-thread read
 * measures the router's pipelining over a single connection. The fixture runs oxenstored with a larger
 * access-log limit than its default, which would otherwise make every write rotate its log files.
 *
 * <p>Run it with {@code java -jar benchmarks/target/benchmarks.jar}, or {@code benchmarks/run.sh} for the
 * side-by-side table with pyxs and libxenstore. The daemon is a {@link Param}: {@code -p kind=XENSTORED}
 * picks one.
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

    private XenStoreDaemon daemon;
    private Client client;

    /** Starts the daemon, connects the client and creates the nodes. */
    @Setup(Level.Trial)
    public void setUp() {
        daemon = XenStoreDaemon.start(kind);
        client = Client.unixSocket(daemon.socketPath().toString());
        client.connect();
        client.write(READ_PATH, VALUE);
        client.write(WRITE_PATH, VALUE);
        client.write(COUNTER_PATH, "0");
    }

    /** Closes the client and stops the daemon. */
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

    /** Eight threads reading through the one shared client: requests pipelined over one connection. */
    @Benchmark
    @Threads(8)
    public byte[] read8Threads() {
        return client.read(READ_PATH);
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
}
