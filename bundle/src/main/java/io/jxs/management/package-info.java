/**
 * The management API of jxs in an OSGi container: the {@link io.jxs.management.XenStoreMBean}
 * interface (for typed JMX proxies) and the names of the EventAdmin topic and event properties of
 * watch events ({@link io.jxs.management.WatchEvents}).
 */
@Export
@Version("0.1.0")
package io.jxs.management;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
