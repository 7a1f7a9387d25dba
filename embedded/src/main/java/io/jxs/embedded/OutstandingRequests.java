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

import java.util.HashMap;
import java.util.Map;

/**
 * C xenstored 4.17's outstanding requests of each domain ({@code nboutstanding}, XSA-326): a request of a domain is
 * outstanding from when its reply is queued until that reply and every watch event the request fired (for any
 * connection) are completely written. The initial event of a WATCH and events fired by dom0's requests belong to no
 * request. A queued message that is dropped (its connection closed) counts as written. Used by the store's single
 * thread only.
 */
final class OutstandingRequests {

    /** One request of a domain, with the number of its messages not yet written. */
    final class Request {
        private final int domid;
        private int unwritten;

        private Request(int domid) {
            this.domid = domid;
        }

        /** One of its messages was queued. */
        void queued() {
            if (unwritten++ == 0) {
                counts.merge(domid, 1, Integer::sum);
            }
        }

        /** One of its messages was completely written, or dropped. */
        void written() {
            if (--unwritten == 0) {
                counts.computeIfPresent(domid, (d, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    private final Map<Integer, Integer> counts = new HashMap<>();
    private Request current;

    /** The store starts handling a request of {@code source}: its messages belong to it if a domain sent it. */
    void begin(ClientConnection source) {
        Caller caller = source.caller();
        current = caller.privileged() ? null : new Request(caller.domid());
    }

    /** The request is handled: messages queued from now on belong to none. */
    void end() {
        current = null;
    }

    /** The request being handled, or null (dom0's, or none). */
    Request current() {
        return current;
    }

    /** The domain's outstanding requests. */
    int count(int domid) {
        return counts.getOrDefault(domid, 0);
    }
}
