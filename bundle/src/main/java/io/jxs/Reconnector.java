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
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Opens a lost connection again, with a growing pause between attempts ({@link Backoff}) that starts
 * again from the first once a connection stayed up for {@link #STABLE_NANOS}. Each attempt starts a new
 * connection generation first ({@link WritePath#nextGeneration()}), so nothing meant for an older one is
 * written on it. Used by the reader thread only.
 */
final class Reconnector {
    private static final System.Logger LOG = System.getLogger(Reconnector.class.getName());
    /** The first pause before reconnecting. */
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** How long a connection must have stayed up for the pauses to start again from the first. */
    private static final long STABLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Connection connection;
    private final Lifecycle lifecycle;
    private final WritePath writePath;
    private final ReadingRole readingRole;
    private final Backoff backoff;

    /**
     * Creates the reconnector of a router.
     *
     * @param maxDelay the longest pause between two attempts
     */
    Reconnector(Connection connection, Duration maxDelay, Lifecycle lifecycle, WritePath writePath,
            ReadingRole readingRole) {
        this.connection = connection;
        this.lifecycle = lifecycle;
        this.writePath = writePath;
        this.readingRole = readingRole;
        this.backoff = new Backoff(FIRST_PAUSE_NANOS, maxDelay.toNanos());
    }

    /**
     * Opens the connection again, pausing before each attempt, until it is open or the router ends.
     *
     * @param upSince when the lost connection was opened ({@link System#nanoTime()}), or null after a
     *     first connect that failed
     * @param connectTimeout how long one attempt may take
     * @return true when open and the router runs again; false when terminated meanwhile
     */
    boolean reconnect(Long upSince, Duration connectTimeout) {
        if (upSince != null && System.nanoTime() - upSince > STABLE_NANOS) {
            backoff.reset();
        }
        while (lifecycle.pauseWhileReconnecting(backoff.nextNanos())) {
            writePath.nextGeneration();
            try {
                connection.connect(connectTimeout);
            } catch (IOException | RuntimeException e) {
                connection.close();
                LOG.log(Level.DEBUG, "reconnecting to {0} failed: {1}", connection.describe(), e.getMessage());
                continue;
            }
            readingRole.reconnected();
            if (!lifecycle.reconnected()) {
                connection.close();
                return false;
            }
            LOG.log(Level.INFO, "reconnected to {0}", connection.describe());
            return true;
        }
        return false;
    }
}
