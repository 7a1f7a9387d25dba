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
package io.jxs.testing.guest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random requests from dom0, guests 5 and 6 and stub domain 7 (target 5), interleaved, from a seed. Paths come from
 * a tiny alphabet in each home, in dom0's {@code /tool} and relative to the issuer's home, so that the domains'
 * requests collide on the same nodes; permissions name owners and grants among dom0, 5, 6, 7 and domain 3, which
 * does not exist. The generator follows the replies it is shown (open transactions), so a seed replays the same
 * sequence against stores that answer alike.
 *
 * <p>Left out: dom0's INTRODUCE, RELEASE and SET_TARGET (they would change who the connections are: the named
 * scenarios do them), payloads over 4096 bytes (C stops serving the ring, the embedded store closes the socket:
 * see the embedded store's README), and the raw oddities {@code DifferentialIT} already compares for dom0.
 */
final class GuestSequenceGenerator {

    private static final String[] NAMES = {"a", "b", "c"};
    private static final String[] TOKENS = {"t1", "t2"};
    private static final String[] ROOTS = {"/tool", "/local/domain/5", "/local/domain/6", "/local/domain/7"};
    private static final int[] DOMIDS = {0, 5, 6, 7, 3};
    private static final char[] ACCESS = {'n', 'r', 'w', 'b'};

    private final Random random;
    private final List<List<Integer>> openTransactions = new ArrayList<>();

    GuestSequenceGenerator(long seed) {
        random = new Random(seed);
        for (int i = 0; i <= GuestSession.DOMAINS.length; i++) {
            openTransactions.add(new ArrayList<>());
        }
    }

    /** Learns from the reply the stores gave to {@code step} (null when none came). */
    void observe(GuestStep step, RawConnection.Message reply) {
        List<Integer> open = openTransactions.get(step.connection());
        if (reply == null) {
            return;
        }
        if (step.type() == Ops.TRANSACTION_START && reply.type() == Ops.TRANSACTION_START) {
            open.add(Integer.parseUnsignedInt(reply.text().replace("\0", "")));
        } else if (step.type() == Ops.TRANSACTION_END) {
            open.remove(Integer.valueOf(step.txId()));
        } else if (step.type() == Ops.RESET_WATCHES) {
            open.clear();
        }
    }

    /** The next step, on a random connection (dom0 a little more often than each guest). */
    GuestStep next() {
        int pick = random.nextInt(5);
        return next(pick == 4 ? 0 : pick);
    }

    private GuestStep next(int connection) {
        int tx = transactionFor(connection);
        int pick = random.nextInt(100);
        if (pick < 20) {
            return new GuestStep(connection, Ops.WRITE, tx, concat((path() + "\0").getBytes(StandardCharsets.ISO_8859_1),
                    value()));
        } else if (pick < 30) {
            return GuestStep.of(connection, Ops.READ, tx, path() + "\0");
        } else if (pick < 36) {
            return GuestStep.of(connection, Ops.MKDIR, tx, path() + "\0");
        } else if (pick < 43) {
            return GuestStep.of(connection, Ops.RM, tx, path() + "\0");
        } else if (pick < 48) {
            return GuestStep.of(connection, Ops.DIRECTORY, tx, path() + "\0");
        } else if (pick < 52) {
            return GuestStep.of(connection, Ops.GET_PERMS, tx, path() + "\0");
        } else if (pick < 62) {
            return GuestStep.of(connection, Ops.SET_PERMS, tx, permsPath(connection) + "\0" + perms());
        } else if (pick < 69) {
            return GuestStep.of(connection, Ops.WATCH, 0, watchPath() + "\0" + token() + "\0");
        } else if (pick < 72) {
            return GuestStep.of(connection, Ops.UNWATCH, 0, watchPath() + "\0" + token() + "\0");
        } else if (pick < 78) {
            return GuestStep.of(connection, Ops.TRANSACTION_START, 0, "\0");
        } else if (pick < 84) {
            int end = openTransactions.get(connection).isEmpty() ? 0 : tx;
            return GuestStep.of(connection, Ops.TRANSACTION_END, end, random.nextInt(4) == 0 ? "F\0" : "T\0");
        } else if (pick < 87) {
            return GuestStep.of(connection, Ops.GET_DOMAIN_PATH, tx, domid() + "\0");
        } else if (pick < 88) {
            return GuestStep.of(connection, Ops.RESET_WATCHES, 0, "\0");
        } else if (pick < 91 && connection != 0) {
            return privileged(connection);
        } else if (pick < 93) {
            return GuestStep.of(connection, Ops.IS_DOMAIN_INTRODUCED, 0, domid() + "\0");
        }
        return random.nextBoolean() ? GuestStep.of(connection, Ops.READ, tx, path() + "\0")
                : new GuestStep(connection, Ops.WRITE, tx, concat((path() + "\0").getBytes(
                        StandardCharsets.ISO_8859_1), value()));
    }

    /** What a guest may not do: EACCES from C. */
    private GuestStep privileged(int connection) {
        return switch (random.nextInt(4)) {
            case 0 -> GuestStep.of(connection, Ops.INTRODUCE, 0, "9\0" + "1\0" + "9\0");
            case 1 -> GuestStep.of(connection, Ops.RELEASE, 0, domid() + "\0");
            case 2 -> GuestStep.of(connection, Ops.SET_TARGET, 0, "6\0" + "5\0");
            default -> GuestStep.of(connection, Ops.CONTROL, 0, "quota\0");
        };
    }

    private int transactionFor(int connection) {
        List<Integer> open = openTransactions.get(connection);
        if (!open.isEmpty() && random.nextInt(3) != 0) {
            return open.get(random.nextInt(open.size()));
        }
        return 0;
    }

    private String path() {
        StringBuilder path = new StringBuilder();
        int depth = 1 + random.nextInt(2);
        for (int i = 0; i < depth; i++) {
            path.append('/').append(NAMES[random.nextInt(NAMES.length)]);
        }
        if (random.nextInt(4) == 0) {
            return path.substring(1); // relative: under the issuer's home
        }
        return ROOTS[random.nextInt(ROOTS.length)] + path;
    }

    /**
     * Only dom0 sets the special nodes' permissions: a guest's refused SET_PERMS of them answers C 4.17's stale
     * {@code errno} (see {@link GuestScenarios}), which depends on C's internals, not on the requests.
     */
    private String permsPath(int connection) {
        int kind = random.nextInt(20);
        if (kind == 0 && connection == 0) {
            return random.nextBoolean() ? "@introduceDomain" : "@releaseDomain";
        }
        return kind == 1 ? ROOTS[1 + random.nextInt(3)] : path();
    }

    private String watchPath() {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return random.nextBoolean() ? "@introduceDomain" : "@releaseDomain";
        }
        return kind == 1 ? ROOTS[random.nextInt(ROOTS.length)] : path();
    }

    private String token() {
        return TOKENS[random.nextInt(TOKENS.length)];
    }

    private int domid() {
        return DOMIDS[random.nextInt(DOMIDS.length)];
    }

    private String perms() {
        StringBuilder perms = new StringBuilder();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            perms.append(ACCESS[random.nextInt(ACCESS.length)]).append(domid()).append('\0');
        }
        return perms.toString();
    }

    private byte[] value() {
        byte[] value = new byte[random.nextInt(6)];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) ('a' + random.nextInt(26));
        }
        return value;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
