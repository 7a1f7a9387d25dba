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
 * The XenStore client: {@link io.jxs.XenStore}, implemented by {@link io.jxs.Client}, with
 * transactions, monitors and the packet {@link io.jxs.Router}. Usable with or without OSGi; in an
 * OSGi framework the {@code io.jxs} bundle publishes a shared {@link io.jxs.XenStore} service.
 */
@Export
@Version("0.4.0")
package io.jxs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
