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
/**
 * An in-memory XenStore daemon ({@link io.jxs.embedded.EmbeddedXenStore}) for tests and demos (its JUnit 5 extension
 * is in the package {@code io.jxs.embedded.junit}, which the bundle does not export). In an OSGi framework the {@code
 * io.jxs.embedded} bundle also runs one as a component, configured by the PID {@code io.jxs.embedded}.
 */
@Export
@Version("0.1.0")
package io.jxs.embedded;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
