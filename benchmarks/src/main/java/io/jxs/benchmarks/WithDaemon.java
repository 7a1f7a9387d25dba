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

/**
 * Runs a command against a fresh daemon started by the {@code jxs-testing} fixture, for the clients that
 * are not in this JVM (pyxs, libxenstore): the command sees {@code XENSTORED_PATH} and
 * {@code XENSTORED_RUNDIR} pointing at the daemon, which is stopped when the command ends.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.jxs.benchmarks.WithDaemon OXENSTORED python3 script.py
 * </pre>
 */
public final class WithDaemon {

    private WithDaemon() {
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
        try (XenStoreDaemon daemon = XenStoreDaemon.start(XenStoreDaemon.Kind.valueOf(args[0]))) {
            ProcessBuilder command = new ProcessBuilder(Arrays.copyOfRange(args, 1, args.length)).inheritIO();
            command.environment().putAll(daemon.clientEnvironment());
            code = command.start().waitFor();
        }
        System.exit(code);
    }
}
