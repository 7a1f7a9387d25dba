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
 * The XenStore implementations a {@link GuestTest} runs against, one invocation each: the two real daemons and
 * the embedded store, whose expected results are C xenstored's ({@link #expectedAs()}).
 */
public enum StoreKind {
    /** The C daemon, {@code xenstored} 4.17, through the stand-in. */
    XENSTORED(XenStoreDaemon.Kind.XENSTORED),
    /** The OCaml daemon, {@code oxenstored} 4.17, through the stand-in. */
    OXENSTORED(XenStoreDaemon.Kind.OXENSTORED),
    /** jxs's in-memory store ({@code jxs-embedded}), serving each guest on a socket of its own. */
    EMBEDDED(null);

    private final XenStoreDaemon.Kind daemon;

    StoreKind(XenStoreDaemon.Kind daemon) {
        this.daemon = daemon;
    }

    /**
     * The real daemon of this kind.
     *
     * @return the daemon's kind
     * @throws IllegalStateException for {@link #EMBEDDED}, which is no daemon
     */
    public XenStoreDaemon.Kind daemon() {
        if (daemon == null) {
            throw new IllegalStateException("the embedded store is not a daemon");
        }
        return daemon;
    }

    /** Whether this is a real daemon, run through the stand-in. */
    public boolean isDaemon() {
        return daemon != null;
    }

    /** The real daemon whose answers this store must give: itself, and C xenstored for the embedded store. */
    public StoreKind expectedAs() {
        return this == EMBEDDED ? XENSTORED : this;
    }

    /** The name shown in test reports: the daemon's executable name, or {@code embedded}. */
    public String displayName() {
        return daemon == null ? "embedded" : daemon.binary();
    }
}
