/**
 * Transports to a XenStore daemon, and the packets they carry: the Unix socket and the XenBus
 * character device, both framed as {@code struct xsd_sockmsg}. This package depends on nothing else
 * of jxs; a third-party {@link io.jxs.connection.Connection} reports through its exceptions everything
 * the {@link io.jxs.Router} handles.
 */
@Export
@Version("0.1.0")
package io.jxs.connection;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
