/**
 * The XenStore client: {@link io.jxs.XenStore}, implemented by {@link io.jxs.Client}, with
 * transactions, monitors and the packet {@link io.jxs.Router}. Usable with or without OSGi; in an
 * OSGi framework the {@code io.jxs} bundle publishes a shared {@link io.jxs.XenStore} service.
 */
@Export
@Version("0.1.0")
package io.jxs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
