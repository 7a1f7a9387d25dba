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
package io.jxs.testing;

import io.jxs.testing.XenStoreDaemon.Kind;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Running daemons shared by the tests of one class, at most one per {@link Kind}, started on first use
 * and closed after the class ({@link XenStoreDaemonExtension} injects it). The store is shared too, so each
 * test should use paths of its own. A test may stop or kill a shared daemon: the next {@link #get(Kind)}
 * restarts it (with an empty store).
 */
public final class DaemonPool implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final Map<Kind, XenStoreDaemon> daemons = new EnumMap<>(Kind.class);

    /**
     * Returns the running daemon of this kind, starting or restarting it if needed. Fails or aborts the
     * test as {@link RequiredDaemon} does when the daemon is not installed.
     */
    public synchronized XenStoreDaemon get(Kind kind) {
        XenStoreDaemon daemon = daemons.get(kind);
        if (daemon == null) {
            daemon = RequiredDaemon.start(kind);
            daemons.put(kind, daemon);
        } else if (!daemon.isRunning()) {
            daemon.restart();
        }
        return daemon;
    }

    /** Closes every daemon started here. */
    @Override
    public synchronized void close() {
        daemons.values().forEach(XenStoreDaemon::close);
        daemons.clear();
    }
}
