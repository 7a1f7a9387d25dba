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
package io.jxs.recipes;

import io.jxs.XenStoreException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The life of a recipe's {@link WatchLoop}: made and started once, then closed. Shared by
 * {@link TreeCache} and {@link DomainTracker}. Thread-safe.
 */
final class LoopLife {
    private enum State { NEW, STARTED, CLOSED }

    private final String owner;
    private State state = State.NEW; // guarded by this
    private WatchLoop loop; // guarded by this

    /**
     * Creates the life of a loop not made yet.
     *
     * @param owner what owns the loop, for messages: {@code the DomainTracker}, {@code TreeCache of /x}
     */
    LoopLife(String owner) {
        this.owner = owner;
    }

    /**
     * Makes the loop, registers its watches, starts it and waits for its first pass.
     *
     * @param make makes the loop
     * @param watches registers the loop's watches
     * @param timeout how long the first pass may take
     * @param closeOwner closes the owner when starting fails
     * @throws IllegalStateException when started or closed before
     * @throws XenStoreException when a watch or the first pass fails; the owner is closed then
     * @throws InterruptedException when the waiting thread is interrupted; the owner is closed then
     */
    void start(Supplier<WatchLoop> make, Consumer<WatchLoop> watches, Duration timeout, Runnable closeOwner)
            throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        WatchLoop started;
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException(owner + " was " + state.name().toLowerCase() + " before");
            }
            state = State.STARTED;
            loop = make.get();
            started = loop;
        }
        try {
            watches.accept(started);
            started.start();
            started.sync(timeout);
        } catch (XenStoreException | InterruptedException e) {
            closeOwner.run();
            throw e;
        }
    }

    /**
     * Waits until the loop has handled every change the daemon made before this call.
     *
     * @param timeout how long to wait at most
     * @throws IllegalStateException when the loop is not started
     * @throws InterruptedException when the waiting thread is interrupted
     * @see WatchLoop#sync(Duration)
     */
    void sync(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        WatchLoop running;
        synchronized (this) {
            if (state == State.NEW) {
                throw new IllegalStateException(owner + " is not started");
            }
            running = loop;
        }
        running.sync(timeout);
    }

    /** Ends the life, closing the loop when one was made. Always returns. */
    void close() {
        WatchLoop running;
        synchronized (this) {
            running = loop;
            state = State.CLOSED;
        }
        if (running != null) {
            running.close();
        }
    }

    /** Returns the loop, or null before it is made. */
    synchronized WatchLoop loop() {
        return loop;
    }

    /** Tells whether the life ended. */
    synchronized boolean isClosed() {
        return state == State.CLOSED;
    }
}
