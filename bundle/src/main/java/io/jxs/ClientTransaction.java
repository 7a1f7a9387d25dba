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
import io.jxs.protocol.Payloads;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** A transaction of a client: the client's operations with the transaction's id, on the connection it began on. */
final class ClientTransaction extends BlockingOperations implements Transaction {
    private final int id;
    private final int generation;
    private final AtomicBoolean ended = new AtomicBoolean();

    /**
     * Creates the transaction the daemon has started.
     *
     * @param router the client's router
     * @param id the daemon's id of the transaction
     * @param generation the connection it was started on
     * @param requestTimeout how long each of its requests waits for its reply
     */
    ClientTransaction(Router router, int id, int generation, Duration requestTimeout) {
        super(router, id, generation, requestTimeout);
        this.id = id;
        this.generation = generation;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    void beforeRequest() {
        if (ended.get()) {
            throw new IllegalStateException("transaction " + id + " has ended");
        }
        checkSameConnection();
    }

    private void checkSameConnection() {
        if (router().generation() != generation) {
            throw new ConnectionException("transaction " + id + " was lost with the connection it was started on");
        }
    }

    @Override
    public boolean commit() {
        return end("T");
    }

    @Override
    public void rollback() {
        end("F");
    }

    @Override
    public void close() {
        if (!ended.get()) {
            try {
                end("F");
            } catch (XenStoreException | IllegalStateException e) {
                // Nothing is left to roll back: the daemon drops a lost connection's transactions,
                // and an abort it refuses has ended the transaction all the same.
            }
        }
    }

    private boolean end(String verdict) {
        // The transaction no longer exists after any reply to TRANSACTION_END.
        if (!ended.compareAndSet(false, true)) {
            throw new IllegalStateException("transaction " + id + " has ended");
        }
        checkSameConnection();
        try {
            send(Op.TRANSACTION_END, id, Payloads.strings(verdict), "transaction " + id);
            return true;
        } catch (XenStoreException e) {
            if ("EAGAIN".equals(e.errorName())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return "Transaction[" + id + (ended.get() ? ", ended" : "") + "]";
    }
}
