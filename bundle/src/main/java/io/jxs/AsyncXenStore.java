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

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The {@linkplain XenStoreOperations tree and domain operations} without waiting: each returns at
 * once a {@link CompletableFuture} of the same result that the synchronous method returns, and that
 * future fails with the exception the synchronous method throws (where this page says "throws", read
 * "fails with"), including {@link XenStoreTimeoutException} when no reply came within the request
 * timeout. From one thread, many requests are in flight over the one connection at once.
 *
 * <pre>{@code
 * AsyncXenStore async = client.async();
 * CompletableFuture<byte[]> a = async.read("/local/domain/1/name");
 * CompletableFuture<byte[]> b = async.read("/local/domain/2/name");
 * }</pre>
 *
 * <p>Futures complete on the thread that reads their reply: the router's reader thread, or a thread
 * of yours blocked in a synchronous call of the same connection, which reads its own reply and the
 * others' on the way (see {@link Router}). Actions chained with the non-async methods
 * ({@code thenApply}, {@code whenComplete}, ...) run there and hold up every other reply and watch
 * event until they return: they must not block, and must never wait for another future of this
 * connection (that would wait for ever, since the reading thread is the one that would complete it). Use
 * the {@code ...Async} variants with an executor of your own for anything slow. Requests made while the
 * connection is down wait for a reconnection within their timeout; when the request queue is full
 * (see {@link Router}), the call waits for room in it.
 */
@ProviderType
public interface AsyncXenStore {

    /**
     * Reads a node's value.
     *
     * @param path the node
     * @return the value, possibly empty; any bytes, NUL included
     * @throws XenStoreException {@code ENOENT} when the node does not exist, {@code EACCES} when it
     *     may not be read
     */
    CompletableFuture<byte[]> read(String path);

    /**
     * Reads a node's value, or returns a default when the node does not exist.
     *
     * @param path the node
     * @param defaultValue returned instead of failing with {@code ENOENT}
     * @return the value, or {@code defaultValue} when the node is missing
     * @throws XenStoreException for every failure other than a missing node
     */
    CompletableFuture<byte[]> read(String path, byte[] defaultValue);

    /**
     * Reads a node's value as UTF-8 text.
     *
     * @param path the node
     * @return the value decoded as UTF-8
     * @throws XenStoreException {@code ENOENT} when the node does not exist
     */
    CompletableFuture<String> readString(String path);

    /**
     * Writes a node's value, creating the node and its missing parents.
     *
     * @param path the node
     * @param value any bytes, up to what fits in one packet with the path
     * @throws InvalidPayloadException when path and value do not fit in one packet
     * @throws XenStoreException when the daemon refuses (oxenstored: {@code E2BIG} above 2048 bytes)
     */
    CompletableFuture<Void> write(String path, byte[] value);

    /**
     * Writes a node's value as UTF-8 text.
     *
     * @param path the node
     * @param value the text
     * @throws XenStoreException as {@link #write(String, byte[])}
     */
    CompletableFuture<Void> write(String path, String value);

    /**
     * Creates a node (and missing parents) with an empty value; does nothing if it exists.
     *
     * @param path the node
     */
    CompletableFuture<Void> mkdir(String path);

    /**
     * Removes a node and its whole subtree.
     *
     * @param path the node
     * @throws XenStoreException {@code ENOENT} (C xenstored) when neither the node nor its parent exists
     */
    CompletableFuture<Void> delete(String path);

    /**
     * Lists the names of a node's children. Works for listings larger than one packet, using
     * {@code DIRECTORY_PART} where the daemon supports it.
     *
     * @param path the node
     * @return the children's names (not paths)
     * @throws XenStoreException {@code ENOENT} when the node does not exist
     */
    CompletableFuture<List<String>> list(String path);

    /**
     * Tells whether a node exists.
     *
     * @param path the node
     * @return true when it can be read, false when it does not exist
     * @throws XenStoreException for failures other than {@code ENOENT}, such as {@code EACCES}
     */
    CompletableFuture<Boolean> exists(String path);

    /**
     * Reads a node's permissions.
     *
     * @param path the node
     * @return the list; the first entry is the owner and the default access
     */
    CompletableFuture<List<Permission>> getPerms(String path);

    /**
     * Replaces a node's permissions.
     *
     * @param path the node, or {@code @introduceDomain} / {@code @releaseDomain}
     * @param perms the new list; the first entry names the owner and the default access
     * @throws InvalidPermissionException when the list is empty or contains null
     */
    CompletableFuture<Void> setPerms(String path, List<Permission> perms);

    /**
     * Walks the subtree under {@code top}, parents before children.
     *
     * @param top the first node
     * @return the nodes; unreadable ones have an empty value, vanished ones are skipped
     */
    CompletableFuture<Stream<Node>> walk(String top);

    /**
     * Walks the subtree under {@code top}.
     *
     * @param top the first node
     * @param topDown parents before children when true, children before parents otherwise
     * @return the nodes; unreadable ones have an empty value, vanished ones are skipped
     */
    CompletableFuture<Stream<Node>> walk(String top, boolean topDown);

    /**
     * Returns a domain's home path.
     *
     * @param domid the domain id
     * @return for example {@code /local/domain/5}
     * @throws IllegalArgumentException when {@code domid} is not 0..65535
     */
    CompletableFuture<String> getDomainPath(int domid);

    /**
     * Tells whether a domain has been introduced to the daemon (a privileged operation).
     *
     * @param domid the domain id
     * @return true when introduced
     * @throws IllegalArgumentException when {@code domid} is not 0..65535
     */
    CompletableFuture<Boolean> isDomainIntroduced(int domid);

    /**
     * Introduces a domain: the daemon maps its XenStore page and starts serving it.
     *
     * @param domid the domain id, not 0
     * @param mfn the machine frame (or grant frame) of the domain's XenStore ring page
     * @param eventChannel the domain's XenStore event channel
     * @throws IllegalArgumentException when {@code domid} is 0 or out of range, or
     *     {@code eventChannel} is not positive; nothing is sent then
     */
    CompletableFuture<Void> introduceDomain(int domid, long mfn, int eventChannel);

    /**
     * Releases a domain: the daemon stops serving it and fires {@code @releaseDomain}.
     *
     * @param domid the domain id
     * @throws XenStoreException {@code ENOENT} when the domain is not introduced
     */
    CompletableFuture<Void> releaseDomain(int domid);

    /**
     * Resumes a domain: re-arms its {@code @releaseDomain} event after a shutdown.
     *
     * @param domid the domain id
     */
    CompletableFuture<Void> resumeDomain(int domid);

    /**
     * Makes {@code domid} act with the privileges of {@code target} (device-model stub domains).
     *
     * @param domid the domain that gains the privileges
     * @param target the domain it acts for
     */
    CompletableFuture<Void> setTarget(int domid, int target);

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
    CompletableFuture<String> control(String... args);

    /**
     * Reads C xenstored's quota limits: {@code CONTROL quota}.
     *
     * @return the limits by name
     * @throws UnexpectedPacketException when the daemon does not list them (oxenstored answers {@code OK})
     * @throws PermissionDeniedException {@code EACCES} when sent by an unprivileged domain
     */
    CompletableFuture<QuotaSettings> quota();

    /**
     * Reads what a domain uses of its quotas: {@code CONTROL quota N}.
     *
     * @param domid the domain
     * @return its usage (C: nodes, watches, transactions, outstanding requests, memory; oxenstored: nodes
     *     and their limit)
     * @throws IllegalArgumentException when {@code domid} is not 0..65535
     * @throws XenStoreException {@code ENOENT} (C) when the daemon knows no such domain
     */
    CompletableFuture<DomainQuota> quota(int domid);

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
    CompletableFuture<DomainAccess> access(int domid, String path);

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
    CompletableFuture<DomainAccess> access(int domid, int target, String path);
}
