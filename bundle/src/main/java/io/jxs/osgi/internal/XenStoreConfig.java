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
package io.jxs.osgi.internal;

import io.jxs.Client;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The configuration {@code io.jxs} of the container's XenStore connection, as {@code config:edit
 * io.jxs} and the web console show it.
 *
 * <p>Every default is a constant: the client's own where it has one ({@link Client#DEFAULT_TRANSACTION_ATTEMPTS}),
 * else one declared here. The commented file {@code io.jxs.cfg} (in {@code src/main/cfg}) that the jxs feature
 * installs as {@code etc/io.jxs.cfg}, and from which the distribution's is built, lists them; {@code
 * ShippedConfigurationTest} holds it to the generated metatype and {@link #DEFAULT_REQUEST_TIMEOUT_MILLIS} to
 * {@link Client#DEFAULT_REQUEST_TIMEOUT}.
 */
@ObjectClassDefinition(id = XenStoreConfig.PID, name = "jxs XenStore client",
        description = "The container's connection to the XenStore daemon, shared by every bundle.")
public @interface XenStoreConfig {
    /** The configuration PID. */
    String PID = "io.jxs";

    /** The default of {@link #requestTimeout()}: {@link Client#DEFAULT_REQUEST_TIMEOUT} in milliseconds. */
    long DEFAULT_REQUEST_TIMEOUT_MILLIS = 30_000;

    /** The default of {@link #reconnectMaxDelay()}, in milliseconds. */
    long DEFAULT_RECONNECT_MAX_DELAY_MILLIS = 10_000;

    /**
     * How to reach the daemon.
     *
     * @return {@code auto}, {@code socket} or {@code xenbus}
     */
    @AttributeDefinition(name = "Transport",
            description = "auto: the Unix socket if it exists, else the XenBus device.",
            options = {
                @Option(label = "Socket if present, else XenBus", value = Endpoint.AUTO),
                @Option(label = "Unix socket", value = Endpoint.SOCKET),
                @Option(label = "XenBus device", value = Endpoint.XENBUS)})
    String transport() default Endpoint.AUTO;

    /**
     * The daemon's Unix socket.
     *
     * @return a path, or empty for the default ({@code XENSTORED_PATH}, else
     *     {@code $XENSTORED_RUNDIR/socket}, else {@code /var/run/xenstored/socket})
     */
    @AttributeDefinition(name = "Socket path", required = false,
            description = "Empty: $XENSTORED_PATH, else $XENSTORED_RUNDIR/socket, else /var/run/xenstored/socket.")
    String socketPath() default "";

    /**
     * The socket to use when nothing answers at {@link #socketPath()} as the configuration is applied.
     *
     * @return a path, or empty for none
     */
    @AttributeDefinition(name = "Fallback socket path", required = false,
            description = "Used when nothing answers at the socket path as the configuration is applied, "
                    + "for example an embedded XenStore. Empty: none.")
    String fallbackSocketPath() default "";

    /**
     * The XenBus character device.
     *
     * @return a path, or empty for {@code /dev/xen/xenbus}, falling back to {@code /proc/xen/xenbus}
     */
    @AttributeDefinition(name = "XenBus path", required = false,
            description = "Empty: /dev/xen/xenbus, else /proc/xen/xenbus.")
    String xenBusPath() default "";

    /**
     * How long a request waits for its reply.
     *
     * @return milliseconds
     */
    @AttributeDefinition(name = "Request timeout (ms)", type = AttributeType.LONG, min = "1")
    long requestTimeout() default DEFAULT_REQUEST_TIMEOUT_MILLIS;

    /**
     * How many times a transaction body is run when its commit conflicts.
     *
     * @return at least 1
     */
    @AttributeDefinition(name = "Transaction attempts", type = AttributeType.INTEGER, min = "1")
    int transactionAttempts() default Client.DEFAULT_TRANSACTION_ATTEMPTS;

    /**
     * The longest pause between two connection attempts while the daemon is unreachable.
     *
     * @return milliseconds
     */
    @AttributeDefinition(name = "Maximum reconnect delay (ms)", type = AttributeType.LONG, min = "100")
    long reconnectMaxDelay() default DEFAULT_RECONNECT_MAX_DELAY_MILLIS;

    /**
     * Paths whose watch events are posted to EventAdmin on {@code io/jxs/xenstore/WATCH}.
     *
     * @return paths; each entry may also hold several paths separated by commas
     */
    @AttributeDefinition(name = "Watched paths", required = false, cardinality = Integer.MAX_VALUE,
            description = "Posted to EventAdmin on io/jxs/xenstore/WATCH; also @introduceDomain, @releaseDomain.")
    String[] watches() default {};
}
