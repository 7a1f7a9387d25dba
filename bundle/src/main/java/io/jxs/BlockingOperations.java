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
package io.jxs;

import io.jxs.connection.Op;
import io.jxs.connection.Packet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The blocking view of the tree and domain operations: each waits, on the caller's thread, for the
 * future of the same {@link AsyncOperations} method. A client uses transaction id 0, a transaction its
 * own.
 */
abstract class BlockingOperations implements XenStoreOperations {
    private final Router router;
    private final Duration requestTimeout;
    /** The operations this view waits for, on the caller's thread. */
    private final AsyncOperations async;
    /** The same operations for callers that do not wait on their own thread: {@link XenStore#async()}. */
    private final AsyncOperations asyncView;

    /**
     * Creates the view.
     *
     * @param generation the connection the transaction belongs to, or {@link Request#ANY_CONNECTION}
     */
    BlockingOperations(Router router, int txId, int generation, Duration requestTimeout) {
        this.router = router;
        this.requestTimeout = requestTimeout;
        this.async = new AsyncOperations(router, txId, generation, requestTimeout, this::beforeRequest, true);
        this.asyncView = new AsyncOperations(router, txId, generation, requestTimeout, this::beforeRequest, false);
    }

    final Router router() {
        return router;
    }

    final Duration requestTimeout() {
        return requestTimeout;
    }

    final AsyncOperations asyncOperations() {
        return asyncView;
    }

    /** The operations whose futures this view waits for on the caller's thread. */
    final AsyncOperations awaitedOperations() {
        return async;
    }

    /** Called before each request; a client connects here, an ended transaction refuses. */
    abstract void beforeRequest();

    /**
     * Sends a request in this store's transaction and waits for its reply.
     *
     * @param subject what the request is about (a path, a domain), for error messages
     * @throws XenStoreException with the daemon's error word, message {@code WORD: subject}
     */
    final Packet call(Op op, byte[] payload, String subject) {
        return await(async.request(op, payload, subject, Function.identity()));
    }

    /**
     * Sends a request in this store's transaction and waits for its reply, like {@link #call}, and returns
     * the answered request: its {@link Request#generation()} tells on which connection it went out.
     *
     * @throws XenStoreException with the daemon's error word, message {@code WORD: subject}
     */
    final Request<Packet> callAnswered(Op op, byte[] payload, String subject) {
        Request<Packet> request = async.request(op, payload, subject, Function.identity());
        await(request);
        return request;
    }

    /** Sends a request with an explicit transaction id, without {@link #beforeRequest()}, and waits. */
    final Packet send(Op op, int transaction, byte[] payload, String subject) {
        return await(async.requestUnchecked(op, transaction, payload, subject, Function.identity()));
    }

    /**
     * Waits for a future and returns its result, or throws what it failed with. A single request is
     * waited for until its deadline and then abandoned ({@link Router#await}); an operation of several
     * requests (a walk, a large listing) until its last request is answered or has timed out.
     */
    final <T> T await(CompletableFuture<T> future) {
        try {
            if (future instanceof Request<T> request) {
                router.await(request);
            } else {
                router.needReader(); // the requests of an operation of several are awaited too
            }
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = AsyncOperations.unwrap(e.getCause());
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new XenStoreException("EIO", "request failed: " + cause, cause);
        } catch (InterruptedException e) {
            if (future instanceof Request<?> request) {
                router.abandon(request);
            }
            Thread.currentThread().interrupt();
            throw new ConnectionException("interrupted while waiting for a reply");
        }
    }

    @Override
    public byte[] read(String path) {
        return await(async.read(path));
    }

    @Override
    public byte[] read(String path, byte[] defaultValue) {
        return await(async.read(path, defaultValue));
    }

    @Override
    public String readString(String path) {
        return await(async.readString(path));
    }

    @Override
    public void write(String path, byte[] value) {
        await(async.write(path, value));
    }

    @Override
    public void write(String path, String value) {
        await(async.write(path, value));
    }

    @Override
    public void mkdir(String path) {
        await(async.mkdir(path));
    }

    @Override
    public void delete(String path) {
        await(async.delete(path));
    }

    @Override
    public List<String> list(String path) {
        return await(async.list(path));
    }

    @Override
    public boolean exists(String path) {
        return await(async.exists(path));
    }

    @Override
    public List<Permission> getPerms(String path) {
        return await(async.getPerms(path));
    }

    @Override
    public void setPerms(String path, List<Permission> perms) {
        await(async.setPerms(path, perms));
    }

    @Override
    public Stream<Node> walk(String top) {
        return await(async.walk(top));
    }

    @Override
    public Stream<Node> walk(String top, boolean topDown) {
        return await(async.walk(top, topDown));
    }

    @Override
    public String getDomainPath(int domid) {
        return await(async.getDomainPath(domid));
    }

    @Override
    public boolean isDomainIntroduced(int domid) {
        return await(async.isDomainIntroduced(domid));
    }

    @Override
    public void introduceDomain(int domid, long mfn, int eventChannel) {
        await(async.introduceDomain(domid, mfn, eventChannel));
    }

    @Override
    public void releaseDomain(int domid) {
        await(async.releaseDomain(domid));
    }

    @Override
    public void resumeDomain(int domid) {
        await(async.resumeDomain(domid));
    }

    @Override
    public void setTarget(int domid, int target) {
        await(async.setTarget(domid, target));
    }
}
