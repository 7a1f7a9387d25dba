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
package io.jxs.embedded;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The sockets of introduced domains: domain N is served on {@code <folder>/N/<name>} next to the main socket
 * {@code <folder>/<name>}, bound with the main socket's safety rules ({@link SocketFile}), from its INTRODUCE to its
 * RELEASE. Opened and closed on the store's thread; {@link #closeAll} when the store ends.
 */
final class DomainSockets {

    private static final System.Logger LOG = System.getLogger(EmbeddedXenStore.class.getName());

    private final Path mainSocket;
    private final Map<Integer, SocketFile> open = new HashMap<>();
    private ServerLoop loop;

    DomainSockets(Path mainSocket) {
        this.mainSocket = mainSocket;
    }

    /** Where domain {@code domid} is served while it is introduced. */
    static Path path(Path mainSocket, int domid) {
        return mainSocket.resolveSibling(Integer.toUnsignedString(domid)).resolve(mainSocket.getFileName());
    }

    /** Accepts connections through {@code serving} from now on. */
    void attach(ServerLoop serving) {
        this.loop = serving;
    }

    /**
     * Creates the domain's socket and accepts its connections.
     *
     * @throws ErrnoException EIO when it cannot be created (logged with the reason)
     */
    void open(int domid) {
        if (loop == null || open.containsKey(domid)) {
            return;
        }
        Path path = path(mainSocket, domid);
        SocketFile socket = null;
        try {
            Files.createDirectories(path.getParent());
            socket = SocketFile.bind(path);
            loop.listen(socket.channel(), domid);
            open.put(domid, socket);
        } catch (IOException | RuntimeException e) {
            if (socket != null) {
                socket.release();
            }
            LOG.log(Level.WARNING, "cannot serve domain " + Integer.toUnsignedString(domid) + " on " + path, e);
            throw new ErrnoException(ErrnoException.EIO);
        }
    }

    /** Stops accepting the domain's connections and removes its socket (and its folder when empty). */
    void close(int domid) {
        SocketFile socket = open.remove(domid);
        if (socket == null) {
            return;
        }
        loop.stopListening(socket.channel());
        socket.release();
        try {
            Files.deleteIfExists(path(mainSocket, domid).getParent());
        } catch (IOException e) {
            // not empty: someone else's files stay
        }
    }

    /** Closes every domain's socket. */
    void closeAll() {
        for (int domid : new ArrayList<>(open.keySet())) {
            close(domid);
        }
    }
}
