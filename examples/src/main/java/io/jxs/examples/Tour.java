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
package io.jxs.examples;

import io.jxs.Client;
import io.jxs.Monitor;
import io.jxs.Node;
import io.jxs.Permission;
import io.jxs.Transaction;
import io.jxs.WatchEvent;
import io.jxs.XenStoreException;
import io.jxs.connection.UnixSocketConnection;
import io.jxs.embedded.EmbeddedXenStore;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A short tour of the client: writes, reads, lists, a transaction, permissions and a watch, printed
 * as it goes. It uses the XenStore daemon at the socket given as its argument, else at
 * {@code XENSTORED_PATH}, {@code $XENSTORED_RUNDIR/socket} or {@code /var/run/xenstored/socket}; when no
 * daemon answers at that default socket, it tours an embedded, in-memory XenStore (jxs-embedded), so it
 * needs nothing but Java.
 */
public final class Tour {

    private Tour() {
    }

    /**
     * Runs the tour.
     *
     * @param args nothing, or the socket of the daemon to use
     * @throws IllegalArgumentException when more than one argument is given, or no daemon answers at the
     *     given socket
     * @throws IOException when the embedded store's temporary folder cannot be created or removed
     * @throws InterruptedException when interrupted while waiting for a watch event
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length > 1) {
            throw new IllegalArgumentException("usage: Tour [socket path], not " + List.of(args));
        }
        Path socket = args.length == 1 ? Path.of(args[0]) : UnixSocketConnection.defaultPath(System.getenv());
        String refusal = refusal(socket);
        if (refusal == null) {
            tour(socket);
        } else if (args.length == 1) {
            throw new IllegalArgumentException("no XenStore daemon answers at " + socket + ": " + refusal);
        } else {
            System.out.println("No XenStore daemon answers at " + socket + " (" + refusal + "):"
                    + " touring an embedded, in-memory XenStore instead.");
            tourEmbedded();
        }
    }

    private static void tourEmbedded() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("jxs-tour");
        try (EmbeddedXenStore store = new EmbeddedXenStore(dir.resolve("socket")).start()) {
            tour(store.socketPath());
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    private static void tour(Path socket) throws InterruptedException {
        try (Client client = Client.unixSocket(socket.toString())) {
            client.connect();
            System.out.println("Connected to " + socket);
            tour(client);
        }
    }

    /** Why nothing answers at {@code socket}, or null when something accepts a connection there. */
    private static String refusal(Path socket) {
        if (!Files.exists(socket)) {
            return "no such socket";
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            return null;
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
