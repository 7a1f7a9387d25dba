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
import java.nio.file.Path;
import java.util.Map;

/**
 * The daemon a benchmark trial runs against: the one {@link WithDaemon} started for the whole run (so that
 * every client of {@code run.sh} meets the same daemon), else a fresh one of the trial's kind.
 */
final class TrialDaemon implements AutoCloseable {

    private final XenStoreDaemon started;
    private final Path socket;

    private TrialDaemon(XenStoreDaemon started, Path socket) {
        this.started = started;
        this.socket = socket;
    }

    /**
     * Finds the run's daemon in the environment ({@link WithDaemon#KIND_VARIABLE} and {@code XENSTORED_PATH}),
     * or starts one.
     *
     * @param kind the kind the trial asks for
     * @return the daemon
     * @throws IllegalStateException when the run's daemon is of another kind, or its socket is not given
     */
    static TrialDaemon of(XenStoreDaemon.Kind kind) {
        return of(kind, System.getenv());
    }

    /** As {@link #of(XenStoreDaemon.Kind)}, with the given environment. */
    static TrialDaemon of(XenStoreDaemon.Kind kind, Map<String, String> environment) {
        String running = environment.get(WithDaemon.KIND_VARIABLE);
        if (running == null) {
            return new TrialDaemon(XenStoreDaemon.start(kind), null);
        }
        if (!running.equals(kind.name())) {
            throw new IllegalStateException("the run's daemon is " + running + ", the trial asks for " + kind
                    + ": pass -p kind=" + running);
        }
        String socket = environment.get("XENSTORED_PATH");
        if (socket == null || socket.isEmpty()) {
            throw new IllegalStateException(WithDaemon.KIND_VARIABLE + " is set but XENSTORED_PATH is not");
        }
        return new TrialDaemon(null, Path.of(socket));
    }

    /**
     * Returns the daemon's Unix socket.
     *
     * @return the socket path
     */
    Path socketPath() {
        return started != null ? started.socketPath() : socket;
    }

    /** Stops the daemon if this trial started it; the run's daemon is left to {@link WithDaemon}. */
    @Override
    public void close() {
        if (started != null) {
            started.close();
        }
    }
}
