/**
 * An in-memory XenStore daemon ({@link io.jxs.embedded.EmbeddedXenStore}) for tests and demos, and its JUnit 5
 * extension. In an OSGi framework the {@code io.jxs.embedded} bundle also runs one as a component, configured by the
 * PID {@code io.jxs.embedded}.
 */
@Export
@Version("0.1.0")
package io.jxs.embedded;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
