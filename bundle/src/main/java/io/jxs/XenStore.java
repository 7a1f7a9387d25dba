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

    /**
     * Sends dom0's {@code CONTROL} request: a command of the daemon and its arguments, as
     * {@code xenstore-control} sends them. C xenstored 4.17 offers {@code check}, {@code log on|off},
     * {@code logfile FILE}, {@code memreport [FILE]}, {@code print TEXT}, {@code quota [set NAME VALUE|DOMID]},
     * {@code quota-soft [set NAME VALUE]}, {@code help} and {@code live-update ...}; oxenstored
     * {@code print TEXT}, {@code quota DOMID}, {@code watches}, {@code xenbus DOMID}, {@code mfn DOMID} and
     * {@code live-update ...}, and answers {@code OK} to anything else.
     *
     * @param args the command, then its arguments
     * @return the reply text, without its final NUL ({@code OK} for a command that only acknowledges)
     * @throws IllegalArgumentException when there is no command, or an argument is null or holds a NUL
     * @throws PermissionDeniedException {@code EACCES} when sent by an unprivileged domain (C xenstored)
     * @throws XenStoreException {@code EINVAL} (C) for an unknown command or wrong arguments
     */
    String control(String... args);

    /**
     * Reads C xenstored's quota limits: {@code CONTROL quota}.
     *
     * @return the limits by name
     * @throws UnexpectedPacketException when the daemon does not list them (oxenstored answers {@code OK})
     * @throws PermissionDeniedException {@code EACCES} when sent by an unprivileged domain
     */
    QuotaSettings quota();

    /**
     * Reads what a domain uses of its quotas: {@code CONTROL quota N}.
     *
     * @param domid the domain
     * @return its usage (C: nodes, watches, transactions, outstanding requests, memory; oxenstored: nodes
     *     and their limit)
     * @throws IllegalArgumentException when {@code domid} is not 0..65535
     * @throws XenStoreException {@code ENOENT} (C) when the daemon knows no such domain
     */
    DomainQuota quota(int domid);

    /**
     * Tells what a domain may do on a path, and why, by C xenstored 4.17's rules applied to the permissions
     * of the node and its parents as this connection reads them (so read them as dom0).
     *
     * @param domid the domain
     * @param path an absolute path, a path relative to the domain's home {@code /local/domain/N}, or
     *     {@code @introduceDomain} / {@code @releaseDomain}
     * @return the verdict on each operation
     * @throws IllegalArgumentException when {@code domid} is not 0..65535
     * @throws InvalidPathException when the path is not valid
     * @throws XenStoreException {@code EINVAL} for {@code @introduceDomain} and {@code @releaseDomain} on C
     *     xenstored, which does not tell their permissions
     */
    DomainAccess access(int domid, String path);

    /**
     * Tells what a stub domain acting for {@code target} ({@code SET_TARGET}) may do on a path: as
     * {@link #access(int, String)}, with the target's ownership and entries counting as the domain's own.
     * The wire does not tell which domain is whose target, so the caller says it.
     *
     * @param domid the domain
     * @param target the domain it acts for
     * @param path as in {@link #access(int, String)}
     * @return the verdict on each operation
     * @throws IllegalArgumentException when a domain id is not 0..65535
     * @throws InvalidPathException when the path is not valid
     */
    DomainAccess access(int domid, int target, String path);
}
