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
package io.jxs.recipes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The domains a tracker knows, each with the resources registered against it, and what changes when a
 * new listing of introduced domains comes in. Thread-safe.
 */
final class DomainTable {

    /** A change: the domain, whether it came or went, and (when it went) its resources to close. */
    record Change(Domain domain, boolean introduced, List<AutoCloseable> resources) {
    }

    private final NavigableMap<Integer, Domain> live = new TreeMap<>();
    private final Map<Domain, List<AutoCloseable>> resources = new LinkedHashMap<>();
    private long incarnations;
    private boolean closed;

    /** The ids of the domains known to be introduced. */
    synchronized Set<Integer> domids() {
        return new TreeSet<>(live.keySet());
    }

    /** The domains known to be introduced, by id. */
    synchronized List<Domain> domains() {
        return List.copyOf(live.values());
    }

    /** The live domain with an id. */
    synchronized Optional<Domain> find(int domid) {
        return Optional.ofNullable(live.get(domid));
    }

    /**
     * Takes in the ids found introduced now: the known domains missing from them went (in id order,
     * first), the new ids came (in id order, after), each as a new domain.
     */
    synchronized List<Change> update(Set<Integer> introduced) {
        List<Change> changes = new ArrayList<>();
        if (closed) {
            return changes;
        }
        for (Domain domain : List.copyOf(live.values())) {
            if (!introduced.contains(domain.domid())) {
                live.remove(domain.domid());
                List<AutoCloseable> owned = resources.remove(domain);
                changes.add(new Change(domain, false, owned == null ? List.of() : reversed(owned)));
            }
        }
        for (int domid : new TreeSet<>(introduced)) {
            if (!live.containsKey(domid)) {
                Domain domain = new Domain(domid, ++incarnations);
                live.put(domid, domain);
                changes.add(new Change(domain, true, List.of()));
            }
        }
        return changes;
    }

    /**
     * Registers a resource against a live domain.
     *
     * @return true when registered; false when the domain is not live (released, or never reported) or
     *     the table is closed
     */
    synchronized boolean register(Domain domain, AutoCloseable resource) {
        if (closed || !domain.equals(live.get(domain.domid()))) {
            return false;
        }
        resources.computeIfAbsent(domain, d -> new ArrayList<>()).add(resource);
        return true;
    }

    /**
     * Forgets every domain and takes no more; returns their resources to close, the latest registered
     * first.
     */
    synchronized List<AutoCloseable> close() {
        closed = true;
        List<AutoCloseable> all = new ArrayList<>();
        resources.values().forEach(all::addAll);
        live.clear();
        resources.clear();
        return reversed(all);
    }

    private static List<AutoCloseable> reversed(List<AutoCloseable> resources) {
        List<AutoCloseable> copy = new ArrayList<>(resources);
        Collections.reverse(copy);
        return copy;
    }
}
