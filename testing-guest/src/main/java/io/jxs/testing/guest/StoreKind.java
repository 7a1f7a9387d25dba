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
package io.jxs.testing.guest;

import io.jxs.testing.XenStoreDaemon;

/**
 * The XenStore implementations a {@link GuestTest} runs against, one invocation each.
 *
 * <p>TODO(integration): the embedded store (jxs-embedded) joins as {@code EMBEDDED} once it serves domains
 * ({@code EmbeddedXenStore#createDomain}, {@code #domainSocketPath}); its expected results are C xenstored's.
 */
public enum StoreKind {
    /** The C daemon, {@code xenstored} 4.17, through the stand-in. */
    XENSTORED(XenStoreDaemon.Kind.XENSTORED),
    /** The OCaml daemon, {@code oxenstored} 4.17, through the stand-in. */
    OXENSTORED(XenStoreDaemon.Kind.OXENSTORED);

    private final XenStoreDaemon.Kind daemon;

    StoreKind(XenStoreDaemon.Kind daemon) {
        this.daemon = daemon;
    }

    /** The real daemon of this kind. */
    public XenStoreDaemon.Kind daemon() {
        return daemon;
    }

    /** The name shown in test reports: the daemon's executable name. */
    public String displayName() {
        return daemon.binary();
    }
}
