/**
 * Transports to a XenStore daemon: the Unix socket and the XenBus character device.
 */
@Export
@Version("0.1.0")
package io.jxs.connection;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
