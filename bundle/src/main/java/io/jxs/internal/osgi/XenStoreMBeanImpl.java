package io.jxs.internal.osgi;

import io.jxs.Permission;
import io.jxs.XenStore;
import io.jxs.management.XenStoreMBean;
import java.util.List;
import java.util.Map;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@link XenStoreMBean}, registered as an OSGi service with {@code jmx.objectname}, which the
 * container's JMX whiteboard puts in the platform MBeanServer. It is registered while disconnected
 * too, so that the operator sees {@code Connected = false} and the reason.
 */
@Component(service = XenStoreMBean.class, property = "jmx.objectname=" + XenStoreMBean.OBJECT_NAME)
public final class XenStoreMBeanImpl extends StandardMBean implements XenStoreMBean {
    /** Parameter names for jconsole, by operation. */
    private static final Map<String, List<String>> PARAMETERS = Map.ofEntries(
            Map.entry("write", List.of("path", "value")),
            Map.entry("setPerms", List.of("path", "perms")),
            Map.entry("introduceDomain", List.of("domid", "mfn", "eventChannel")),
            Map.entry("setTarget", List.of("domid", "target")),
            Map.entry("getDomainPath", List.of("domid")),
            Map.entry("isDomainIntroduced", List.of("domid")),
            Map.entry("releaseDomain", List.of("domid")),
            Map.entry("resumeDomain", List.of("domid")));

    private final XenStoreConnector connector;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile WatchBridge bridge;

    /**
     * Creates the MBean.
     *
     * @param connector the owner of the connection
     * @throws NotCompliantMBeanException never: the interface is a valid MBean interface
     */
    @Activate
    public XenStoreMBeanImpl(@Reference XenStoreConnector connector) throws NotCompliantMBeanException {
        super(XenStoreMBean.class);
        this.connector = connector;
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
    public long getRequestsSent() {
        return connector.statistics().requestsSent();
    }

    @Override
    public long getErrors() {
        return connector.statistics().errors();
    }

    @Override
    public long getWatchEventsDelivered() {
        WatchBridge current = bridge;
        return current == null ? 0 : current.delivered();
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
        WatchBridge current = bridge;
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
                : java.util.Arrays.stream(perms).map(String::trim).map(Permission::parse).toList()));
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
    public void watch(String path) {
        ManagementErrors.run(() -> bridge().watch(path));
    }

    @Override
    public void unwatch(String path) {
        ManagementErrors.run(() -> bridge().unwatch(path));
    }

    private WatchBridge bridge() {
        WatchBridge current = bridge;
        if (current == null) {
            throw new IllegalStateException("the EventAdmin bridge is not running (is EventAdmin installed?)");
        }
        return current;
    }

    @Override
    protected String getParameterName(MBeanOperationInfo operation, MBeanParameterInfo parameter, int index) {
        List<String> names = PARAMETERS.getOrDefault(operation.getName(), List.of("path"));
        return index < names.size() ? names.get(index) : super.getParameterName(operation, parameter, index);
    }

    @Override
    protected String getDescription(MBeanOperationInfo operation) {
        return "XenStore " + operation.getName() + "; failures name the daemon's error, e.g. ENOENT: /local/domain/9";
    }
}
