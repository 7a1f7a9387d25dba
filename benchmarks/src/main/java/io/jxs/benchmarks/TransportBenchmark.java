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
import io.jxs.connection.Op;
import io.jxs.connection.Packet;
import io.jxs.connection.UnixSocketConnection;
import io.jxs.testing.XenStoreDaemon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
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
 * One thread reading a 10-byte node through jxs's transport alone: it writes a READ on a
 * {@link UnixSocketConnection} and reads the reply itself, with no router and no reader thread, as
 * libxenstore's caller does, with a blocking read. Not a way to use jxs: it shows what the framing and the
 * socket cost without the router, next to {@link ClientBenchmark#read()}, whose caller reads its own reply
 * too but looks for it without blocking first.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class TransportBenchmark {
    private static final byte[] READ_PAYLOAD = (ClientBenchmark.READ_PATH + "\0").getBytes(StandardCharsets.US_ASCII);

    /** Which daemon the trial runs against. */
    @Param({"XENSTORED", "OXENSTORED"})
    public XenStoreDaemon.Kind kind;

    private TrialDaemon daemon;
    private UnixSocketConnection connection;
    private int requestId;

    /**
     * Finds or starts the daemon, writes the node and opens the connection.
     *
     * @throws IOException when the connection cannot be opened
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        daemon = TrialDaemon.of(kind);
        try (Client client = Client.unixSocket(daemon.socketPath().toString())) {
            client.connect();
            client.write(ClientBenchmark.READ_PATH, ClientBenchmark.VALUE);
        }
        connection = new UnixSocketConnection(daemon.socketPath());
        connection.connect(Duration.ofSeconds(10));
    }

    /** Closes the connection and stops the daemon if the trial started it. */
    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            if (connection != null) {
                connection.close();
            }
        } finally {
            if (daemon != null) {
                daemon.close();
            }
        }
    }

    /**
     * Writes a READ and reads its reply on the calling thread.
     *
     * @return the value read
     * @throws IOException when the connection fails
     * @throws IllegalStateException when the reply is not the value's
     */
    @Benchmark
    @Threads(1)
    public byte[] readOnCallerThread() throws IOException {
        int id = requestId++;
        connection.write(new Packet(Op.READ, id, 0, READ_PAYLOAD));
        connection.flush();
        Packet reply = connection.read();
        if (reply.rqId() != id || reply.op() != Op.READ || !Arrays.equals(reply.payload(), ClientBenchmark.VALUE)) {
            throw new IllegalStateException("unexpected reply " + reply);
        }
        return reply.payload();
    }
}
