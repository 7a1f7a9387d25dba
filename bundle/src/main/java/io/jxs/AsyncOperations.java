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

import static io.jxs.PathRules.checkDomid;
import static io.jxs.PathRules.checkPath;
import static io.jxs.PathRules.checkWatchPath;

import io.jxs.connection.Op;
import io.jxs.connection.Packet;
import io.jxs.protocol.Payloads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The tree and domain operations, each written once, over a router and a transaction id (0 outside a
 * transaction). The synchronous views ({@link Client}, the client's transactions) wait on these
 * futures.
 */
final class AsyncOperations implements AsyncXenStore {
    /** How often a large listing starts again because the directory changed meanwhile. */
    private static final int MAX_LISTING_RESTARTS = 64;

    private final Router router;
    private final int txId;
    private final int generation;
    private final Duration requestTimeout;
    private final Runnable beforeRequest;
    private final boolean awaited;

    /**
     * Creates the operations.
     *
     * @param router the router
     * @param txId the transaction, 0 outside one
     * @param generation the connection a transaction belongs to (its requests fail on any other), or
     *     {@link Request#ANY_CONNECTION}
     * @param requestTimeout how long each request waits for its reply
     * @param beforeRequest run before each request: a client connects, an ended transaction refuses
     * @param awaited true for the operations of a synchronous view, whose caller waits for each future
     *     on its own thread
     */
    AsyncOperations(Router router, int txId, int generation, Duration requestTimeout, Runnable beforeRequest,
            boolean awaited) {
        this.router = router;
        this.txId = txId;
        this.generation = generation;
        this.requestTimeout = requestTimeout;
        this.beforeRequest = beforeRequest;
        this.awaited = awaited;
    }

    /**
     * Sends a request in this transaction.
     *
     * @param subject what the request is about (a path, a domain), for error messages: a refusal
     *     fails the future with {@code WORD: subject}
     * @param decoder turns the reply into the result
     * @return the request, a future of the decoded result
     */
    <T> Request<T> request(Op op, byte[] payload, String subject, Function<Packet, T> decoder) {
        router.checkPayload(op, payload); // before connecting: bad input never touches the connection
        beforeRequest.run();
        return requestUnchecked(op, txId, payload, subject, decoder);
    }

    /**
     * Sends a request with an explicit transaction id, without the checks before requests: its payload
     * is one the caller built and knows to fit.
     */
    <T> Request<T> requestUnchecked(Op op, int transaction, byte[] payload, String subject, Function<Packet, T> decoder) {
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        return router.send(new Request<>(op, transaction, generation, payload, subject, decoder, deadline,
                requestTimeout.toMillis(), awaited));
    }

    /** Runs {@code operation}, turning what it throws (bad input, a closed client) into a failed future. */
    private static <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Void none(Packet reply) {
        return null;
    }

    @Override
    public CompletableFuture<byte[]> read(String path) {
        return submit(() -> request(Op.READ, Payloads.strings(checkPath(path)), path, Packet::payload));
    }

    @Override
    public CompletableFuture<byte[]> read(String path, byte[] defaultValue) {
        return orIfMissing(read(path), defaultValue);
    }

    @Override
    public CompletableFuture<String> readString(String path) {
        return submit(() -> request(Op.READ, Payloads.strings(checkPath(path)), path,
                reply -> new String(reply.payload(), StandardCharsets.UTF_8)));
    }

    @Override
    public CompletableFuture<Void> write(String path, byte[] value) {
        return submit(() -> {
            Objects.requireNonNull(value, "value");
            return request(Op.WRITE, Payloads.pathAndValue(checkPath(path), value), path, AsyncOperations::none);
        });
    }

    @Override
    public CompletableFuture<Void> write(String path, String value) {
        return submit(() -> write(path, Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public CompletableFuture<Void> mkdir(String path) {
        return submit(() -> request(Op.MKDIR, Payloads.strings(checkPath(path)), path, AsyncOperations::none));
    }

    @Override
    public CompletableFuture<Void> delete(String path) {
        return submit(() -> request(Op.RM, Payloads.strings(checkPath(path)), path, AsyncOperations::none));
    }

    @Override
    public CompletableFuture<List<String>> list(String path) {
        return submit(() -> request(Op.DIRECTORY, Payloads.strings(checkPath(path)), path, reply -> Payloads.split(reply.payload())))
                .handle((names, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(names);
                    }
                    Throwable cause = unwrap(failure);
                    if (cause instanceof XenStoreException e && "E2BIG".equals(e.errorName())
                            && !(e instanceof InvalidPayloadException)) {
                        return new DirectoryListing(path, e).next();
                    }
                    return CompletableFuture.<List<String>>failedFuture(cause);
                })
                .thenCompose(Function.identity());
    }

    /**
     * A directory too large for one reply, listed with {@code DIRECTORY_PART} as libxenstore does:
     * chunk after chunk, starting again when the directory's generation changes between two chunks.
     */
    private final class DirectoryListing {
        private final String path;
        private final XenStoreException tooBig;
        private final List<String> names = new ArrayList<>();
        private String generation;
        private int offset;
        private int restarts;

        DirectoryListing(String path, XenStoreException tooBig) {
            this.path = path;
            this.tooBig = tooBig;
        }

        CompletableFuture<List<String>> next() {
            return request(Op.DIRECTORY_PART, Payloads.strings(path, Integer.toString(offset)), path,
                    reply -> Payloads.split(reply.payload()))
                    .handle((chunk, failure) -> {
                        if (failure != null) {
                            Throwable cause = unwrap(failure);
                            if (cause instanceof XenStoreException e && "ENOSYS".equals(e.errorName())) {
                                throw tooBig;
                            }
                            throw new CompletionException(cause);
                        }
                        return chunk;
                    })
                    .thenCompose(this::take);
        }

        private CompletableFuture<List<String>> take(List<String> chunk) {
            if (chunk.isEmpty()) {
                throw new UnexpectedPacketException("empty DIRECTORY_PART reply for " + path);
            }
            if (generation != null && !generation.equals(chunk.get(0))) {
                // The directory changed between two chunks: start again, a bounded number of times.
                if (++restarts > MAX_LISTING_RESTARTS) {
                    throw new XenStoreException("EAGAIN", "EAGAIN: " + path + " kept changing while it was listed");
                }
                names.clear();
                offset = 0;
                generation = null;
                return next();
            }
            generation = chunk.get(0);
            if (chunk.size() == 1) {
                throw new UnexpectedPacketException("DIRECTORY_PART reply for " + path + " at offset " + offset
                        + " has neither names nor the end mark");
            }
            for (String name : chunk.subList(1, chunk.size())) {
                if (name.isEmpty()) {
                    return CompletableFuture.completedFuture(List.copyOf(names));
                }
                names.add(name);
                offset += name.getBytes(StandardCharsets.UTF_8).length + 1;
            }
            return next();
        }
    }

    @Override
    public CompletableFuture<Boolean> exists(String path) {
        return read(path).handle((value, failure) -> {
            if (failure == null) {
                return true;
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof XenStoreException e && isNoEntry(e)) {
                return false;
            }
            throw new CompletionException(cause);
        });
    }

    @Override
    public CompletableFuture<List<Permission>> getPerms(String path) {
        return submit(() -> request(Op.GET_PERMS, Payloads.strings(checkWatchPath(path)), path, reply -> {
            List<String> words = Payloads.split(reply.payload());
            List<Permission> perms = new ArrayList<>(words.size());
            for (String word : words) {
                try {
                    perms.add(Permission.parse(word));
                } catch (InvalidPermissionException e) {
                    throw new UnexpectedPacketException("daemon sent " + e.getMessage() + " for " + path);
                }
            }
            return List.copyOf(perms);
        }));
    }

    @Override
    public CompletableFuture<Void> setPerms(String path, List<Permission> perms) {
        return submit(() -> {
            checkWatchPath(path);
            if (perms == null || perms.isEmpty()) {
                throw new InvalidPermissionException("empty permission list for " + path);
            }
            String[] words = new String[perms.size() + 1];
            words[0] = path;
            for (int i = 0; i < perms.size(); i++) {
                Permission perm = perms.get(i);
                if (perm == null) {
                    throw new InvalidPermissionException("null permission at index " + i + " for " + path);
                }
                words[i + 1] = perm.toString();
            }
            return request(Op.SET_PERMS, Payloads.strings(words), path, AsyncOperations::none);
        });
    }

    @Override
    public CompletableFuture<Stream<Node>> walk(String top) {
        return walk(top, true);
    }

    @Override
    public CompletableFuture<Stream<Node>> walk(String top, boolean topDown) {
        return submit(() -> subtree(checkPath(top), topDown)).thenApply(List::stream);
    }

    /** The nodes under {@code path}; every node's listing and value are requested together. */
    private CompletableFuture<List<Node>> subtree(String path, boolean topDown) {
        CompletableFuture<List<String>> children = orIfDenied(list(path), List.of());
        CompletableFuture<byte[]> value = orIfDenied(read(path), new byte[0]);
        return children.thenCombine(value, (names, bytes) -> new Node(path, bytes, names))
                .thenCompose(node -> {
                    List<CompletableFuture<List<Node>>> below = new ArrayList<>(node.children().size());
                    for (String child : node.children()) {
                        below.add(subtree(path.endsWith("/") ? path + child : path + "/" + child, topDown));
                    }
                    return CompletableFuture.allOf(below.toArray(CompletableFuture[]::new)).thenApply(done -> {
                        List<Node> nodes = new ArrayList<>();
                        if (topDown) {
                            nodes.add(node);
                        }
                        below.forEach(part -> nodes.addAll(part.join()));
                        if (!topDown) {
                            nodes.add(node);
                        }
                        return nodes;
                    });
                })
                .handle((nodes, failure) -> {
                    if (failure == null) {
                        return nodes;
                    }
                    Throwable cause = unwrap(failure);
                    if (cause instanceof XenStoreException e && isNoEntry(e)) {
                        return List.<Node>of(); // removed while walking
                    }
                    throw new CompletionException(cause);
                });
    }

    @Override
    public CompletableFuture<String> getDomainPath(int domid) {
        return submit(() -> request(Op.GET_DOMAIN_PATH, domain(domid), "domain " + domid,
                reply -> Payloads.single(reply.payload())));
    }

    @Override
    public CompletableFuture<Boolean> isDomainIntroduced(int domid) {
        return submit(() -> request(Op.IS_DOMAIN_INTRODUCED, domain(domid), "domain " + domid, reply -> {
            String answer = Payloads.single(reply.payload());
            return switch (answer) {
                case "T" -> true;
                case "F" -> false;
                default -> throw new UnexpectedPacketException("IS_DOMAIN_INTRODUCED answered '" + answer + "'");
            };
        }));
    }

    @Override
    public CompletableFuture<Void> introduceDomain(int domid, long mfn, int eventChannel) {
        return submit(() -> {
            checkDomid(domid);
            if (domid == 0) {
                throw new IllegalArgumentException("domain 0 cannot be introduced");
            }
            if (eventChannel <= 0) {
                throw new IllegalArgumentException("event channel must be positive: " + eventChannel);
            }
            return request(Op.INTRODUCE, Payloads.strings(Integer.toString(domid), Long.toUnsignedString(mfn),
                    Integer.toString(eventChannel)), "domain " + domid, AsyncOperations::none);
        });
    }

    @Override
    public CompletableFuture<Void> releaseDomain(int domid) {
        return submit(() -> request(Op.RELEASE, domain(domid), "domain " + domid, AsyncOperations::none));
    }

    @Override
    public CompletableFuture<Void> resumeDomain(int domid) {
        return submit(() -> request(Op.RESUME, domain(domid), "domain " + domid, AsyncOperations::none));
    }

    @Override
    public CompletableFuture<Void> setTarget(int domid, int target) {
        return submit(() -> {
            checkDomid(domid);
            checkDomid(target);
            return request(Op.SET_TARGET, Payloads.strings(Integer.toString(domid), Integer.toString(target)),
                    "domain " + domid + " target " + target, AsyncOperations::none);
        });
    }

    @Override
    public CompletableFuture<String> control(String... args) {
        return submit(() -> request(Op.CONTROL, Payloads.strings(checkControl(args)), String.join(" ", args),
                reply -> Payloads.single(reply.payload())));
    }

    /** Checks the words of a CONTROL request: a command, and no null or NUL, which would change the words. */
    private static String[] checkControl(String[] args) {
        if (args == null || args.length == 0) {
            throw new IllegalArgumentException("CONTROL needs a command");
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                throw new IllegalArgumentException("CONTROL argument " + i + " is null");
            }
            if (args[i].indexOf('\0') >= 0) {
                throw new IllegalArgumentException("CONTROL argument " + i + " contains a NUL byte: '"
                        + args[i].replace('\0', '|') + "'");
            }
        }
        return args;
    }

    @Override
    public CompletableFuture<QuotaSettings> quota() {
        return control("quota").thenApply(QuotaSettings::parse);
    }

    @Override
    public CompletableFuture<DomainQuota> quota(int domid) {
        return submit(() -> control("quota", Integer.toString(checkDomid(domid)))
                .thenApply(reply -> DomainQuota.parse(domid, reply)));
    }

    @Override
    public CompletableFuture<DomainAccess> access(int domid, String path) {
        return submit(() -> access(new AccessRules(checkDomid(domid), OptionalInt.empty()), domid, path));
    }

    @Override
    public CompletableFuture<DomainAccess> access(int domid, int target, String path) {
        return submit(() -> {
            checkDomid(target);
            return access(new AccessRules(checkDomid(domid), OptionalInt.of(target)), domid, path);
        });
    }

    /** Reads the permissions of the path (taken from the domain's home when relative) and its parents, then decides. */
    private CompletableFuture<DomainAccess> access(AccessRules rules, int domid, String path) {
        checkWatchPath(path);
        String absolute = path.startsWith("/") || path.startsWith("@") ? path : "/local/domain/" + domid + "/" + path;
        checkWatchPath(absolute);
        // Each stage adds to the map after the previous one completed: one writer at a time.
        Map<String, List<Permission>> lineage = new LinkedHashMap<>();
        return lineage(absolute, lineage, false).thenApply(read -> rules.decide(absolute, read));
    }

    /** Reads a node's permissions; says why when C refuses to tell those of a special path (it answers EINVAL). */
    private CompletableFuture<List<Permission>> specialPerms(String path) {
        if (!path.startsWith("@")) {
            return getPerms(path);
        }
        return getPerms(path).handle((perms, failure) -> {
            if (failure == null) {
                return perms;
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof XenStoreException e && "EINVAL".equals(e.errorName())) {
                throw new XenStoreException("EINVAL", "EINVAL: the daemon does not tell the permissions of " + path
                        + " (C xenstored answers GET_PERMS on it with EINVAL), so access cannot be decided there", e);
            }
            throw new CompletionException(cause);
        });
    }

    /**
     * Reads the permissions of {@code path} into {@code lineage} (null when it is missing), then its
     * parent's, and on upwards while they are missing. The first node's parent is read even when the node
     * exists (watch events depend on it); {@code parentOfExisting} stops after that one.
     */
    private CompletableFuture<Map<String, List<Permission>>> lineage(String path, Map<String, List<Permission>> lineage,
            boolean parentOfExisting) {
        return orIfMissing(specialPerms(path), null).thenCompose(perms -> {
            lineage.put(path, perms);
            if (parentOfExisting || path.equals("/") || path.startsWith("@")
                    || (perms != null && lineage.size() > 1)) {
                return CompletableFuture.completedFuture(lineage);
            }
            return lineage(AccessRules.parent(path), lineage, perms != null);
        });
    }

    private static byte[] domain(int domid) {
        return Payloads.strings(Integer.toString(checkDomid(domid)));
    }

    private static <T> CompletableFuture<T> orIfMissing(CompletableFuture<T> future, T fallback) {
        return future.handle((value, failure) -> {
            if (failure == null) {
                return value;
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof XenStoreException e && isNoEntry(e)) {
                return fallback;
            }
            throw new CompletionException(cause);
        });
    }

    private static <T> CompletableFuture<T> orIfDenied(CompletableFuture<T> future, T fallback) {
        return future.handle((value, failure) -> {
            if (failure == null) {
                return value;
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof XenStoreException e && "EACCES".equals(e.errorName())) {
                return fallback;
            }
            throw new CompletionException(cause);
        });
    }

    /** The failure itself, without the {@link CompletionException} that chained stages wrap it in. */
    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    static boolean isNoEntry(XenStoreException e) {
        return "ENOENT".equals(e.errorName());
    }
}
