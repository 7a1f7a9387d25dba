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
 * What every XenStore program rewrites, written once on the {@link io.jxs} API.
 *
 * <ul>
 * <li>Device handshakes: {@link io.jxs.XenbusState} (in the core: the shell shows state names with it), the states front-end and back-end drivers
 * negotiate through their {@code state} nodes, and {@link io.jxs.recipes.DeviceStates}, which waits for
 * them within a deadline, refuses the transitions the protocol does not allow and drives the orderly
 * close of one {@link io.jxs.recipes.XenbusDevice}.</li>
 * <li>Subtree mirrors: {@link io.jxs.recipes.TreeCache}, a local copy of one subtree kept current by one
 * watch, whose listeners never see half of a committed transaction.</li>
 * <li>Domain life cycles: {@link io.jxs.recipes.DomainTracker}, typed introduced and released events for
 * {@code @introduceDomain} and {@code @releaseDomain}, which carry no domain id, and per-domain resources
 * closed when their domain goes.</li>
 * </ul>
 *
 * <p>Each recipe re-reads the store on every watch event and never counts events: a daemon may merge
 * them, and a watch fires once more after a reconnection.
 */
@Export
@Version("0.1.0")
package io.jxs.recipes;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
