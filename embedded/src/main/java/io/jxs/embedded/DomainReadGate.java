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

import java.util.concurrent.atomic.AtomicReference;

/**
 * C xenstored 4.17's {@code domain_can_read}: the store reads no request of an unprivileged domain while the domain
 * has {@code outstanding} (quota) or more outstanding requests, or while its memory figure is at or above the hard
 * memory quota. The domain's client just waits: no error word, nothing lost; it is read again once its messages are
 * written (its reader reads) or its memory falls. Dom0 is never held.
 *
 * <p>Over a ring C writes a message once the ring has room (1 KiB); the store writes to a socket, whose buffer holds
 * far more, so a domain is held only once a reader leaves that buffer full: later than C, for the same reason.
 */
final class DomainReadGate {

    private final MemoryAccount memory;
    private final OutstandingRequests outstanding;
    private final AtomicReference<Quotas> quotas;

    DomainReadGate(MemoryAccount memory, OutstandingRequests outstanding, AtomicReference<Quotas> quotas) {
        this.memory = memory;
        this.outstanding = outstanding;
        this.quotas = quotas;
    }

    /** Whether the store may read the connection's next request. */
    boolean mayRead(ClientConnection connection) {
        Caller caller = connection.caller();
        if (caller.privileged()) {
            return true;
        }
        return outstanding.count(caller.domid()) < quotas.get().outstanding()
                && !memory.wouldReachHard(caller.domid(), 0);
    }
}
