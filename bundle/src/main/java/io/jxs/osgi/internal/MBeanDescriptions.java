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
package io.jxs.osgi.internal;

import io.jxs.management.XenStoreMBean;
import java.util.List;
import java.util.Map;

/**
 * What jconsole shows for the {@link XenStoreMBean}: a description of the MBean, of each attribute, of
 * each operation, and the name and description of each parameter (the class files do not keep
 * parameter names, and the JMX default would be {@code p1}, {@code p2}, ...).
 */
final class MBeanDescriptions {
    /** A parameter: its name and what it means. */
    record Parameter(String name, String description) {
    }

    /** An operation: what it does and its parameters, in order. */
    record Operation(String description, List<Parameter> parameters) {
        Operation(String description, Parameter... parameters) {
            this(description, List.of(parameters));
        }
    }

    /** The MBean's own description. */
    static final String MBEAN = "The container's XenStore connection (jxs): the daemon's state, traffic counters, "
            + "and the XenStore operations. Failures name the daemon's error, for example ENOENT: /local/domain/9.";

    /** Attribute descriptions, by attribute name. */
    static final Map<String, String> ATTRIBUTES = Map.ofEntries(
            Map.entry("Connected", "True while the container is connected to the XenStore daemon "
                    + "and the io.jxs.XenStore service is published"),
            Map.entry("Transport", "The transport in use, or being tried: socket or xenbus"),
            Map.entry("Path", "The daemon's Unix socket or XenBus device in use, or being tried"),
            Map.entry("LastConnectionError", "Why the last connection attempt failed or the connection was lost; "
                    + "empty while connected"),
            Map.entry("RefusedConfiguration", "Why the last configuration of io.jxs was refused, the previous one "
                    + "being kept; empty when the current configuration was applied"),
            Map.entry("RequestsSent", "Requests sent to the daemon since the bundle started, over every connection"),
            Map.entry("Errors", "Requests the daemon answered with an error since the bundle started"),
            Map.entry("WatchEventsDelivered", "Watch events posted to EventAdmin on io/jxs/xenstore/WATCH"),
            Map.entry("WatchEventOverflows", "Times watch events were discarded because EventAdmin's handlers fell behind "
                    + "(each watch then fired once instead)"),
            Map.entry("WatchEventsCoalesced", "Always 0, deprecated: events no longer wait in a backlog of the bridge "
                    + "where identical ones were merged; see WatchEventOverflows"),
            Map.entry("AverageRequestLatencyMillis", "Average time from a request to its reply, in milliseconds "
                    + "(0 before the first reply)"),
            Map.entry("MaxRequestLatencyMillis", "Longest time from a request to its reply, in milliseconds"),
            Map.entry("Tracing", "True while the traffic trace records requests, replies and watch events "
                    + "(traceStart, traceStop; off when the bundle starts)"),
            Map.entry("TraceDropped", "Trace records dropped, the oldest first, to make room for newer ones since "
                    + "the last traceStart"),
            Map.entry("Watches", "Paths watched for EventAdmin: from the configuration, from JMX and from event handlers"));

    /** Operation descriptions and parameters, by operation name (the MBean has no overloads). */
    static final Map<String, Operation> OPERATIONS = Map.ofEntries(
            Map.entry("read", new Operation("Reads a node's value as UTF-8 text",
                    new Parameter("path", "The node to read, for example /local/domain/0/name"))),
            Map.entry("write", new Operation("Writes a node's value as UTF-8 text, creating missing parents",
                    new Parameter("path", "The node to write"),
                    new Parameter("value", "The new value, as text (sent as UTF-8)"))),
            Map.entry("mkdir", new Operation("Creates a node with an empty value; does nothing when it exists",
                    new Parameter("path", "The node to create"))),
            Map.entry("delete", new Operation("Removes a node and its whole subtree",
                    new Parameter("path", "The node to remove"))),
            Map.entry("ls", new Operation("Shows a subtree as xenstore-ls -p does: each node's path, value "
                    + "(escaped as xenstore-ls prints it) and permissions, parents first; at most "
                    + XenStoreMBean.LS_MAX_ROWS + " rows, and a last row '" + XenStoreMBean.LS_TRUNCATED
                    + "' when the subtree has more",
                    new Parameter("path", "The top of the subtree, for example /local/domain/0"))),
            Map.entry("list", new Operation("Lists the names of a node's children",
                    new Parameter("path", "The node whose children to list"))),
            Map.entry("exists", new Operation("Tells whether a node exists",
                    new Parameter("path", "The node to look for"))),
            Map.entry("getPerms", new Operation("Reads a node's permissions in wire form, the owner first "
                    + "(b0, r5, ...)",
                    new Parameter("path", "The node whose permissions to read"))),
            Map.entry("setPerms", new Operation("Replaces a node's permissions; the first entry names the owner",
                    new Parameter("path", "The node whose permissions to replace"),
                    new Parameter("perms", "The permissions in wire form, the owner first: n, r, w or b "
                            + "followed by a domain id (n0, r5)"))),
            Map.entry("getDomainPath", new Operation("Returns a domain's home path, for example /local/domain/5",
                    new Parameter("domid", "The domain id, 0 to 65535"))),
            Map.entry("isDomainIntroduced", new Operation("Tells whether a domain has been introduced to the "
                    + "daemon",
                    new Parameter("domid", "The id of the domain to ask about"))),
            Map.entry("introduceDomain", new Operation("Introduces a domain to the daemon, which then serves "
                    + "its XenStore ring",
                    new Parameter("domid", "The new domain's id (not 0)"),
                    new Parameter("mfn", "The machine frame number of the domain's XenStore ring page"),
                    new Parameter("eventChannel", "The domain's XenStore event channel port"))),
            Map.entry("releaseDomain", new Operation("Releases a domain: the daemon forgets it and fires "
                    + "@releaseDomain",
                    new Parameter("domid", "The id of the domain to release"))),
            Map.entry("resumeDomain", new Operation("Resumes a domain after a suspend: the daemon clears its "
                    + "shutdown state",
                    new Parameter("domid", "The id of the domain to resume"))),
            Map.entry("setTarget", new Operation("Lets a domain act with the privileges of another, as a "
                    + "device model does for its guest",
                    new Parameter("domid", "The domain that gains the privileges"),
                    new Parameter("target", "The domain whose privileges it gains"))),
            Map.entry("control", new Operation("Sends dom0's CONTROL request as xenstore-control does and returns "
                    + "the reply. C xenstored: check, log on|off, logfile FILE, memreport [FILE], print TEXT, "
                    + "quota [set NAME VALUE|DOMID], quota-soft [set NAME VALUE], help, live-update; oxenstored: "
                    + "print, quota DOMID, watches, xenbus DOMID, mfn DOMID, live-update (OK to anything else)",
                    new Parameter("args", "The command, then its arguments, for example quota, 5"))),
            Map.entry("quota", new Operation("Reads C xenstored's quota limits (CONTROL quota), one name = limit "
                    + "line each; oxenstored does not list them")),
            Map.entry("domainQuota", new Operation("Reads what a domain uses of its quotas (CONTROL quota N), "
                    + "one name = amount line each",
                    new Parameter("domid", "The domain id, 0 to 65535"))),
            Map.entry("access", new Operation("Tells what a domain may do on a path (read, write, create a child, "
                    + "remove, set permissions, see watch events) and why, by C xenstored 4.17's permission rules",
                    new Parameter("domid", "The domain id, 0 to 65535"),
                    new Parameter("path", "An absolute path, or one relative to the domain's home"))),
            Map.entry("accessAsTarget", new Operation("Tells what a stub domain acting for a target domain "
                    + "(SET_TARGET) may do on a path, and why",
                    new Parameter("domid", "The stub domain's id"),
                    new Parameter("target", "The domain it acts for"),
                    new Parameter("path", "An absolute path, or one relative to the domain's home"))),
            Map.entry("traceStart", new Operation("Switches the traffic trace on with an empty buffer: each "
                    + "reply (time, operation, path, transaction, latency, error word) and each watch event",
                    new Parameter("capacity", "How many records to keep, 1 to " + io.jxs.Trace.MAX_CAPACITY
                            + "; the oldest is dropped when full"))),
            Map.entry("traceStop", new Operation("Switches the traffic trace off; its records stay readable")),
            Map.entry("traceJsonLines", new Operation("Returns the newest trace records, oldest first, one "
                    + "JSON object per line",
                    new Parameter("count", "How many of the newest records; 0 for all"))),
            Map.entry("traceLines", new Operation("Returns the newest trace records, oldest first, one line "
                    + "each: time, operation, path, transaction, latency, OK or the error word",
                    new Parameter("count", "How many of the newest records; 0 for all"))),
            Map.entry("watch", new Operation("Watches a path until unwatch: its events are posted to EventAdmin "
                    + "on io/jxs/xenstore/WATCH",
                    new Parameter("path", "A node path, @introduceDomain or @releaseDomain"))),
            Map.entry("unwatch", new Operation("Stops a watch added with watch; the watches of the "
                    + "configuration and of event handlers stay",
                    new Parameter("path", "The path given to watch"))));

    private MBeanDescriptions() {
    }
}
