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

import java.util.function.Consumer;
import java.util.function.Function;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A connection to XenStore: the {@linkplain XenStoreOperations tree and domain operations}, plus
 * transactions and watches. Implementations are thread-safe; one instance serves many threads,
 * transactions and monitors at once over one connection.
 *
 * <p>Every method may throw {@link ConnectionException} when the daemon cannot be reached,
 * {@link XenStoreTimeoutException} when no reply came within the request timeout, and a
 * {@link XenStoreException} carrying the daemon's error word when the daemon refuses the request.
 */
@ProviderType
public interface XenStore extends XenStoreOperations {

    /**
     * Returns the asynchronous view of this store: the same operations over the same connection,
     * each returning a future at once, so that one thread keeps many requests in flight.
     *
     * @return the view; usable for as long as this store
     */
    AsyncXenStore async();

    /**
     * Starts a transaction.
     *
     * @return the open transaction; close it (try-with-resources) to roll it back unless committed
     */
    Transaction transaction();

    /**
     * Runs {@code body} in a fresh transaction and commits it; when the commit fails with
     * {@code EAGAIN} the whole body is run again in a new transaction, a bounded number of times.
     *
     * @param body the work; it must only use the operations it is given
     * @param <T> what the body returns
     * @return what the body returned in the attempt that committed
     * @throws XenStoreException {@code EAGAIN} when every attempt conflicted; whatever the body threw
     *     (the transaction is then rolled back)
     */
    <T> T inTransaction(Function<XenStoreOperations, T> body);

    /**
     * Creates a monitor whose events are taken with {@link Monitor#take()} or
     * {@link Monitor#poll(long, java.util.concurrent.TimeUnit)}.
     *
     * @return a new monitor sharing this store's connection
     */
    Monitor monitor();

    /**
     * Creates a monitor that delivers each event to a callback, in order and one at a time, on the
     * client's executor for callbacks (threads of the client's own unless it was given one), never on
     * the thread that reads the connection: a slow callback delays only this monitor, never replies or
     * other monitors.
     *
     * @param callback receives every event of this monitor's watches; what it throws is logged
     * @return a new monitor sharing this store's connection
     */
    Monitor monitor(Consumer<WatchEvent> callback);
}
