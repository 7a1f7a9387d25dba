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

import io.jxs.AsyncXenStore;
import io.jxs.ConnectionException;
import io.jxs.Monitor;
import io.jxs.Node;
import io.jxs.Permission;
import io.jxs.Transaction;
import io.jxs.WatchEvent;
import io.jxs.XenStore;
import io.jxs.XenStoreOperations;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The object published as the {@link XenStore} service: it forwards every call to the client of the
 * current connection. When the configuration changes, the connector moves it to a new client, so a
 * consumer that holds the service keeps a working object; between connections its calls fail with
 * {@link ConnectionException}. Transactions and monitors belong to the client they were made on and
 * end with its connection; the connector then registers the service anew, so that its consumers make
 * new ones.
 */
final class SharedXenStore implements XenStore {
    private static final String NOT_CONNECTED = "not connected to the XenStore daemon";
    private volatile XenStore target;

    /**
     * Points this store at a client, or at nothing.
     *
     * @param client the client of the current connection, or null while disconnected
     */
    void switchTo(XenStore client) {
        this.target = client;
    }

    private final AsyncXenStore async = new SharedAsyncXenStore();

    private XenStore target() {
        XenStore current = target;
        if (current == null) {
            throw new ConnectionException(NOT_CONNECTED);
        }
        return current;
    }

    @Override
    public byte[] read(String path) {
        return target().read(path);
    }

    @Override
    public byte[] read(String path, byte[] defaultValue) {
        return target().read(path, defaultValue);
    }

    @Override
    public String readString(String path) {
        return target().readString(path);
    }

    @Override
    public void write(String path, byte[] value) {
        target().write(path, value);
    }

    @Override
    public void write(String path, String value) {
        target().write(path, value);
    }

    @Override
    public void mkdir(String path) {
        target().mkdir(path);
    }

    @Override
    public void delete(String path) {
        target().delete(path);
    }

    @Override
    public List<String> list(String path) {
        return target().list(path);
    }

    @Override
    public boolean exists(String path) {
        return target().exists(path);
    }

    @Override
    public List<Permission> getPerms(String path) {
        return target().getPerms(path);
    }

    @Override
    public void setPerms(String path, List<Permission> perms) {
        target().setPerms(path, perms);
    }

    @Override
    public Stream<Node> walk(String top) {
        return target().walk(top);
    }

    @Override
    public Stream<Node> walk(String top, boolean topDown) {
        return target().walk(top, topDown);
    }

    @Override
    public String getDomainPath(int domid) {
        return target().getDomainPath(domid);
    }

    @Override
    public boolean isDomainIntroduced(int domid) {
        return target().isDomainIntroduced(domid);
    }

    @Override
    public void introduceDomain(int domid, long mfn, int eventChannel) {
        target().introduceDomain(domid, mfn, eventChannel);
    }

    @Override
    public void releaseDomain(int domid) {
        target().releaseDomain(domid);
    }

    @Override
    public void resumeDomain(int domid) {
        target().resumeDomain(domid);
    }

    @Override
    public void setTarget(int domid, int target) {
        target().setTarget(domid, target);
    }

    @Override
    public Transaction transaction() {
        return target().transaction();
    }

    @Override
    public <T> T inTransaction(Function<XenStoreOperations, T> body) {
        return target().inTransaction(body);
    }

    @Override
    public Monitor monitor() {
        return target().monitor();
    }

    @Override
    public Monitor monitor(Consumer<WatchEvent> callback) {
        return target().monitor(callback);
    }

    /**
     * Returns the asynchronous view of the shared store: like the store, it follows the service to each
     * new connection, and its futures fail with {@link ConnectionException} while disconnected.
     */
    @Override
    public AsyncXenStore async() {
        return async;
    }

    /** The asynchronous view of whichever client is current at each call. */
    private final class SharedAsyncXenStore implements AsyncXenStore {
        private <T> CompletableFuture<T> on(Function<AsyncXenStore, CompletableFuture<T>> call) {
            XenStore current = target;
            return current == null ? CompletableFuture.failedFuture(new ConnectionException(NOT_CONNECTED))
                    : call.apply(current.async());
        }

        @Override
        public CompletableFuture<byte[]> read(String path) {
            return on(store -> store.read(path));
        }

        @Override
        public CompletableFuture<byte[]> read(String path, byte[] defaultValue) {
            return on(store -> store.read(path, defaultValue));
        }

        @Override
        public CompletableFuture<String> readString(String path) {
            return on(store -> store.readString(path));
        }

        @Override
        public CompletableFuture<Void> write(String path, byte[] value) {
            return on(store -> store.write(path, value));
        }

        @Override
        public CompletableFuture<Void> write(String path, String value) {
            return on(store -> store.write(path, value));
        }

        @Override
        public CompletableFuture<Void> mkdir(String path) {
            return on(store -> store.mkdir(path));
        }

        @Override
        public CompletableFuture<Void> delete(String path) {
            return on(store -> store.delete(path));
        }

        @Override
        public CompletableFuture<List<String>> list(String path) {
            return on(store -> store.list(path));
        }

        @Override
        public CompletableFuture<Boolean> exists(String path) {
            return on(store -> store.exists(path));
        }

        @Override
        public CompletableFuture<List<Permission>> getPerms(String path) {
            return on(store -> store.getPerms(path));
        }

        @Override
        public CompletableFuture<Void> setPerms(String path, List<Permission> perms) {
            return on(store -> store.setPerms(path, perms));
        }

        @Override
        public CompletableFuture<Stream<Node>> walk(String top) {
            return on(store -> store.walk(top));
        }

        @Override
        public CompletableFuture<Stream<Node>> walk(String top, boolean topDown) {
            return on(store -> store.walk(top, topDown));
        }

        @Override
        public CompletableFuture<String> getDomainPath(int domid) {
            return on(store -> store.getDomainPath(domid));
        }

        @Override
        public CompletableFuture<Boolean> isDomainIntroduced(int domid) {
            return on(store -> store.isDomainIntroduced(domid));
        }

        @Override
        public CompletableFuture<Void> introduceDomain(int domid, long mfn, int eventChannel) {
            return on(store -> store.introduceDomain(domid, mfn, eventChannel));
        }

        @Override
        public CompletableFuture<Void> releaseDomain(int domid) {
            return on(store -> store.releaseDomain(domid));
        }

        @Override
        public CompletableFuture<Void> resumeDomain(int domid) {
            return on(store -> store.resumeDomain(domid));
        }

        @Override
        public CompletableFuture<Void> setTarget(int domid, int target) {
            return on(store -> store.setTarget(domid, target));
        }
    }

    @Override
    public String toString() {
        return "SharedXenStore[" + target + "]";
    }
}
