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

import io.jxs.AsyncXenStore;
import io.jxs.ConnectionException;
import io.jxs.DomainQuota;
import io.jxs.PathRules;
import io.jxs.Permission;
import io.jxs.Trace;
import io.jxs.TraceRecord;
import io.jxs.XenStore;
import io.jxs.XenStoreException;
import io.jxs.management.XenStoreMBean;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.NotCompliantMBeanException;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import javax.management.openmbean.TabularData;

/**
 * The {@link XenStoreMBean}: the connector's state and counters, the XenStore operations on the
 * published store, and the EventAdmin bridge's watches. {@link XenStoreComponent} registers it as an
 * OSGi service with {@code jmx.objectname}, which the container's JMX whiteboard puts in the platform
 * MBeanServer, while disconnected too, so that the operator sees {@code Connected = false} and why.
 * jconsole shows the descriptions of {@link MBeanDescriptions}.
 */
final class XenStoreMBeanImpl extends StandardMBean implements XenStoreMBean {
    private final XenStoreConnector connector;
    private final Supplier<WatchBridge> bridge;

    /**
     * Creates the MBean.
     *
     * @param connector the owner of the connection
     * @param bridge the EventAdmin bridge, or null while there is none
     * @throws NotCompliantMBeanException never: the interface is a valid MBean interface
     */
    XenStoreMBeanImpl(XenStoreConnector connector, Supplier<WatchBridge> bridge) throws NotCompliantMBeanException {
        super(XenStoreMBean.class);
        this.connector = connector;
        this.bridge = bridge;
    }

    /**
     * Returns the ObjectName of the MBean in a container, as Karaf names its own.
     *
     * @param containerName the container's name ({@code karaf.name}), or null for
     *     {@value XenStoreMBean#DEFAULT_CONTAINER_NAME}
     * @return {@code io.jxs:type=XenStore,name=<containerName>}, the name quoted when it holds a
     *     character that an ObjectName value cannot hold as it is
     */
    static String objectName(String containerName) {
        String name = containerName == null || containerName.isBlank() ? DEFAULT_CONTAINER_NAME : containerName;
        boolean plain = name.chars().noneMatch(c -> ",=:\"*?\n".indexOf(c) >= 0);
        return OBJECT_NAME_PREFIX + (plain ? name : ObjectName.quote(name));
    }

    private XenStore store() {
        return connector.store();
    }

    @Override
    public boolean isConnected() {
        return connector.isConnected();
    }

    @Override
    public String getTransport() {
        Endpoint endpoint = connector.endpoint();
        return endpoint == null ? "" : endpoint.transport();
    }

    @Override
    public String getPath() {
        Endpoint endpoint = connector.endpoint();
        return endpoint == null ? "" : endpoint.path().toString();
    }

    @Override
    public String getLastConnectionError() {
        return connector.lastError();
    }

    @Override
    public String getRefusedConfiguration() {
        return connector.refusedConfiguration();
    }

    @Override
    public boolean isTracing() {
        Trace trace = connector.trace();
        return trace != null && trace.isOn();
    }

    @Override
    public long getTraceDropped() {
        Trace trace = connector.trace();
        return trace == null ? 0 : trace.dropped();
    }

    @Override
    public void traceStart(int capacity) {
        ManagementErrors.run(() -> connector.traceStart(capacity));
    }

    @Override
    public void traceStop() {
        connector.traceStop();
    }

    @Override
    public String traceJsonLines(int count) {
        StringBuilder out = new StringBuilder();
        for (TraceRecord record : newestRecords(count)) {
            out.append(record.json()).append('\n');
        }
        return out.toString();
    }

    @Override
    public String[] traceLines(int count) {
        ZoneId zone = ZoneId.systemDefault();
        return newestRecords(count).stream().map(record -> record.line(zone)).toArray(String[]::new);
    }

    private List<TraceRecord> newestRecords(int count) {
        Trace trace = connector.trace();
        List<TraceRecord> records = trace == null ? List.of() : trace.records();
        return records.subList(count <= 0 ? 0 : Math.max(0, records.size() - count), records.size());
    }

    @Override
    public long getRequestsSent() {
        return connector.statistics().requestsSent();
    }

    @Override
    public long getErrors() {
        return connector.statistics().errors();
    }

    @Override
    public long getWatchEventsDelivered() {
        WatchBridge current = bridge.get();
        return current == null ? 0 : current.delivered();
    }

    @Override
    public long getWatchEventOverflows() {
        WatchBridge current = bridge.get();
        return current == null ? 0 : current.overflows();
    }

    @Override
    @Deprecated
    public long getWatchEventsCoalesced() {
        return 0;
    }

    @Override
    public double getAverageRequestLatencyMillis() {
        return connector.statistics().averageLatencyMillis();
    }

    @Override
    public double getMaxRequestLatencyMillis() {
        return connector.statistics().maxLatencyMillis();
    }

    @Override
    public String[] getWatches() {
        WatchBridge current = bridge.get();
        return current == null ? new String[0] : current.watched().toArray(String[]::new);
    }

    @Override
    public String read(String path) {
        return ManagementErrors.call(() -> store().readString(path));
    }

    @Override
    public void write(String path, String value) {
        ManagementErrors.run(() -> store().write(path, value == null ? "" : value));
    }

    @Override
    public void mkdir(String path) {
        ManagementErrors.run(() -> store().mkdir(path));
    }

    @Override
    public void delete(String path) {
        ManagementErrors.run(() -> store().delete(path));
    }

    @Override
    public TabularData ls(String path) {
        return ManagementErrors.call(() -> {
            AsyncXenStore store = store().async();
            NodeTable table = new NodeTable(LS_MAX_ROWS);
            // Breadth first, each level's requests pipelined, and never more nodes read than the table
            // takes (one more, to know it is cut): a large subtree is not read whole for a thousand rows.
            List<String> level = List.of(PathRules.checkPath(path));
            int read = 0;
            while (!level.isEmpty() && read <= LS_MAX_ROWS) {
                int taken = Math.min(level.size(), LS_MAX_ROWS + 1 - read);
                List<NodeReads> reads = level.subList(0, taken).stream().map(node -> new NodeReads(node, store)).toList();
                // What this round leaves of the level comes first in the next: a node gone meanwhile frees room.
                List<String> next = new ArrayList<>(level.subList(taken, level.size()));
                for (NodeReads node : reads) {
                    List<Permission> permissions = orIfDenied(node.permissions, List.of());
                    byte[] value = orIfDenied(node.value, new byte[0]);
                    List<String> children = orIfDenied(node.children, List.of());
                    if (permissions == null || value == null || children == null) {
                        continue; // removed meanwhile
                    }
                    read++;
                    if (!table.offer(node.path, value, permissions)) {
                        return table.data();
                    }
                    String parent = node.path.endsWith("/") ? node.path : node.path + "/";
                    children.forEach(child -> next.add(parent + child));
                }
                level = next;
            }
            return table.data();
        });
    }

    /** The three reads of one node for {@link #ls(String)}, sent together. */
    private static final class NodeReads {
        final String path;
        final CompletableFuture<byte[]> value;
        final CompletableFuture<List<String>> children;
        final CompletableFuture<List<Permission>> permissions;

        NodeReads(String path, AsyncXenStore store) {
            this.path = path;
            this.value = store.read(path);
            this.children = store.list(path);
            this.permissions = store.getPerms(path);
        }
    }

    /** A read's result; the fallback when it may not be read, null when the node is gone. */
    private static <T> T orIfDenied(CompletableFuture<T> read, T fallback) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof XenStoreException refused && !(refused instanceof ConnectionException)) {
                return switch (String.valueOf(refused.errorName())) {
                    case "ENOENT" -> null;
                    case "EACCES" -> fallback;
                    default -> throw refused;
                };
            }
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    @Override
    public String[] list(String path) {
        return ManagementErrors.call(() -> store().list(path).toArray(String[]::new));
    }

    @Override
    public boolean exists(String path) {
        return ManagementErrors.call(() -> store().exists(path));
    }

    @Override
    public String[] getPerms(String path) {
        return ManagementErrors.call(() -> store().getPerms(path).stream()
                .map(Permission::toString).toArray(String[]::new));
    }

    @Override
    public void setPerms(String path, String[] perms) {
        ManagementErrors.run(() -> store().setPerms(path, perms == null ? List.of()
                : Arrays.stream(perms).map(String::trim).map(Permission::parse).toList()));
    }

    @Override
    public String getDomainPath(int domid) {
        return ManagementErrors.call(() -> store().getDomainPath(domid));
    }

    @Override
    public boolean isDomainIntroduced(int domid) {
        return ManagementErrors.call(() -> store().isDomainIntroduced(domid));
    }

    @Override
    public void introduceDomain(int domid, long mfn, int eventChannel) {
        ManagementErrors.run(() -> store().introduceDomain(domid, mfn, eventChannel));
    }

    @Override
    public void releaseDomain(int domid) {
        ManagementErrors.run(() -> store().releaseDomain(domid));
    }

    @Override
    public void resumeDomain(int domid) {
        ManagementErrors.run(() -> store().resumeDomain(domid));
    }

    @Override
    public void setTarget(int domid, int target) {
        ManagementErrors.run(() -> store().setTarget(domid, target));
    }

    @Override
    public String control(String[] args) {
        return ManagementErrors.call(() -> store().control(args == null ? new String[0] : args));
    }

    @Override
    public String[] quota() {
        return ManagementErrors.call(() -> lines(store().quota().limits()));
    }

    @Override
    public String[] domainQuota(int domid) {
        return ManagementErrors.call(() -> {
            DomainQuota quota = store().quota(domid);
            Map<String, Integer> lines = new LinkedHashMap<>(quota.usage());
            quota.nodeLimit().ifPresent(limit -> lines.put("node-limit", limit));
            return lines(lines);
        });
    }

    private static String[] lines(Map<String, Integer> values) {
        return values.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toArray(String[]::new);
    }

    @Override
    public String[] access(int domid, String path) {
        return ManagementErrors.call(() -> store().access(domid, path).toString().split("\n"));
    }

    @Override
    public String[] accessAsTarget(int domid, int target, String path) {
        return ManagementErrors.call(() -> store().access(domid, target, path).toString().split("\n"));
    }

    /** Read-only operations are INFO, control ACTION_INFO (it may change the daemon), the rest ACTION. */
    @Override
    protected int getImpact(MBeanOperationInfo operation) {
        return switch (operation.getName()) {
            case "read", "ls", "list", "exists", "getPerms", "getDomainPath", "isDomainIntroduced", "quota",
                    "domainQuota", "access", "accessAsTarget", "traceJsonLines", "traceLines" -> MBeanOperationInfo.INFO;
            case "control" -> MBeanOperationInfo.ACTION_INFO;
            default -> MBeanOperationInfo.ACTION;
        };
    }

    @Override
    public void watch(String path) {
        ManagementErrors.run(() -> runningBridge().watch(path));
    }

    @Override
    public void unwatch(String path) {
        ManagementErrors.run(() -> runningBridge().unwatch(path));
    }

    private WatchBridge runningBridge() {
        WatchBridge current = bridge.get();
        if (current == null) {
            throw new IllegalStateException("the EventAdmin bridge is not running (is EventAdmin installed?)");
        }
        return current;
    }

    // ----------------------------------------------------------------------------- what jconsole shows

    @Override
    protected String getDescription(MBeanInfo info) {
        return MBeanDescriptions.MBEAN;
    }

    @Override
    protected String getDescription(MBeanAttributeInfo attribute) {
        return MBeanDescriptions.ATTRIBUTES.getOrDefault(attribute.getName(), super.getDescription(attribute));
    }

    @Override
    protected String getDescription(MBeanOperationInfo operation) {
        MBeanDescriptions.Operation described = MBeanDescriptions.OPERATIONS.get(operation.getName());
        return described == null ? super.getDescription(operation) : described.description();
    }

    @Override
    protected String getParameterName(MBeanOperationInfo operation, MBeanParameterInfo parameter, int index) {
        MBeanDescriptions.Parameter described = parameter(operation, index);
        return described == null ? super.getParameterName(operation, parameter, index) : described.name();
    }

    @Override
    protected String getDescription(MBeanOperationInfo operation, MBeanParameterInfo parameter, int index) {
        MBeanDescriptions.Parameter described = parameter(operation, index);
        return described == null ? super.getDescription(operation, parameter, index) : described.description();
    }

    private static MBeanDescriptions.Parameter parameter(MBeanOperationInfo operation, int index) {
        MBeanDescriptions.Operation described = MBeanDescriptions.OPERATIONS.get(operation.getName());
        return described == null || index >= described.parameters().size() ? null : described.parameters().get(index);
    }
}
