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
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One client of a Unix socket: of the main socket a privileged ("dom0") connection, of a domain's socket that
 * domain's; with its own watches, transactions, the request it is reading and the output it has yet to write. Once
 * its domain is released it is silenced: it keeps nothing and its requests are read and never answered, as C never
 * answers a released guest's ring. Used by the store's single thread only.
 */
final class ClientConnection {

    private final SocketChannel channel;
    private final int domid;
    private final Domains domains;
    private boolean silenced;
    private final Consumer<ClientConnection> outputQueued;
    private final RequestReader reader = new RequestReader();
    private final OutputQueue output = new OutputQueue();
    private final OutstandingRequests outstanding;
    private final List<Watch> watches = new ArrayList<>();
    private final Map<Integer, PendingTransaction> transactions = new LinkedHashMap<>();
    private int nextTransactionId = 1;
    private SelectionKey key;

    /**
     * Creates the connection.
     *
     * @param channel      the accepted channel, non-blocking
     * @param outputQueued told whenever a reply or event is queued, so that the store writes it out
     */
    ClientConnection(SocketChannel channel, Consumer<ClientConnection> outputQueued) {
        this(channel, outputQueued, 0, null, null);
    }

    /**
     * Creates a connection of a domain.
     *
     * @param domid   the domain whose socket accepted it (0: the main socket)
     * @param domains where its SET_TARGET target is looked up (null for dom0)
     * @param outstanding the request being handled, which its queued messages keep outstanding (null: none)
     */
    ClientConnection(SocketChannel channel, Consumer<ClientConnection> outputQueued, int domid, Domains domains,
            OutstandingRequests outstanding) {
        this.channel = channel;
        this.outstanding = outstanding;
        this.outputQueued = outputQueued;
        this.domid = domid;
        this.domains = domains;
    }

    /** Who this connection speaks as. */
    Caller caller() {
        if (domid == 0) {
            return Caller.DOM0;
        }
        return new Caller(domid, domains == null ? null : domains.target(domid));
    }

    /** Whether its domain was released: requests are dropped unanswered. */
    boolean isSilenced() {
        return silenced;
    }

    /** Its domain was released: forgets watches, transactions and unsent output, and answers nothing more. */
    void silence() {
        silenced = true;
        reset();
        output.clear();
    }

    /** How many transactions it has open. */
    int transactionCount() {
        return transactions.size();
    }

    /** The bytes C accounts for its open transactions' node copies. */
    long transactionBytes() {
        long bytes = 0;
        for (PendingTransaction transaction : transactions.values()) {
            bytes += transaction.copyBytes();
        }
        return bytes;
    }

    SocketChannel channel() {
        return channel;
    }

    SelectionKey key() {
        return key;
    }

    void key(SelectionKey key) {
        this.key = key;
    }

    OutputQueue output() {
        return output;
    }

    List<Watch> watches() {
        return watches;
    }

    /** The open transaction with this id, or null. */
    PendingTransaction transaction(int id) {
        return transactions.get(id);
    }

    PendingTransaction startTransaction(Store store, int nodeLimit) {
        int id;
        do {
            id = nextTransactionId++;
        } while (id == 0 || transactions.containsKey(id));
        PendingTransaction transaction = new PendingTransaction(id, store, nodeLimit);
        transactions.put(id, transaction);
        return transaction;
    }

    void endTransaction(PendingTransaction transaction) {
        transactions.remove(transaction.id());
    }

    /** RESET_WATCHES: forget all watches and transactions. */
    void reset() {
        watches.clear();
        transactions.clear();
    }

    /**
     * Reads on towards the next request.
     *
     * @return the next complete request, or null when none has fully arrived
     * @throws IOException when the client is gone or broke the protocol's framing
     */
    ReceivedRequest nextRequest() throws IOException {
        return reader.next(channel);
    }

    void queueReply(int type, int reqId, int txId, byte[] body) {
        if (silenced) {
            return;
        }
        output.addReply(type, reqId, txId, body, outstanding == null ? null : outstanding.current());
        outputQueued.accept(this);
    }

    /**
     * Queues a watch event.
     *
     * @param ofRequest whether the request being handled fired it (false for a WATCH's initial event, which keeps no
     *                  request outstanding)
     */
    void queueEvent(String path, String token, boolean ofRequest) {
        OutstandingRequests.Request request = ofRequest && outstanding != null ? outstanding.current() : null;
        if (!silenced && output.addEvent(path, token, request)) {
            outputQueued.accept(this);
        }
    }

    /**
     * Writes as much of the output as the socket takes.
     *
     * @return true when everything was written
     * @throws IOException when the client is gone
     */
    boolean flush() throws IOException {
        return output.writeTo(channel);
    }

    /** Closes the channel and drops what it held. */
    void close() {
        reset();
        output.clear();
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // gone anyway
        }
    }
}
