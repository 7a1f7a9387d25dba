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
 * The EventAdmin contract of jxs in an OSGi container: the topics the jxs bundle posts to, the
 * properties of those events, and the whiteboard service property with which an {@code EventHandler}
 * asks for paths to be watched ({@link io.jxs.event.WatchEvents}).
 */
@Export
@Version("0.1.0")
package io.jxs.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
