package io.jxs.examples;

import io.jxs.Client;
import io.jxs.Monitor;
import io.jxs.Node;
import io.jxs.Permission;
import io.jxs.Transaction;
import io.jxs.WatchEvent;
import io.jxs.XenStoreException;
import io.jxs.connection.UnixSocketConnection;
import io.jxs.testing.XenStoreDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A short tour of the client: writes, reads, lists, a transaction, permissions and a watch, printed
 * as it goes. It uses the xenstored at {@code XENSTORED_PATH} (or the default socket); when there is
 * none, it starts Debian's C xenstored under the project's stand-in for the hypervisor.
 */
public final class Tour {

    private Tour() {
    }

    /**
     * Runs the tour.
     *
     * @param args an optional socket path
     * @throws Exception when the tour fails
     */
    public static void main(String[] args) throws Exception {
        Path socket = args.length > 0 ? Path.of(args[0]) : UnixSocketConnection.defaultPath(System.getenv());
        XenStoreDaemon local = null;
        if (!Files.exists(socket)) {
            System.out.println("No xenstored at " + socket + ": starting a local C xenstored for this tour.");
            local = XenStoreDaemon.start(XenStoreDaemon.Kind.XENSTORED);
            socket = local.socketPath();
        }
        try (Client client = Client.unixSocket(socket.toString())) {
            client.connect();
            System.out.println("Connected to " + socket);
            tour(client);
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    private static void tour(Client client) throws InterruptedException {
        String home = "/tour";
        client.write(home + "/greeting", "hello from jxs");
        System.out.println("read  " + home + "/greeting = " + client.readString(home + "/greeting"));

        client.write(home + "/binary", new byte[] {0, 1, 2, (byte) 0xff});
        System.out.println("read  " + home + "/binary has " + client.read(home + "/binary").length + " bytes");

        try (Transaction tx = client.transaction()) {
            tx.write(home + "/a", "1");
            tx.write(home + "/b", "2");
            System.out.println("transaction " + tx.id() + " committed: " + tx.commit());
        }
        System.out.println("list  " + home + " = " + client.list(home));

        client.setPerms(home + "/a", List.of(Permission.parse("n0"), Permission.parse("r5")));
        System.out.println("perms " + home + "/a = " + client.getPerms(home + "/a"));

        try (Monitor monitor = client.monitor()) {
            monitor.watch(home, "tour");
            print(monitor.poll(2, TimeUnit.SECONDS));
            client.write(home + "/b", "changed");
            print(monitor.poll(2, TimeUnit.SECONDS));
        }

        try {
            client.read(home + "/missing");
        } catch (XenStoreException e) {
            System.out.println("error " + e.getMessage() + " (errno " + e.errno() + ")");
        }

        System.out.println("walk  " + home + ":");
        client.walk(home).forEach(Tour::print);
        client.delete(home);
    }

    private static void print(WatchEvent event) {
        System.out.println("event " + event);
    }

    private static void print(Node node) {
        System.out.println("  " + node.path() + " = " + show(node.value()));
    }

    /** Shows printable ASCII as text and anything else as hex bytes. */
    private static String show(byte[] value) {
        StringBuilder text = new StringBuilder("\"");
        for (byte b : value) {
            if (b < 0x20 || b > 0x7e) {
                return HexFormat.ofDelimiter(" ").withPrefix("0x").formatHex(value);
            }
            text.append((char) b);
        }
        return text.append('"').toString();
    }
}
