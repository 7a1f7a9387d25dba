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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random protocol steps from a seed. Paths come from a tiny alphabet so that operations collide; transactions are
 * started, used, committed and aborted in interleaving on several connections; watches, permissions and domains 1..5
 * are exercised, with some invalid input. The generator follows the replies it is shown (open transactions), so a seed
 * always replays the same sequence against daemons that answer alike.
 *
 * <p>Left out on purpose, because C xenstored 4.17 answers them in ways that cannot be reproduced: zero-length
 * payloads (they can trip an assertion in C 4.17 and kill the daemon), malformed single-argument payloads (C answers
 * with a stale errno), SET_PERMS on {@code /} (releasing the owner would then remove the root), SET_PERMS on {@code @}
 * names other than the two special ones (C 4.17 answers with a stale errno or drops the connection).
 */
final class SequenceGenerator {

    static final int CONNECTIONS = 3;

    private static final String[] NAMES = {"a", "b", "c"};
    private static final String[] TOKENS = {"t1", "t2"};
    private static final char[] ACCESS = {'n', 'r', 'w', 'b'};

    private final Random random;
    private final List<List<Integer>> openTransactions = new ArrayList<>();

    SequenceGenerator(long seed) {
        random = new Random(seed);
        for (int i = 0; i < CONNECTIONS; i++) {
            openTransactions.add(new ArrayList<>());
        }
    }

    /** Learns from the reply the daemons gave to {@code step}. */
    void observe(Step step, RawClient.Message reply) {
        List<Integer> open = openTransactions.get(step.connection());
        if (reply == null) {
            open.clear();
            return;
        }
        if (step.type() == Wire.TRANSACTION_START && reply.type() == Wire.TRANSACTION_START) {
            open.add(Integer.parseUnsignedInt(new String(reply.payload(), 0, reply.payload().length - 1,
                    StandardCharsets.ISO_8859_1)));
        } else if (step.type() == Wire.TRANSACTION_END) {
            open.remove(Integer.valueOf(step.txId()));
        } else if (step.type() == Wire.RESET_WATCHES) {
            open.clear();
        }
    }

    Step next() {
        return next(random.nextInt(CONNECTIONS));
    }

    /**
     * A burst: 2 to {@code max} steps on one connection, sent back to back before any reply is read. Left out: RELEASE
     * (C queues its events sometimes before, sometimes after its reply) and WATCH, so that no events flow: while C
     * reads a pipeline it writes only half a message per loop (a header, or a body), so its output, and the window in
     * which it drops a duplicate unsent event, grows with the burst, which the embedded store does not imitate (see
     * the README).
     */
    List<Step> nextBurst(int max) {
        int connection = random.nextInt(CONNECTIONS);
        int length = 2 + random.nextInt(max - 1);
        List<Step> burst = new ArrayList<>();
        while (burst.size() < length) {
            Step step = next(connection);
            if (step.type() != Wire.RELEASE && step.type() != Wire.WATCH) {
                burst.add(step);
            }
        }
        return burst;
    }

    /** A step on the given connection. */
    Step next(int connection) {
        int tx = transactionFor(connection);
        int pick = random.nextInt(100);
        if (pick < 18) {
            return new Step(connection, Wire.WRITE, tx, concat(Wire.string(path()), value()));
        } else if (pick < 28) {
            return Step.of(connection, Wire.READ, tx, path() + "\0");
        } else if (pick < 34) {
            return Step.of(connection, Wire.MKDIR, tx, path() + "\0");
        } else if (pick < 42) {
            return Step.of(connection, Wire.RM, tx, path() + "\0");
        } else if (pick < 47) {
            return Step.of(connection, Wire.DIRECTORY, tx, path() + "\0");
        } else if (pick < 50) {
            return Step.of(connection, Wire.DIRECTORY_PART, tx, path() + "\0" + random.nextInt(8) + "\0");
        } else if (pick < 53) {
            return Step.of(connection, Wire.GET_PERMS, tx, path() + "\0");
        } else if (pick < 58) {
            return Step.of(connection, Wire.SET_PERMS, tx, permsPath() + "\0" + perms());
        } else if (pick < 64) {
            return Step.of(connection, Wire.WATCH, tx, watchPath() + "\0" + token() + "\0");
        } else if (pick < 67) {
            return Step.of(connection, Wire.UNWATCH, 0, watchPath() + "\0" + token() + "\0");
        } else if (pick < 73) {
            return Step.of(connection, Wire.TRANSACTION_START, random.nextInt(10) == 0 ? tx : 0, "\0");
        } else if (pick < 80) {
            List<Integer> open = openTransactions.get(connection);
            int id = open.isEmpty() || random.nextInt(10) == 0 ? random.nextInt(4) : open.get(random.nextInt(open.size()));
            return Step.of(connection, Wire.TRANSACTION_END, id, (random.nextInt(3) == 0 ? "F" : "T") + "\0");
        } else if (pick < 84) {
            return Step.of(connection, Wire.INTRODUCE, 0, domain() + "\0" + random.nextInt(100) + "\0"
                    + random.nextInt(3) + "\0");
        } else if (pick < 87) {
            return Step.of(connection, Wire.RELEASE, 0, domain() + "\0");
        } else if (pick < 88) {
            return Step.of(connection, Wire.RESUME, 0, domain() + "\0");
        } else if (pick < 89) {
            return Step.of(connection, Wire.SET_TARGET, 0, domain() + "\0" + domain() + "\0");
        } else if (pick < 91) {
            return Step.of(connection, Wire.IS_DOMAIN_INTRODUCED, 0, domain() + "\0");
        } else if (pick < 92) {
            return Step.of(connection, Wire.GET_DOMAIN_PATH, tx, domain() + "\0");
        } else if (pick < 93) {
            return Step.of(connection, Wire.RESET_WATCHES, 0, "\0");
        } else if (pick < 94) {
            return Step.of(connection, new int[] {15, 16, 20, 23, 99}[random.nextInt(5)], 0, "x\0");
        } else {
            // transaction-heavy tail: read or write inside an open transaction
            return random.nextBoolean() ? Step.of(connection, Wire.READ, tx, path() + "\0")
                    : new Step(connection, Wire.WRITE, tx, concat(Wire.string(path()), value()));
        }
    }

    private int transactionFor(int connection) {
        List<Integer> open = openTransactions.get(connection);
        if (!open.isEmpty() && random.nextInt(3) != 0) {
            return open.get(random.nextInt(open.size()));
        }
        return random.nextInt(40) == 0 ? 7 + random.nextInt(3) : 0;
    }

    private String path() {
        int kind = random.nextInt(40);
        if (kind == 0) {
            return "/";
        } else if (kind == 1) {
            return new String[] {"/a/", "//a", "/a b", "a/", "/a//b", "@a", "/a/b\u00e9"}[random.nextInt(7)];
        }
        StringBuilder path = new StringBuilder();
        int depth = 1 + random.nextInt(3);
        for (int i = 0; i < depth; i++) {
            path.append('/').append(NAMES[random.nextInt(NAMES.length)]);
        }
        int form = random.nextInt(8);
        if (form == 0) {
            return path.substring(1); // relative: under /local/domain/0
        } else if (form == 1) {
            return "/local/domain/0" + path;
        }
        return path.toString();
    }

    private String permsPath() {
        String path;
        do {
            path = path();
        } while (path.equals("/") || path.startsWith("@"));
        return random.nextInt(20) == 0 ? "@introduceDomain" : path;
    }

    private String watchPath() {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return random.nextBoolean() ? "@introduceDomain" : "@releaseDomain";
        }
        return kind == 1 ? "/" : path();
    }

    private String token() {
        return TOKENS[random.nextInt(TOKENS.length)];
    }

    private int domain() {
        return 1 + random.nextInt(5);
    }

    private String perms() {
        StringBuilder perms = new StringBuilder();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            if (random.nextInt(30) == 0) {
                perms.append(new String[] {"x1", "r", "r1x", "b0x10", "n-1"}[random.nextInt(5)]);
            } else {
                perms.append(ACCESS[random.nextInt(ACCESS.length)]).append(i == 0 && random.nextInt(3) != 0
                        ? 0 : random.nextInt(7));
            }
            perms.append('\0');
        }
        return perms.toString();
    }

    private byte[] value() {
        byte[] value = new byte[random.nextInt(6)];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (random.nextInt(8) == 0 ? 0 : 'a' + random.nextInt(26));
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
