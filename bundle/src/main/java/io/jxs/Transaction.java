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

import org.osgi.annotation.versioning.ProviderType;

/**
 * An open XenStore transaction: every operation on it runs inside the transaction until
 * {@link #commit()} or {@link #rollback()}. A transaction is its own object, so one shared
 * {@link Client} serves many threads and transactions at once. Transactions do not nest. Once ended,
 * every operation throws {@link IllegalStateException}; when the connection was lost meanwhile, the
 * daemon has dropped the transaction and its operations throw {@link ConnectionException}.
 */
@ProviderType
public interface Transaction extends XenStoreOperations, AutoCloseable {

    /**
     * Returns the daemon's id of this transaction.
     *
     * @return the transaction id, never 0
     */
    int id();

    /**
     * Commits the transaction.
     *
     * @return true when committed; false when the daemon answered {@code EAGAIN} (a conflict: run
     *     the whole transaction again)
     * @throws XenStoreException for any other refusal
     * @throws IllegalStateException when the transaction has already ended
     */
    boolean commit();

    /**
     * Aborts the transaction, discarding its changes.
     *
     * @throws IllegalStateException when the transaction has already ended
     */
    void rollback();

    /** Rolls the transaction back unless it was committed or rolled back already; never throws. */
    @Override
    void close();
}
