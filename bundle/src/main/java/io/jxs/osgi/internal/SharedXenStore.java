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
    private volatile XenStore target;

    /**
     * Points this store at a client, or at nothing.
     *
     * @param client the client of the current connection, or null while disconnected
     */
    void switchTo(XenStore client) {
        this.target = client;
    }

    private XenStore target() {
        XenStore current = target;
        if (current == null) {
            throw new ConnectionException("not connected to the XenStore daemon");
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

    @Override
    public AsyncXenStore async() {
        return target().async();
    }

    @Override
    public String toString() {
        return "SharedXenStore[" + target + "]";
    }
}
