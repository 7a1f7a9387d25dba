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
import java.util.stream.Stream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The operations on the XenStore tree and on domains, shared by a connection ({@link XenStore}) and
 * a transaction ({@link Transaction}): reads and writes of nodes, listings, permissions, walks and
 * domain management.
 *
 * <p>Paths are absolute ({@code /local/domain/0/name}) or relative to the connection's home
 * ({@code /local/domain/0} on the Unix socket). They are checked before anything is sent: letters,
 * digits and {@code -/_@} only, no trailing or doubled slash, at most 3072 bytes absolute and 2048
 * relative; a bad path raises {@link InvalidPathException} and leaves the connection usable.
 *
 * <p>Every method may throw {@link ConnectionException} when the daemon cannot be reached,
 * {@link XenStoreTimeoutException} when no reply came within the request timeout, and a
 * {@link XenStoreException} carrying the daemon's error word ({@code ENOENT}, {@code EACCES},
 * {@code EQUOTA}, ...) when the daemon refuses the request: a {@link PermissionDeniedException} for
 * {@code EACCES} and {@code EPERM}, a {@link QuotaExceededException} for an exhausted quota. Implementations
 * are thread-safe.
 */
@ProviderType
public interface XenStoreOperations {

    /**
     * Reads a node's value.
     *
     * @param path the node
     * @return the value, possibly empty; any bytes, NUL included
     * @throws XenStoreException {@code ENOENT} when the node does not exist, {@code EACCES} when it
     *     may not be read
     */
    byte[] read(String path);

    /**
     * Reads a node's value, or returns a default when the node does not exist.
     *
     * @param path the node
     * @param defaultValue returned instead of failing with {@code ENOENT}
     * @return the value, or {@code defaultValue} when the node is missing
     * @throws XenStoreException for every failure other than a missing node
     */
    byte[] read(String path, byte[] defaultValue);

    /**
     * Reads a node's value as UTF-8 text.
     *
     * @param path the node
     * @return the value decoded as UTF-8
     * @throws XenStoreException {@code ENOENT} when the node does not exist
     */
    String readString(String path);

    /**
     * Writes a node's value, creating the node and its missing parents.
     *
     * @param path the node
     * @param value any bytes, up to what fits in one packet with the path
     * @throws InvalidPayloadException when path and value do not fit in one packet
     * @throws QuotaExceededException when a quota refuses it (oxenstored: {@code E2BIG} above 2048 bytes, for
     *     dom0 too)
     * @throws PermissionDeniedException when the connection may not write there
     * @throws XenStoreException when the daemon refuses otherwise
     */
    void write(String path, byte[] value);

    /**
     * Writes a node's value as UTF-8 text.
     *
     * @param path the node
     * @param value the text
     * @throws XenStoreException as {@link #write(String, byte[])}
     */
    void write(String path, String value);

    /**
     * Creates a node (and missing parents) with an empty value; does nothing if it exists.
     *
     * @param path the node
     */
    void mkdir(String path);

    /**
     * Removes a node and its whole subtree.
     *
     * @param path the node
     * @throws XenStoreException {@code ENOENT} (C xenstored) when neither the node nor its parent exists
     */
    void delete(String path);

    /**
     * Lists the names of a node's children. Works for listings larger than one packet, using
     * {@code DIRECTORY_PART} where the daemon supports it.
     *
     * @param path the node
     * @return the children's names (not paths)
     * @throws XenStoreException {@code ENOENT} when the node does not exist
     */
    List<String> list(String path);

    /**
     * Tells whether a node exists.
     *
     * @param path the node
     * @return true when it can be read, false when it does not exist
     * @throws XenStoreException for failures other than {@code ENOENT}, such as {@code EACCES}
     */
    boolean exists(String path);

    /**
     * Reads a node's permissions.
     *
     * @param path the node
     * @return the list; the first entry is the owner and the default access
     */
    List<Permission> getPerms(String path);

    /**
     * Replaces a node's permissions.
     *
     * @param path the node, or {@code @introduceDomain} / {@code @releaseDomain}
     * @param perms the new list; the first entry names the owner and the default access
     * @throws InvalidPermissionException when the list is empty or contains null
     */
    void setPerms(String path, List<Permission> perms);

    /**
     * Walks the subtree under {@code top}, parents before children.
     *
     * @param top the first node
     * @return the nodes; unreadable ones have an empty value, vanished ones are skipped
     */
    Stream<Node> walk(String top);

    /**
     * Walks the subtree under {@code top}.
     *
     * @param top the first node
     * @param topDown parents before children when true, children before parents otherwise
     * @return the nodes; unreadable ones have an empty value, vanished ones are skipped
     */
    Stream<Node> walk(String top, boolean topDown);

    /**
     * Returns a domain's home path.
     *
     * @param domid the domain id
     * @return for example {@code /local/domain/5}
     * @throws IllegalArgumentException when {@code domid} is not 0..65535
     */
    String getDomainPath(int domid);

    /**
     * Tells whether a domain has been introduced to the daemon (a privileged operation).
     *
     * @param domid the domain id
     * @return true when introduced
     * @throws IllegalArgumentException when {@code domid} is not 0..65535
     */
    boolean isDomainIntroduced(int domid);

    /**
     * Introduces a domain: the daemon maps its XenStore page and starts serving it.
     *
     * @param domid the domain id, not 0
     * @param mfn the machine frame (or grant frame) of the domain's XenStore ring page
     * @param eventChannel the domain's XenStore event channel
     * @throws IllegalArgumentException when {@code domid} is 0 or out of range, or
     *     {@code eventChannel} is not positive; nothing is sent then
     */
    void introduceDomain(int domid, long mfn, int eventChannel);

    /**
     * Releases a domain: the daemon stops serving it and fires {@code @releaseDomain}.
     *
     * @param domid the domain id
     * @throws XenStoreException {@code ENOENT} when the domain is not introduced
     */
    void releaseDomain(int domid);

    /**
     * Resumes a domain: re-arms its {@code @releaseDomain} event after a shutdown.
     *
     * @param domid the domain id
     */
    void resumeDomain(int domid);

    /**
     * Makes {@code domid} act with the privileges of {@code target} (device-model stub domains).
     *
     * @param domid the domain that gains the privileges
     * @param target the domain it acts for
     */
    void setTarget(int domid, int target);
}
