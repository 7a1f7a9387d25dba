package io.jxs.connection;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * A connection to the daemon's Unix socket, through junixsocket. Socket connections are
 * privileged (they act as dom0).
 */
public final class UnixSocketConnection extends StreamConnection {
    /** The socket path when neither {@code XENSTORED_PATH} nor {@code XENSTORED_RUNDIR} is set. */
    public static final String DEFAULT_SOCKET = "/var/run/xenstored/socket";

    private final Path path;

    /**
     * Creates a connection to a socket path (not yet connected).
     *
     * @param path the socket
     */
    public UnixSocketConnection(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * Returns the default socket path, as libxenstore finds it: {@code XENSTORED_PATH}, else
     * {@code $XENSTORED_RUNDIR/socket}, else {@code /var/run/xenstored/socket}.
     *
     * @param environment the environment to read, usually {@link System#getenv()}
     * @return the socket path
     */
    public static Path defaultPath(Map<String, String> environment) {
        String explicit = environment.get("XENSTORED_PATH");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        String rundir = environment.get("XENSTORED_RUNDIR");
        if (rundir != null && !rundir.isEmpty()) {
            return Path.of(rundir, "socket");
        }
        return Path.of(DEFAULT_SOCKET);
    }

    /**
     * Returns the socket path.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }

    @Override
    protected Streams open(Duration timeout) throws IOException {
        AFUNIXSocket s = AFUNIXSocket.newInstance();
        try {
            s.connect(AFUNIXSocketAddress.of(new File(path.toString())),
                    (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            return new Streams(s.getInputStream(), s.getOutputStream(), s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public String describe() {
        return "socket:" + path;
    }
}
