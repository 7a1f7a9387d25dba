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

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Registers watches and receives their events. Events reach only the monitor that registered the
 * watch, even when several monitors share a connection and use the same tokens; events for paths
 * this monitor no longer watches are dropped. As the protocol says, every watch fires once when it
 * is registered, and may fire spuriously: re-read the state on every event.
 *
 * <p>A monitor made with {@link XenStore#monitor()} is drained with {@link #take()} or
 * {@link #poll(long, TimeUnit)}; both throw {@link ConnectionException} once the connection is lost
 * for good or the client or monitor is closed, so no consumer waits for ever. A monitor made with
 * {@link XenStore#monitor(Consumer)} hands each event to its callback, never on the thread that reads
 * the connection.
 *
 * <p>At most {@link Client#DEFAULT_MAX_QUEUED_EVENTS} (or the client's setting) events wait
 * undelivered. When a consumer falls that far behind, the waiting events are discarded and replaced
 * by one event per watch, carrying the watch's own path and token (the event every watch sends when
 * it is registered): a consumer that re-reads on every event thus catches up. {@link #overflows()}
 * counts these. After a reconnection every watch is registered again and so fires once.
 *
 * <p>Implementations are thread-safe.
 */
@ProviderType
public interface Monitor extends AutoCloseable {

    /**
     * Registers a watch. The daemon sends one event for it at once.
     *
     * @param path a node path, or {@code @introduceDomain} / {@code @releaseDomain}
     * @param token any text without NUL bytes, given back in every event of this watch
     * @throws InvalidPathException when the path is not valid; nothing is sent then
     * @throws IllegalArgumentException when the token contains a NUL byte; nothing is sent then
     * @throws XenStoreException {@code EEXIST} when this monitor already watches path and token;
     *     nothing is sent then
     * @throws XenStoreTimeoutException when the daemon does not answer in time; the watch is kept, since
     *     the daemon may still register it: unwatch it to drop it, or unwatch and watch it again to be
     *     sure of it
     * @throws ConnectionException when the connection is lost or the monitor is closed
     */
    void watch(String path, String token);

    /**
     * Removes a watch; events of it still on their way are dropped.
     *
     * @param path the path it was registered with
     * @param token its token
     * @throws XenStoreException {@code ENOENT} when there is no such watch
     * @throws ConnectionException when the connection is lost
     */
    void unwatch(String path, String token);

    /**
     * Returns the paths this monitor watches.
     *
     * @return a snapshot of the watched paths
     */
    Set<String> watched();

    /**
     * Returns how many times undelivered events were discarded because the consumer fell behind.
     *
     * @return the number of overflows since the monitor was created
     */
    long overflows();

    /**
     * Waits for the next event.
     *
     * @return the event
     * @throws ConnectionException when the connection is lost for good or the client or monitor is
     *     closed
     * @throws InterruptedException when the waiting thread is interrupted
     */
    WatchEvent take() throws InterruptedException;

    /**
     * Waits for the next event, at most for the given time.
     *
     * @param timeout how long to wait
     * @param unit the unit of {@code timeout}
     * @return the event, or null when none came in time
     * @throws ConnectionException when the connection is lost for good or the client or monitor is
     *     closed
     * @throws InterruptedException when the waiting thread is interrupted
     */
    WatchEvent poll(long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Removes every watch of this monitor (when still connected) and ends it: consumers waiting in
     * {@link #take()} get {@link ConnectionException}. Always returns; never throws.
     */
    @Override
    void close();
}
