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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * dom0 and the guest domains {@link #DOMAINS} of one {@link DiffStore}, one raw connection each, set up as a
 * toolstack does (home {@code /local/domain/N} as {@code [nN r0]}, INTRODUCE N 1 N), domain {@link #STUB} the stub
 * domain of {@link #TARGET} (SET_TARGET). {@link #execute} sends a step, then makes every live connection answer a
 * GET_DOMAIN_PATH so that every event the step caused has arrived (a store queues them before that reply).
 *
 * <p>A connection whose domain dom0 RELEASEd is silent on both stores: a step on it waits {@link #SILENCE} for a
 * reply, and it is not synchronised. Not thread-safe.
 */
final class GuestSession implements AutoCloseable {

    /** The guests: connection i + 1 is domain DOMAINS[i]. */
    static final int[] DOMAINS = {5, 6, 7};
    static final int STUB = 7;
    static final int TARGET = 5;
    /** How long a reply may take. */
    static final Duration REPLY = Duration.ofSeconds(5);
    /** How long a released guest's request is given before it counts as unanswered. */
    static final Duration SILENCE = Duration.ofMillis(300);

    private static final byte[] SYNC = "0\0".getBytes(StandardCharsets.ISO_8859_1);

    /** What a step got: the comparable outcome and the raw reply (null when none came). */
    record Result(GuestOutcome outcome, RawConnection.Message reply) {
    }

    private final DiffStore store;
    private final RawConnection[] connections = new RawConnection[DOMAINS.length + 1];
    private final boolean[] silent = new boolean[DOMAINS.length + 1];
    private final boolean[] closed = new boolean[DOMAINS.length + 1];

    /**
     * Sets the domains up on a fresh store.
     *
     * @throws IOException when the store refuses the set-up or cannot be reached
     */
    GuestSession(DiffStore store) throws IOException {
        this.store = store;
        connections[0] = new RawConnection(store.connectDom0());
        for (int i = 0; i < DOMAINS.length; i++) {
            int domid = DOMAINS[i];
            store.createDomain(domid);
            String home = "/local/domain/" + domid;
            setUp(Ops.WRITE, home + "\0");
            setUp(Ops.SET_PERMS, home + "\0n" + domid + "\0r0\0");
            setUp(Ops.INTRODUCE, domid + "\0" + 1 + "\0" + domid + "\0");
            connections[i + 1] = new RawConnection(store.connect(domid));
        }
        setUp(Ops.SET_TARGET, STUB + "\0" + TARGET + "\0");
    }

    private void setUp(int type, String payload) throws IOException {
        RawConnection dom0 = connections[0];
        List<RawConnection.Message> messages = dom0.until(
                dom0.send(type, 0, payload.getBytes(StandardCharsets.ISO_8859_1)), REPLY);
        RawConnection.Message reply = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (reply == null || reply.type() != type) {
            throw new IOException(store.name() + " refused the set-up " + Ops.name(type) + " "
                    + payload.replace('\0', ' ') + ": " + (reply == null ? "no reply" : reply.text()));
        }
    }

    /** The domain of a connection: 0 for dom0. */
    static int domainOf(int connection) {
        return connection == 0 ? 0 : DOMAINS[connection - 1];
    }

    /** The connection of a domain. */
    static int connectionOf(int domid) {
        for (int i = 0; i < DOMAINS.length; i++) {
            if (DOMAINS[i] == domid) {
                return i + 1;
            }
        }
        return -1;
    }

    static String connectionName(int connection) {
        return connection == 0 ? "dom0" : (domainOf(connection) == STUB ? "stub" : "dom") + domainOf(connection);
    }

    /** Whether the connection still answers (its domain was not released, the store did not close it). */
    boolean isLive(int connection) {
        return !silent[connection] && !closed[connection];
    }

    Result execute(GuestStep step) throws IOException {
        int c = step.connection();
        if (step.type() == GuestStep.NEW_RING) {
            renew(c);
            return new Result(GuestOutcome.of("new ring", List.of(), List.of(), others(c)), null);
        }
        if (closed[c]) {
            return new Result(GuestOutcome.of(GuestOutcome.CLOSED, List.of(), List.of(), others(c)), null);
        }
        RawConnection issuer = connection(c);
        List<RawConnection.Message> before = new ArrayList<>();
        List<RawConnection.Message> after = new ArrayList<>();
        RawConnection.Message reply = null;
        String replyText;
        try {
            List<RawConnection.Message> messages = issuer.until(issuer.send(step.type(), step.txId(),
                    step.payload()), silent[c] ? SILENCE : REPLY);
            if (!messages.isEmpty() && !messages.get(messages.size() - 1).isEvent()) {
                reply = messages.remove(messages.size() - 1);
            }
            before.addAll(messages);
            replyText = reply == null ? GuestOutcome.NO_REPLY : GuestOutcome.reply(reply);
            if (reply != null) {
                after.addAll(sync(issuer));
            }
        } catch (IOException closedByStore) {
            closed[c] = true;
            issuer.close();
            replyText = GuestOutcome.CLOSED;
        }
        if (c == 0 && step.type() == Ops.RELEASE && reply != null && reply.type() == Ops.RELEASE) {
            int released = connectionOf(parseDomid(step.payload()));
            if (released > 0) {
                silent[released] = true;
            }
        }
        return new Result(GuestOutcome.of(replyText, before, after, others(c)), reply);
    }

    private List<List<RawConnection.Message>> others(int issuer) throws IOException {
        List<List<RawConnection.Message>> others = new ArrayList<>();
        for (int i = 0; i < connections.length; i++) {
            if (i != issuer) {
                others.add(connections[i] != null && isLive(i) ? sync(connections[i]) : List.of());
            }
        }
        return others;
    }

    private void renew(int c) throws IOException {
        if (connections[c] != null) {
            connections[c].close();
        }
        int domid = domainOf(c);
        store.destroyDomain(domid);
        store.createDomain(domid);
        connections[c] = null;
        silent[c] = false;
        closed[c] = false;
    }

    private RawConnection connection(int c) throws IOException {
        if (connections[c] == null) {
            connections[c] = new RawConnection(store.connect(domainOf(c)));
        }
        return connections[c];
    }

    private static int parseDomid(byte[] payload) {
        String text = new String(payload, StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\0');
        try {
            return Integer.parseInt(end < 0 ? text : text.substring(0, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private List<RawConnection.Message> sync(RawConnection connection) throws IOException {
        List<RawConnection.Message> messages = connection.until(connection.send(Ops.GET_DOMAIN_PATH, 0, SYNC), REPLY);
        if (messages.isEmpty() || messages.get(messages.size() - 1).isEvent()) {
            throw new IOException(store.name() + " did not answer a GET_DOMAIN_PATH within " + REPLY + ": "
                    + messages.size() + " events " + Arrays.toString(messages.stream().map(
                            RawConnection.Message::text).toArray()));
        }
        messages.remove(messages.size() - 1);
        return messages;
    }

    @Override
    public void close() {
        for (RawConnection connection : connections) {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
