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

import io.jxs.embedded.EmbeddedXenStore;
import io.jxs.embedded.Quotas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Runs an {@link EmbeddedXenStore} while the component is active: started on activation, closed (and its socket
 * removed) on deactivation. A configuration change restarts it, with an empty store.
 */
@Component(service = {}, configurationPid = EmbeddedXenStoreConfig.PID, immediate = true)
@Designate(ocd = EmbeddedXenStoreConfig.class)
public final class EmbeddedXenStoreComponent {
    private static final System.Logger LOG = System.getLogger(EmbeddedXenStoreComponent.class.getName());

    private final EmbeddedXenStore store;

    /**
     * Starts the daemon, unless the configuration disables it.
     *
     * @param context the bundle's context, for {@code karaf.data}
     * @param config the configuration
     * @throws UncheckedIOException when the socket cannot be created, or not given to the configured owner
     * @throws IllegalArgumentException when the configured owner is not a known user, or the quotas are not C's options
     */
    @Activate
    public EmbeddedXenStoreComponent(BundleContext context, EmbeddedXenStoreConfig config) {
        if (!config.enabled()) {
            LOG.log(Level.INFO, "jxs embedded XenStore: disabled by configuration " + EmbeddedXenStoreConfig.PID);
            store = null;
            return;
        }
        Quotas quotas = quotas(config.quotas());
        Path socket = socketPath(config.socketPath(), context.getProperty("karaf.data"),
                System.getProperty("java.io.tmpdir"));
        try {
            Files.createDirectories(socket.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("jxs embedded XenStore: cannot create " + socket.getParent(), e);
        }
        store = new EmbeddedXenStore(socket, quotas).start();
        try {
            giveTo(store.socketPath(), config.socketOwner());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        LOG.log(Level.INFO, "jxs embedded XenStore: serving on " + store.socketPath());
    }

    /** Stops the daemon and removes its socket. */
    @Deactivate
    void deactivate() {
        if (store != null) {
            store.close();
            LOG.log(Level.INFO, "jxs embedded XenStore: stopped, " + store.socketPath() + " removed");
        }
    }

    /**
     * Makes {@code owner} the owner of the socket.
     *
     * @param socket the socket file
     * @param owner  a user name; blank leaves the socket to the user running the container
     * @throws IllegalArgumentException when no user has that name
     * @throws UncheckedIOException     when the owner cannot be changed (not permitted)
     */
    static void giveTo(Path socket, String owner) {
        if (owner == null || owner.isBlank()) {
            return;
        }
        String name = owner.trim();
        try {
            UserPrincipal user = socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name);
            Files.setOwner(socket, user);
        } catch (UserPrincipalNotFoundException e) {
            throw new IllegalArgumentException("jxs embedded XenStore: socketOwner '" + name + "' of "
                    + EmbeddedXenStoreConfig.PID + " is not a known user", e);
        } catch (IOException e) {
            throw new UncheckedIOException("jxs embedded XenStore: cannot give " + socket + " to " + name, e);
        }
    }

    /**
     * Parses the configured quotas.
     *
     * @param options C xenstored's quota options separated by blanks, or null or blank for C's defaults
     * @return the quotas
     * @throws IllegalArgumentException naming the configuration and the problem when the options are not C's
     */
    static Quotas quotas(String options) {
        if (options == null || options.isBlank()) {
            return Quotas.defaults();
        }
        try {
            return Quotas.fromOptions(List.of(options.trim().split("\\s+")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("jxs embedded XenStore: quotas '" + options.trim() + "' of "
                    + EmbeddedXenStoreConfig.PID + ": " + e.getMessage(), e);
        }
    }

    /**
     * Resolves the configured socket path.
     *
     * @param configured the configured path, possibly blank
     * @param karafData Karaf's data folder, or null outside Karaf
     * @param tmpDir the temporary folder
     * @return the absolute socket path
     */
    static Path socketPath(String configured, String karafData, String tmpDir) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim()).toAbsolutePath();
        }
        if (karafData != null && !karafData.isBlank()) {
            return Path.of(karafData, "xenstore", "socket").toAbsolutePath();
        }
        return Path.of(tmpDir, "jxs-embedded", "socket").toAbsolutePath();
    }
}
