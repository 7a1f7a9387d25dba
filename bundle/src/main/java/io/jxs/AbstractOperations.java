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
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The tree and domain operations, written once over a router and a transaction id: a {@link Client}
 * uses transaction id 0, a {@link Transaction} its own.
 */
abstract class AbstractOperations implements XenStoreOperations {
    /** How often a large listing starts again because the directory changed meanwhile. */
    private static final int MAX_LISTING_RESTARTS = 64;

    private final Router router;
    private final int txId;
    private final Duration requestTimeout;

    AbstractOperations(Router router, int txId, Duration requestTimeout) {
        this.router = router;
        this.txId = txId;
        this.requestTimeout = requestTimeout;
    }

    final Router router() {
        return router;
    }

    final Duration requestTimeout() {
        return requestTimeout;
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
        router.checkPayload(op, payload);
        beforeRequest();
        return send(op, txId, payload, subject);
    }

    /** Sends a request with an explicit transaction id, without {@link #beforeRequest()}. */
    final Packet send(Op op, int transaction, byte[] payload, String subject) {
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        CompletableFuture<Packet> future = router.send(new Packet(op, 0, transaction, payload), deadline);
        Packet reply = await(future, deadline, op, subject);
        if (reply.op() == Op.ERROR) {
            String word = Payloads.single(reply.payload());
            throw new XenStoreException(word, word + ": " + subject);
        }
        return reply;
    }

    private Packet await(CompletableFuture<Packet> future, long deadline, Op op, String subject) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof XenStoreException x) {
                throw x;
            }
            throw new XenStoreException("EIO", op + " " + subject + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new XenStoreTimeoutException("ETIMEDOUT: no reply to " + op + " " + subject + " within "
                    + requestTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new ConnectionException("interrupted while waiting for the reply to " + op + " " + subject);
        }
    }

    @Override
    public byte[] read(String path) {
        return call(Op.READ, Payloads.strings(checkPath(path)), path).payload();
    }

    @Override
    public byte[] read(String path, byte[] defaultValue) {
        try {
            return read(path);
        } catch (XenStoreException e) {
            if (isNoEntry(e)) {
                return defaultValue;
            }
            throw e;
        }
    }

    @Override
    public String readString(String path) {
        return new String(read(path), StandardCharsets.UTF_8);
    }

    @Override
    public void write(String path, byte[] value) {
        Objects.requireNonNull(value, "value");
        call(Op.WRITE, Payloads.pathAndValue(checkPath(path), value), path);
    }

    @Override
    public void write(String path, String value) {
        write(path, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void mkdir(String path) {
        call(Op.MKDIR, Payloads.strings(checkPath(path)), path);
    }

    @Override
    public void delete(String path) {
        call(Op.RM, Payloads.strings(checkPath(path)), path);
    }

    @Override
    public List<String> list(String path) {
        checkPath(path);
        try {
            return Payloads.split(call(Op.DIRECTORY, Payloads.strings(path), path).payload());
        } catch (XenStoreException e) {
            if ("E2BIG".equals(e.errorName()) && !(e instanceof InvalidPayloadException)) {
                return listInParts(path, e);
            }
            throw e;
        }
    }

    /** Lists a directory too large for one reply with {@code DIRECTORY_PART}, as libxenstore does. */
    private List<String> listInParts(String path, XenStoreException tooBig) {
        List<String> names = new ArrayList<>();
        String generation = null;
        int offset = 0;
        int restarts = 0;
        while (true) {
            List<String> chunk;
            try {
                chunk = Payloads.split(call(Op.DIRECTORY_PART,
                        Payloads.strings(path, Integer.toString(offset)), path).payload());
            } catch (XenStoreException e) {
                if ("ENOSYS".equals(e.errorName())) {
                    throw tooBig;
                }
                throw e;
            }
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
                continue;
            }
            generation = chunk.get(0);
            if (chunk.size() == 1) {
                throw new UnexpectedPacketException("DIRECTORY_PART reply for " + path + " at offset " + offset
                        + " has neither names nor the end mark");
            }
            for (String name : chunk.subList(1, chunk.size())) {
                if (name.isEmpty()) {
                    return names;
                }
                names.add(name);
                offset += name.getBytes(StandardCharsets.UTF_8).length + 1;
            }
        }
    }

    @Override
    public boolean exists(String path) {
        try {
            read(path);
            return true;
        } catch (XenStoreException e) {
            if (isNoEntry(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<Permission> getPerms(String path) {
        List<String> words = Payloads.split(call(Op.GET_PERMS, Payloads.strings(checkWatchPath(path)), path).payload());
        List<Permission> perms = new ArrayList<>(words.size());
        for (String word : words) {
            try {
                perms.add(Permission.parse(word));
            } catch (InvalidPermissionException e) {
                throw new UnexpectedPacketException("daemon sent " + e.getMessage() + " for " + path);
            }
        }
        return List.copyOf(perms);
    }

    @Override
    public void setPerms(String path, List<Permission> perms) {
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
        call(Op.SET_PERMS, Payloads.strings(words), path);
    }

    @Override
    public Stream<Node> walk(String top) {
        return walk(top, true);
    }

    @Override
    public Stream<Node> walk(String top, boolean topDown) {
        checkPath(top);
        List<Node> nodes = new ArrayList<>();
        collect(top, topDown, nodes);
        return nodes.stream();
    }

    private void collect(String path, boolean topDown, List<Node> out) {
        List<String> children;
        byte[] value;
        try {
            children = listOrEmpty(path);
            value = readOrEmpty(path);
        } catch (XenStoreException e) {
            if (isNoEntry(e)) {
                return; // removed while walking
            }
            throw e;
        }
        Node node = new Node(path, value, children);
        if (topDown) {
            out.add(node);
        }
        for (String child : children) {
            collect(path.endsWith("/") ? path + child : path + "/" + child, topDown, out);
        }
        if (!topDown) {
            out.add(node);
        }
    }

    private List<String> listOrEmpty(String path) {
        try {
            return list(path);
        } catch (XenStoreException e) {
            if (isDenied(e)) {
                return List.of();
            }
            throw e;
        }
    }

    private byte[] readOrEmpty(String path) {
        try {
            return read(path);
        } catch (XenStoreException e) {
            if (isDenied(e)) {
                return new byte[0];
            }
            throw e;
        }
    }

    @Override
    public String getDomainPath(int domid) {
        return Payloads.single(call(Op.GET_DOMAIN_PATH, domain(domid), "domain " + domid).payload());
    }

    @Override
    public boolean isDomainIntroduced(int domid) {
        String answer = Payloads.single(call(Op.IS_DOMAIN_INTRODUCED, domain(domid), "domain " + domid).payload());
        return switch (answer) {
            case "T" -> true;
            case "F" -> false;
            default -> throw new UnexpectedPacketException("IS_DOMAIN_INTRODUCED answered '" + answer + "'");
        };
    }

    @Override
    public void introduceDomain(int domid, long mfn, int eventChannel) {
        checkDomid(domid);
        if (domid == 0) {
            throw new IllegalArgumentException("domain 0 cannot be introduced");
        }
        if (eventChannel <= 0) {
            throw new IllegalArgumentException("event channel must be positive: " + eventChannel);
        }
        call(Op.INTRODUCE, Payloads.strings(Integer.toString(domid), Long.toUnsignedString(mfn),
                Integer.toString(eventChannel)), "domain " + domid);
    }

    @Override
    public void releaseDomain(int domid) {
        call(Op.RELEASE, domain(domid), "domain " + domid);
    }

    @Override
    public void resumeDomain(int domid) {
        call(Op.RESUME, domain(domid), "domain " + domid);
    }

    @Override
    public void setTarget(int domid, int target) {
        checkDomid(domid);
        checkDomid(target);
        call(Op.SET_TARGET, Payloads.strings(Integer.toString(domid), Integer.toString(target)),
                "domain " + domid + " target " + target);
    }

    private static byte[] domain(int domid) {
        return Payloads.strings(Integer.toString(checkDomid(domid)));
    }

    static boolean isNoEntry(XenStoreException e) {
        return "ENOENT".equals(e.errorName());
    }

    private static boolean isDenied(XenStoreException e) {
        return "EACCES".equals(e.errorName());
    }
}
