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

import io.jxs.XenStore;
import io.jxs.event.WatchEvents;
import io.jxs.management.XenStoreMBean;
import java.lang.System.Logger.Level;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.management.NotCompliantMBeanException;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The one Declarative Services component of the jxs bundle (configuration PID {@code io.jxs}). It owns
 * the container's XenStore connection ({@link XenStoreConnector}, which publishes the
 * {@link XenStore} service while connected), the {@link XenStoreMBean} (registered as a service for
 * the JMX whiteboard under {@code io.jxs:type=XenStore,name=<karaf.name>}) and, while an EventAdmin is
 * there, the {@link WatchBridge}. They are plain objects wired here, so that the only services the
 * bundle registers are of its public API types.
 *
 * <p>EventAdmin and event handlers are referenced through {@link ServiceReference}s only, so that no
 * method of this class names a type of {@code org.osgi.service.event}: the bundle's import of that
 * package is optional, and without it the connection and the MBean still work.
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=io.jxs.XenStore",
        uses = XenStore.class)
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=io.jxs.management.XenStoreMBean",
        uses = XenStoreMBean.class)
@Component(service = {}, configurationPid = XenStoreConfig.PID, immediate = true)
@Designate(ocd = XenStoreConfig.class)
public final class XenStoreComponent {
    private static final System.Logger LOG = System.getLogger(XenStoreComponent.class.getName());

    private final BundleContext context;
    private final XenStoreConnector connector;
    private final ServiceRegistration<XenStoreMBean> mbean;

    private final Object lock = new Object();
    private final Set<ServiceReference<?>> handlers = new LinkedHashSet<>(); // guarded by lock
    private XenStoreConfig config; // guarded by lock
    private XenStore published; // guarded by lock
    private ServiceReference<?> eventAdmin; // guarded by lock
    private volatile WatchBridge bridge; // written under lock

    /**
     * Registers the MBean and starts connecting in the background.
     *
     * @param context the bundle's context
     * @param config the configuration {@code io.jxs}
     * @throws NotCompliantMBeanException never: the MBean interface is valid
     */
    @Activate
    public XenStoreComponent(BundleContext context, XenStoreConfig config) throws NotCompliantMBeanException {
        this.context = context;
        this.config = config;
        this.connector = new XenStoreConnector(context, new XenStoreConnector.Listener() {
            @Override
            public void published(XenStore store) {
                storePublished(store);
            }

            @Override
            public void unpublished() {
                storeUnpublished();
            }
        });
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("jmx.objectname", XenStoreMBeanImpl.objectName(context.getProperty("karaf.name")));
        properties.put(Constants.SERVICE_DESCRIPTION, "The container's XenStore connection, for JMX");
        this.mbean = context.registerService(XenStoreMBean.class, new XenStoreMBeanImpl(connector, () -> bridge),
                properties);
        connector.start(config);
    }

    /**
     * Applies a changed configuration to the connection and to the watched paths.
     *
     * @param changed the new configuration
     */
    @Modified
    void modified(XenStoreConfig changed) {
        WatchBridge current;
        synchronized (lock) {
            config = changed;
            current = bridge;
        }
        connector.modified(changed);
        if (current != null) {
            current.modified(changed);
        }
    }

    /** Unregisters the MBean, ends the bridge, unpublishes the service and closes the connection. */
    @Deactivate
    void deactivate() {
        try {
            mbean.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
        WatchBridge ended;
        synchronized (lock) {
            ended = bridge;
            bridge = null;
        }
        if (ended != null) {
            ended.deactivate();
        }
        // Not under the lock: closing waits for the connector's thread, which calls storeUnpublished.
        connector.close();
    }

    @Reference(service = EventAdmin.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindEventAdmin")
    void bindEventAdmin(ServiceReference<?> reference) {
        Object service = context.getService(reference);
        if (service == null) {
            return; // unregistered meanwhile
        }
        WatchBridge ended;
        ServiceReference<?> released;
        synchronized (lock) {
            ended = bridge;
            released = eventAdmin;
            WatchBridge started = new WatchBridge((EventAdmin) service, config);
            handlers.forEach(started::addHandler);
            if (published != null) {
                started.bindStore(published);
            }
            eventAdmin = reference;
            bridge = started;
        }
        end(ended, released);
    }

    void unbindEventAdmin(ServiceReference<?> reference) {
        WatchBridge ended;
        synchronized (lock) {
            if (!reference.equals(eventAdmin)) {
                return; // replaced already by a greedier binding
            }
            ended = bridge;
            bridge = null;
            eventAdmin = null;
        }
        end(ended, reference);
    }

    private void end(WatchBridge ended, ServiceReference<?> reference) {
        if (ended != null) {
            ended.deactivate();
        }
        if (reference != null) {
            try {
                context.ungetService(reference);
            } catch (IllegalStateException stopping) {
                // the bundle is stopping
            }
        }
    }

    @Reference(service = EventHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, target = "(" + WatchEvents.WATCH_PROPERTY + "=*)",
            unbind = "removeHandler", updated = "updateHandler")
    void addHandler(ServiceReference<?> handler) {
        synchronized (lock) {
            handlers.add(handler);
            if (bridge != null) {
                bridge.addHandler(handler);
            }
        }
    }

    void updateHandler(ServiceReference<?> handler) {
        synchronized (lock) {
            if (bridge != null) {
                bridge.updateHandler(handler);
            }
        }
    }

    void removeHandler(ServiceReference<?> handler) {
        synchronized (lock) {
            handlers.remove(handler);
            if (bridge != null) {
                bridge.removeHandler(handler);
            }
        }
    }

    private void storePublished(XenStore store) {
        synchronized (lock) {
            published = store;
            if (bridge != null) {
                bridge.bindStore(store);
            }
        }
    }

    private void storeUnpublished() {
        synchronized (lock) {
            XenStore gone = published;
            published = null;
            if (bridge != null && gone != null) {
                try {
                    bridge.unbindStore();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "jxs: stopping the EventAdmin bridge's watches failed", e);
                }
            }
        }
    }
}
