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
 * are not in this JVM (pyxs, libxenstore), and for a whole {@code run.sh} pass over one daemon: the command
 * sees {@code XENSTORED_PATH} and {@code XENSTORED_RUNDIR} pointing at the daemon and
 * {@value #KIND_VARIABLE} naming its kind (the JMH benchmarks then use it rather than start their own).
 * The daemon is stopped when the command ends.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.jxs.benchmarks.WithDaemon OXENSTORED python3 script.py
 * </pre>
 */
public final class WithDaemon {

    /** The variable that names the kind of the daemon given to the command. */
    static final String KIND_VARIABLE = "JXS_DAEMON_KIND";

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
        XenStoreDaemon.Kind kind;
        try {
            kind = XenStoreDaemon.Kind.valueOf(args[0]);
        } catch (IllegalArgumentException e) {
            System.err.println("WithDaemon: unknown daemon kind '" + args[0] + "': XENSTORED or OXENSTORED");
            System.exit(2);
            return;
        }
        int code;
        try (XenStoreDaemon daemon = XenStoreDaemon.start(kind)) {
            ProcessBuilder command = new ProcessBuilder(Arrays.copyOfRange(args, 1, args.length)).inheritIO();
            command.environment().putAll(daemon.clientEnvironment());
            command.environment().put(KIND_VARIABLE, daemon.kind().name());
            code = command.start().waitFor();
        }
        System.exit(code);
    }
}
