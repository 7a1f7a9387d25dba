package io.jxs.embedded.internal;

import io.jxs.embedded.EmbeddedXenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
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
     * @throws UncheckedIOException when the socket cannot be created
     */
    @Activate
    public EmbeddedXenStoreComponent(BundleContext context, EmbeddedXenStoreConfig config) {
        if (!config.enabled()) {
            LOG.log(Level.INFO, "jxs embedded XenStore: disabled by configuration " + EmbeddedXenStoreConfig.PID);
            store = null;
            return;
        }
        Path socket = socketPath(config.socketPath(), context.getProperty("karaf.data"),
                System.getProperty("java.io.tmpdir"));
        try {
            Files.createDirectories(socket.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("jxs embedded XenStore: cannot create " + socket.getParent(), e);
        }
        store = new EmbeddedXenStore(socket).start();
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
