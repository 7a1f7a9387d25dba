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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several raw connections to one daemon. {@link #execute} sends a step, then makes every connection answer a harmless
 * GET_DOMAIN_PATH, so that all events caused by the step have arrived (a daemon queues them before that reply).
 */
final class Session implements AutoCloseable {

    /** What a step got: the comparable outcome and the raw reply (null when the daemon closed the connection). */
    record Result(Outcome outcome, RawClient.Message reply) {
    }

    private static final byte[] SYNC = Wire.string("0");

    private final Path socket;
    private final List<RawClient> clients = new ArrayList<>();

    Session(Path socket, int connections) throws IOException {
        this.socket = socket;
        for (int i = 0; i < connections; i++) {
            clients.add(new RawClient(socket));
        }
    }

    Result execute(Step step) throws IOException {
        RawClient issuer = clients.get(step.connection());
        List<RawClient.Message> before = new ArrayList<>();
        List<RawClient.Message> after = new ArrayList<>();
        RawClient.Message reply = null;
        try {
            int reqId = issuer.send(step.type(), step.txId(), step.payload());
            List<RawClient.Message> messages = issuer.until(reqId);
            reply = messages.remove(messages.size() - 1);
            before.addAll(messages);
            after.addAll(sync(issuer));
        } catch (IOException closed) {
            issuer.close();
            clients.set(step.connection(), new RawClient(socket));
        }
        List<List<RawClient.Message>> others = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            if (i != step.connection()) {
                others.add(sync(clients.get(i)));
            }
        }
        return new Result(Outcome.of(reply, before, after, others), reply);
    }

    /**
     * Sends the steps back to back on one connection, then reads every reply, then makes every connection answer a
     * GET_DOMAIN_PATH as {@link #execute} does. The replies list has null for the steps that got none (the daemon
     * closed the connection).
     */
    BurstResult executeBurst(int connection, List<Step> steps) throws IOException {
        RawClient issuer = clients.get(connection);
        List<RawClient.Message> replies = new ArrayList<>();
        List<List<RawClient.Message>> eventsBefore = new ArrayList<>();
        List<RawClient.Message> after = new ArrayList<>();
        try {
            for (int reqId : issuer.sendAll(steps)) {
                List<RawClient.Message> messages = issuer.until(reqId);
                replies.add(messages.remove(messages.size() - 1));
                eventsBefore.add(messages);
            }
            after.addAll(sync(issuer));
        } catch (IOException closed) {
            issuer.close();
            clients.set(connection, new RawClient(socket));
        }
        while (replies.size() < steps.size()) {
            replies.add(null);
            eventsBefore.add(List.of());
        }
        List<List<RawClient.Message>> others = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            if (i != connection) {
                others.add(sync(clients.get(i)));
            }
        }
        return new BurstResult(Outcome.ofBurst(replies, eventsBefore, after, others), replies);
    }

    /** What a burst got: the comparable outcome and the raw replies (null after the daemon closed the connection). */
    record BurstResult(Outcome outcome, List<RawClient.Message> replies) {
    }

    private static List<RawClient.Message> sync(RawClient client) throws IOException {
        List<RawClient.Message> messages = client.until(client.send(Wire.GET_DOMAIN_PATH, 0, SYNC));
        messages.remove(messages.size() - 1);
        return messages;
    }

    @Override
    public void close() throws IOException {
        for (RawClient client : clients) {
            client.close();
        }
    }
}
