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

import io.jxs.testing.XenStoreDaemon;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Runs a command against a fresh daemon started by the {@code jxs-testing} fixture, for the clients that
 * are not in this JVM (pyxs, libxenstore): the command sees {@code XENSTORED_PATH} and
 * {@code XENSTORED_RUNDIR} pointing at the daemon, which is stopped when the command ends. Like
 * {@link ClientBenchmark}, it starts oxenstored with {@code access-log-nb-lines = 1000000000}: past its
 * default 13215 lines, Xen 4.17's oxenstored rotates its 20 access-log files at every logged request.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.jxs.benchmarks.WithDaemon OXENSTORED python3 script.py
 * </pre>
 */
public final class WithDaemon {

    /**
     * oxenstored's access log keeps 13215 lines, and past that Xen 4.17's oxenstored rotates its 20 files
     * at every logged request: a write then costs ~20 renames, and its throughput falls from ~15,000 to
     * under 1,000 ops/s after the first 13215 writes, whatever the client. The benchmarks raise the limit
     * so that they measure the clients, not the log rotation.
     */
    static final Map<String, String> OXENSTORED_CONFIG = Map.of("access-log-nb-lines", "1000000000");

    private WithDaemon() {
    }

    /** Starts a daemon for a benchmark: the fixture's defaults, but for oxenstored's log rotation. */
    static XenStoreDaemon startDaemon(XenStoreDaemon.Kind kind) {
        return XenStoreDaemon.start(kind, kind == XenStoreDaemon.Kind.OXENSTORED ? OXENSTORED_CONFIG : Map.of());
    }

    /**
     * Starts the daemon, runs the command with the terminal's input and output, and exits with its code.
     *
     * @param args the daemon kind ({@code XENSTORED} or {@code OXENSTORED}), then the command and its arguments
     * @throws IOException          when the command cannot be started
     * @throws InterruptedException when interrupted while waiting for it
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: WithDaemon XENSTORED|OXENSTORED COMMAND [ARG...]");
            System.exit(2);
        }
        int code;
        try (XenStoreDaemon daemon = startDaemon(XenStoreDaemon.Kind.valueOf(args[0]))) {
            ProcessBuilder command = new ProcessBuilder(Arrays.copyOfRange(args, 1, args.length)).inheritIO();
            command.environment().putAll(daemon.clientEnvironment());
            code = command.start().waitFor();
        }
        System.exit(code);
    }
}
