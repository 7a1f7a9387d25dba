package io.jxs;

import io.jxs.internal.Payloads;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/** A transaction of a {@link Client}: the client's operations with the transaction's id. */
final class ClientTransaction extends AbstractXenStore implements Transaction {
    private final Client client;
    private final int id;
    private final AtomicBoolean ended = new AtomicBoolean();

    ClientTransaction(Client client, int id) {
        super(client.router(), id, client.requestTimeout());
        this.client = client;
        this.id = id;
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
    public Transaction transaction() {
        throw new UnsupportedOperationException("XenStore transactions do not nest");
    }

    @Override
    public <T> T inTransaction(Function<XenStore, T> body) {
        throw new UnsupportedOperationException("XenStore transactions do not nest");
    }

    @Override
    public Monitor monitor() {
        return client.monitor();
    }

    @Override
    public String toString() {
        return "Transaction[" + id + (ended.get() ? ", ended" : "") + "]";
    }
}
