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

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The domains the daemon knows: dom0 from the start, others from INTRODUCE until RELEASE. There is no hypervisor and no
 * shared ring, so an introduced domain never talks; it exists for domain paths, permissions and the special watches.
 *
 * <p>SET_TARGET follows C's memory management, which is visible on the wire: each SET_TARGET makes the domain hold a
 * reference to its target, and a RELEASE of a domain that is still referenced only drops the newest reference (the
 * domain stays, nothing fires). Releasing the referring domain drops its references.
 */
final class Domains {

    /** The id a domain uses for itself ({@code DOMID_SELF}). */
    static final int DOMID_SELF = 0x7FF0;

    /** Introduced domains, each with the domains holding a SET_TARGET reference to it (newest first). */
    private final Map<Integer, Deque<Integer>> referencedBy = new LinkedHashMap<>();

    Domains() {
        referencedBy.put(0, new ArrayDeque<>());
    }

    boolean isIntroduced(int domid) {
        return referencedBy.containsKey(domid);
    }

    /** Returns true if the domain is new (then {@code @introduceDomain} fires). */
    boolean introduce(int domid) {
        return referencedBy.putIfAbsent(domid, new ArrayDeque<>()) == null;
    }

    /**
     * Drops the newest SET_TARGET reference to the domain, if any.
     *
     * @return true if there was one (then the domain is not released)
     */
    boolean dropTargetReference(int domid) {
        Deque<Integer> references = referencedBy.get(domid);
        return references != null && references.pollFirst() != null;
    }

    /** Forgets the domain and the references it held. */
    void release(int domid) {
        referencedBy.remove(domid);
        for (Deque<Integer> references : referencedBy.values()) {
            references.removeIf(holder -> holder == domid);
        }
    }

    /** SET_TARGET: {@code domid} acts for {@code target} (and holds a reference to it). */
    void setTarget(int domid, int target) {
        referencedBy.get(target).addFirst(domid);
    }
}
