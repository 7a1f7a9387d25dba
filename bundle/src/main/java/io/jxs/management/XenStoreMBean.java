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
package io.jxs.management;

import javax.management.openmbean.TabularData;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The XenStore of an OSGi container, managed over JMX under the name
 * {@code io.jxs:type=XenStore,name=<container>}, where the container's name is the system property
 * {@code karaf.name} ({@value #DEFAULT_CONTAINER_NAME} unless set), as Apache Karaf names its own
 * MBeans: {@link #OBJECT_NAME_PREFIX} followed by that name (quoted as {@code ObjectName.quote} does
 * when it holds a character that an ObjectName value cannot hold as it is).
 *
 * <p>Every operation takes and returns open types only, so jconsole can call each by hand and a
 * remote client needs no jxs classes. A failing operation throws an {@link IllegalArgumentException}
 * (the input was refused before anything was sent) or an {@link IllegalStateException} (the daemon
 * refused, or it is not connected) whose message starts with the error name, for example
 * {@code ENOENT: /local/domain/9}; neither carries a cause of a jxs class.
 *
 * <p>Values are read and written as UTF-8 text; permissions in their wire form ({@code b0},
 * {@code r5}, ...).
 */
@ProviderType
public interface XenStoreMBean {
    /** The domain and type of this MBean's ObjectName, without the container's name: {@value}. */
    String OBJECT_NAME_PREFIX = "io.jxs:type=XenStore,name=";

    /** The container's name when the system property {@code karaf.name} is not set: {@value}. */
    String DEFAULT_CONTAINER_NAME = "root";

    /** The largest number of nodes {@link #ls(String)} returns: {@value}. */
    int LS_MAX_ROWS = 1000;

    /** The path of the last row of {@link #ls(String)} when the subtree has more nodes: {@value}. */
    String LS_TRUNCATED = "...";

    // ----------------------------------------------------------------------------- attributes

    /**
     * Tells whether the container is connected to the daemon (and the {@code XenStore} service is
     * published).
     *
     * @return true while connected
     */
    boolean isConnected();

    /**
     * Returns the transport in use, or to be used once connected.
     *
     * @return {@code socket} or {@code xenbus}
     */
    String getTransport();

    /**
     * Returns the socket or device path in use, or to be used once connected.
     *
     * @return the path
     */
    String getPath();

    /**
     * Returns why the last connection attempt failed or the connection was lost.
     *
     * @return the reason, or an empty string while connected
     */
    String getLastConnectionError();

    /**
     * Returns why the last configuration of {@code io.jxs} was refused; the container then keeps the configuration
     * it had (and its connection).
     *
     * @return the reason, naming the setting, or an empty string when the current configuration was applied
     */
    String getRefusedConfiguration();

    /**
     * Returns how many requests were sent to the daemon since the bundle started.
     *
     * @return the count, over every connection
     */
    long getRequestsSent();

    /**
     * Returns how many requests the daemon answered with an error.
     *
     * @return the count, over every connection
     */
    long getErrors();

    /**
     * Returns how many watch events were posted to EventAdmin.
     *
     * @return the count
     */
    long getWatchEventsDelivered();

    /**
     * Returns how many times watch events were discarded because EventAdmin's handlers fell behind: the
     * bridge's monitor overflowed and delivered one event per watched path instead of what waited.
     *
     * @return the count
     */
    long getWatchEventOverflows();

    /**
     * Returns 0: watch events no longer wait in a backlog of the bridge, where identical ones were
     * merged, but in its monitor's bounded queue (see {@link #getWatchEventOverflows()}).
     *
     * @return 0
     * @deprecated nothing is merged any more; to be removed
     */
    @Deprecated
    long getWatchEventsCoalesced();

    /**
     * Returns the average time from sending a request to receiving its reply.
     *
     * @return milliseconds, 0 before the first reply
     */
    double getAverageRequestLatencyMillis();

    /**
     * Returns the longest time from sending a request to receiving its reply.
     *
     * @return milliseconds, 0 before the first reply
     */
    double getMaxRequestLatencyMillis();

    /**
     * Returns the paths watched for EventAdmin, from the configuration, JMX and event handlers.
     *
     * @return the paths, sorted
     */
    String[] getWatches();

    /**
     * Tells whether the traffic trace records the connection's requests, replies and watch events.
     *
     * @return true between {@link #traceStart(int)} and {@link #traceStop()}
     */
    boolean isTracing();

    /**
     * Returns how many trace records were dropped, the oldest first, to make room for newer ones since
     * the last {@link #traceStart(int)}.
     *
     * @return the count, 0 before the first start
     */
    long getTraceDropped();

    // ----------------------------------------------------------------------------- operations

    /**
     * Switches the traffic trace on with an empty buffer: each reply of the connection (the time its
     * request was written, the operation, the path, the transaction, the latency and the error word)
     * and each watch event it reads. Off when the bundle starts; see {@link io.jxs.Trace}.
     *
     * @param capacity how many records to keep, 1 to {@value io.jxs.Trace#MAX_CAPACITY}; the oldest
     *     is dropped for a new one when full
     * @throws IllegalArgumentException when the capacity is out of range ({@code EINVAL: ...})
     */
    void traceStart(int capacity);

    /** Switches the traffic trace off; what it recorded stays readable until the next start. */
    void traceStop();

    /**
     * Returns the newest trace records, oldest first, one JSON object per line
     * ({@link io.jxs.TraceRecord#json()}).
     *
     * @param count how many of the newest records to return; 0 or less for all
     * @return the lines, each ended by {@code \n}; empty when nothing was recorded
     */
    String traceJsonLines(int count);

    /**
     * Returns the newest trace records, oldest first, one line each as
     * {@code 12:00:01.234567 READ /local/domain/0/name tx=0 38us OK} (the container's time zone).
     *
     * @param count how many of the newest records to return; 0 or less for all
     * @return the lines
     */
    String[] traceLines(int count);

    /**
     * Reads a node's value as UTF-8 text.
     *
     * @param path the node
     * @return the value
     */
    String read(String path);

    /**
     * Writes a node's value as UTF-8 text, creating missing parents.
     *
     * @param path the node
     * @param value the text
     */
    void write(String path, String value);

    /**
     * Creates a node with an empty value; does nothing if it exists.
     *
     * @param path the node
     */
    void mkdir(String path);

    /**
     * Removes a node and its subtree.
     *
     * @param path the node
     */
    void delete(String path);

    /**
     * Shows a subtree as {@code xenstore-ls -p} does, one row per node, parents first: the node's
     * path, its value escaped as {@code xenstore-ls} prints it (for example {@code \t} for a tab,
     * {@code \x7f}), and its permissions ({@code n0,r5}). At most {@link #LS_MAX_ROWS} nodes are
     * shown; when the subtree has more, a last row with the path {@link #LS_TRUNCATED} says so.
     *
     * @param path the top of the subtree, which is the first row
     * @return rows of the items {@code path}, {@code value} and {@code permissions}, indexed by path
     */
    TabularData ls(String path);

    /**
     * Lists a node's children.
     *
     * @param path the node
     * @return the children's names
     */
    String[] list(String path);

    /**
     * Tells whether a node exists.
     *
     * @param path the node
     * @return true when it exists
     */
    boolean exists(String path);

    /**
     * Reads a node's permissions.
     *
     * @param path the node
     * @return the permissions in wire form, the owner first, for example {@code [b0, r5]}
     */
    String[] getPerms(String path);

    /**
     * Replaces a node's permissions.
     *
     * @param path the node
     * @param perms the permissions in wire form, the owner first
     */
    void setPerms(String path, String[] perms);

    /**
     * Returns a domain's home path.
     *
     * @param domid the domain id
     * @return for example {@code /local/domain/5}
     */
    String getDomainPath(int domid);

    /**
     * Tells whether a domain is introduced to the daemon.
     *
     * @param domid the domain id
     * @return true when introduced
     */
    boolean isDomainIntroduced(int domid);

    /**
     * Introduces a domain to the daemon.
     *
     * @param domid the domain id, not 0
     * @param mfn the frame of the domain's XenStore ring page
     * @param eventChannel the domain's XenStore event channel
     */
    void introduceDomain(int domid, long mfn, int eventChannel);

    /**
     * Releases a domain.
     *
     * @param domid the domain id
     */
    void releaseDomain(int domid);

    /**
     * Resumes a domain.
     *
     * @param domid the domain id
     */
    void resumeDomain(int domid);

    /**
     * Gives a domain the privileges of another.
     *
     * @param domid the domain that gains the privileges
     * @param target the domain it acts for
     */
    void setTarget(int domid, int target);

    /**
     * Watches a path for EventAdmin until {@link #unwatch(String)}: its events are posted to
     * {@link io.jxs.event.WatchEvents#TOPIC}.
     *
     * @param path a node path, {@code @introduceDomain} or {@code @releaseDomain}
     */
    void watch(String path);

    /**
     * Stops watching a path watched with {@link #watch(String)}; watches of the configuration and of
     * event handlers stay.
     *
     * @param path the path
     */
    void unwatch(String path);

    /**
     * Sends dom0's {@code CONTROL} request, as {@code xenstore-control} does; see
     * {@link io.jxs.XenStore#control(String...)} for each daemon's commands.
     *
     * @param args the command, then its arguments, for example {@code [quota, 5]}
     * @return the reply text ({@code OK} for a command that only acknowledges)
     */
    String control(String[] args);

    /**
     * Reads C xenstored's quota limits ({@code CONTROL quota}); oxenstored does not list them.
     *
     * @return one {@code name = limit} line per quota, for example {@code nodes = 1000}
     */
    String[] quota();

    /**
     * Reads what a domain uses of its quotas ({@code CONTROL quota N}).
     *
     * @param domid the domain id
     * @return one {@code name = amount} line per quota the daemon counts (C: nodes, watches, transactions,
     *     outstanding, memory; oxenstored: nodes, and {@code node-limit})
     */
    String[] domainQuota(int domid);

    /**
     * Tells what a domain may do on a path, and why, by C xenstored 4.17's permission rules.
     *
     * @param domid the domain id
     * @param path an absolute path, or one relative to the domain's home
     * @return a first line naming the domain and path, then one line per operation:
     *     {@code READ: yes, needs read: it owns /local/domain/5 [n5 r0]}
     */
    String[] access(int domid, String path);

    /**
     * Tells what a stub domain acting for {@code target} may do on a path, as {@link #access(int, String)}.
     *
     * @param domid the domain id
     * @param target the domain it acts for
     * @param path an absolute path, or one relative to the domain's home
     * @return as {@link #access(int, String)}
     */
    String[] accessAsTarget(int domid, int target, String path);
}
