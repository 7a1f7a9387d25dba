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
package io.jxs.embedded.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The configuration {@code io.jxs.embedded} of the embedded XenStore daemon that the {@code jxs-embedded} feature
 * runs in the container.
 */
@ObjectClassDefinition(id = EmbeddedXenStoreConfig.PID, name = "jxs embedded XenStore",
        description = "An in-memory XenStore daemon serving the wire protocol on a Unix socket, for tests and demos"
                + " without Xen. Its content is lost when it stops.")
public @interface EmbeddedXenStoreConfig {
    /** The configuration PID. */
    String PID = "io.jxs.embedded";

    /**
     * Whether to run the daemon; lets a distribution keep the feature installed and switch the daemon off when a
     * real one is there.
     *
     * @return true to serve
     */
    @AttributeDefinition(name = "Enabled", description = "false: the component runs no daemon.")
    boolean enabled() default true;

    /**
     * The Unix socket to serve on. A Unix socket path is limited to 107 bytes.
     *
     * @return a path, or empty for {@code ${karaf.data}/xenstore/socket} (without Karaf:
     *     {@code ${java.io.tmpdir}/jxs-embedded/socket})
     */
    @AttributeDefinition(name = "Socket path", required = false,
            description = "Empty: ${karaf.data}/xenstore/socket, else ${java.io.tmpdir}/jxs-embedded/socket.")
    String socketPath() default "";

    /**
     * The user that owns the socket. The socket's mode is {@code 0600}, as C xenstored makes it, because every
     * connection is privileged: only this user (and root) may connect. Changing the owner needs the right to
     * ({@code CAP_CHOWN}, usually root).
     *
     * @return a user name, or empty for the user running the container
     */
    @AttributeDefinition(name = "Socket owner", required = false,
            description = "The user who may connect (the socket is 0600). Empty: the user running the container.")
    String socketOwner() default "";

    /**
     * The quotas of guest domains, as C xenstored's command-line options: {@code -E} nodes, {@code -W} watches,
     * {@code -t} transactions, {@code -S} node size, {@code -A} permission entries, {@code -M} path length,
     * {@code -Q outstanding=|transaction-nodes=|memory=N}, {@code -q memory=N}; dom0 is exempt.
     *
     * @return the options separated by blanks, for example {@code -E 1000 -W 128 -t 10}, or empty for C's defaults
     */
    @AttributeDefinition(name = "Quotas", required = false,
            description = "C xenstored's quota options for guest domains, e.g. \"-E 1000 -W 128 -t 10\". Empty: C's"
                    + " defaults.")
    String quotas() default "";
}
