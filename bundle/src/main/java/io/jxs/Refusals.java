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
import java.util.EnumSet;
import java.util.Set;

/**
 * Turns the daemon's refusal of a request (an {@code ERROR} reply) into its exception: the one place
 * where that is decided. A refused permission becomes a {@link PermissionDeniedException}, an exhausted
 * quota a {@link QuotaExceededException}, naming the quotas that the request's type and the error word
 * point to (from C xenstored 4.17's and oxenstored's sources); any other word a plain
 * {@link XenStoreException}, {@code WORD: subject}.
 */
final class Refusals {
    private Refusals() {
    }

    /**
     * Makes the exception for a refusal.
     *
     * @param op the refused request's type
     * @param txId its transaction, 0 outside one
     * @param word the error word the daemon sent
     * @param subject what the request was about: a path, {@code domain N}, ...
     * @return the exception to fail the request with
     */
    static XenStoreException of(Op op, int txId, String word, String subject) {
        return switch (word) {
            case "EACCES", "EPERM" -> new PermissionDeniedException(word, op, subject);
            case "ENOSPC" -> new QuotaExceededException(word, op, subject, noSpace(op, txId != 0));
            case "EQUOTA" -> new QuotaExceededException(word, op, subject, overQuota(op, txId != 0));
            case "E2BIG" -> switch (op) {
                // C: the watch quota; oxenstored: a value over its size limit. Elsewhere E2BIG is a reply
                // too large for a packet (C's DIRECTORY), no quota.
                case WATCH -> new QuotaExceededException(word, op, subject, Set.of(Quota.WATCHES));
                case WRITE -> new QuotaExceededException(word, op, subject, Set.of(Quota.NODE_SIZE));
                default -> plain(word, subject);
            };
            default -> plain(word, subject);
        };
    }

    private static XenStoreException plain(String word, String subject) {
        return new XenStoreException(word, word + ": " + subject);
    }

    /** C xenstored's ENOSPC: which limit each request type can hit. */
    private static Set<Quota> noSpace(Op op, boolean inTransaction) {
        Set<Quota> quotas = switch (op) {
            case TRANSACTION_START -> EnumSet.of(Quota.TRANSACTIONS);
            case TRANSACTION_END -> EnumSet.of(Quota.NODES); // the nodes the transaction created
            case WRITE, MKDIR -> EnumSet.of(Quota.NODES, Quota.NODE_SIZE);
            case SET_PERMS -> EnumSet.of(Quota.PERMISSIONS, Quota.NODE_SIZE);
            default -> EnumSet.noneOf(Quota.class);
        };
        if (inTransaction && op != Op.TRANSACTION_START && op != Op.TRANSACTION_END) {
            quotas.add(Quota.TRANSACTION_NODES);
        }
        return quotas;
    }

    /** oxenstored's EQUOTA: which limit each request type can hit. */
    private static Set<Quota> overQuota(Op op, boolean inTransaction) {
        Set<Quota> quotas = switch (op) {
            case WATCH -> EnumSet.of(Quota.WATCHES);
            case TRANSACTION_START -> EnumSet.of(Quota.TRANSACTIONS);
            case WRITE, MKDIR -> EnumSet.of(Quota.NODES);
            default -> EnumSet.noneOf(Quota.class);
        };
        if (inTransaction && op != Op.TRANSACTION_START) {
            quotas.add(Quota.TRANSACTION_NODES); // oxenstored counts the requests of a transaction
        }
        return quotas;
    }
}
