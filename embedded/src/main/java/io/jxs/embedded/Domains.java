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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The domains, as C xenstored 4.17 knows them: the "hypervisor" (domains created with
 * {@link EmbeddedXenStore#createDomain}, dom0, and domains INTRODUCE found without one), and C's {@code struct domain}
 * records, which exist from the first time a permission or INTRODUCE names an existing domain until its RELEASE. A
 * record remembers the store's generation when it was made: a per-domain permission entry older than the record is
 * ignored (C's {@code domain_adjust_node_perms}), so a new domain with a released domain's id does not inherit its
 * grants. Also the permissions of {@code @introduceDomain} and {@code @releaseDomain}.
 *
 * <p>SET_TARGET follows C's memory management, which is visible on the wire: each SET_TARGET makes the domain hold a
 * reference to its target, and a RELEASE of a domain that is still referenced only drops the newest reference (the
 * domain stays, nothing fires). Releasing the referring domain drops its references.
 *
 * <p>Used by the store's thread only, except {@link #create} and {@link #destroy}, which any thread may call.
 */
final class Domains {

    /** The id a domain uses for itself ({@code DOMID_SELF}). */
    static final int DOMID_SELF = 0x7FF0;

    /** C's {@code struct domain}. */
    static final class Domain {
        final int domid;
        final long generation;
        boolean introduced;
        /** INTRODUCE found it without {@link #create}: the hypervisor forgets it at RELEASE. */
        boolean implicit;
        /** SET_TARGET: the domain it acts for, or null. */
        Integer target;
        /** Domains holding a SET_TARGET reference to this one, newest first. */
        final Deque<Integer> referencedBy = new ArrayDeque<>();

        Domain(int domid, long generation) {
            this.domid = domid;
            this.generation = generation;
        }
    }

    /** Created by the API; written by any thread, read by the store's. */
    private final Set<Integer> hypervisor = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Domain> records = new LinkedHashMap<>();
    private final LongSupplier generation;
    private PermissionList introducePerms = PermissionList.DOM0_NONE;
    private PermissionList releasePerms = PermissionList.DOM0_NONE;

    /** @param generation the store's generation count now (C's {@code generation}) */
    Domains(LongSupplier generation) {
        this.generation = generation;
        Domain dom0 = new Domain(0, 0);
        dom0.introduced = true;
        records.put(0, dom0);
    }

    /** The hypervisor has the domain now. */
    void create(int domid) {
        hypervisor.add(domid);
    }

    /** The hypervisor no longer has the domain (C keeps a record of it until RELEASE). */
    void destroy(int domid) {
        hypervisor.remove(domid);
    }

    private boolean exists(int domid) {
        Domain domain = records.get(domid);
        return domid == 0 || hypervisor.contains(domid) || (domain != null && domain.implicit);
    }

    boolean isIntroduced(int domid) {
        Domain domain = records.get(domid);
        return domain != null && domain.introduced;
    }

    /** C's {@code find_or_alloc_existing_domain}: the record, made now if the hypervisor has the domain, or null. */
    Domain findOrAllocExisting(int domid) {
        Domain domain = records.get(domid);
        if (domain == null && exists(domid)) {
            domain = new Domain(domid, generation.getAsLong());
            records.put(domid, domain);
        }
        return domain;
    }

    /**
     * C's {@code domain_alloc_permrefs}: makes the records of the domains a permission list names and marks the entries
     * naming a domain that does not exist as ignored.
     */
    PermissionList allocPermRefs(PermissionList perms) {
        return perms.ignoring(domid -> findOrAllocExisting(domid) == null);
    }

    /** C's {@code domain_adjust_node_perms}: per-domain entries of a gone or younger domain are ignored. */
    PermissionList adjust(PermissionList perms, long nodeGeneration) {
        return perms.ignoringGrants(domid -> {
            Domain domain = records.get(domid);
            return domain == null || domain.generation > nodeGeneration;
        });
    }

    /**
     * INTRODUCE: makes the domain introduced; a domain the hypervisor does not have is made to exist until its RELEASE.
     *
     * @return true if it was not introduced yet (then {@code @introduceDomain} fires)
     */
    boolean introduce(int domid) {
        boolean known = exists(domid);
        Domain domain = records.computeIfAbsent(domid, id -> new Domain(id, generation.getAsLong()));
        if (!known) {
            domain.implicit = true;
        }
        if (domain.introduced) {
            return false;
        }
        domain.introduced = true;
        return true;
    }

    /** The SET_TARGET target of an introduced domain, or null. */
    Integer target(int domid) {
        Domain domain = records.get(domid);
        return domain == null ? null : domain.target;
    }

    /**
     * Drops the newest SET_TARGET reference to the domain, if any.
     *
     * @return true if there was one (then the domain is not released)
     */
    boolean dropTargetReference(int domid) {
        Domain domain = records.get(domid);
        return domain != null && domain.referencedBy.pollFirst() != null;
    }

    /** Forgets the domain's record, the references it held and its entries in the special permissions. */
    void release(int domid) {
        records.remove(domid);
        for (Domain domain : records.values()) {
            domain.referencedBy.removeIf(holder -> holder == domid);
        }
        introducePerms = introducePerms.withoutDomain(domid);
        releasePerms = releasePerms.withoutDomain(domid);
    }

    /** SET_TARGET: {@code domid} acts for {@code target} (and holds a reference to it). */
    void setTarget(int domid, int target) {
        records.get(target).referencedBy.addFirst(domid);
        records.get(domid).target = target;
    }

    /** The permissions of {@code @introduceDomain} or {@code @releaseDomain}, or null for another name. */
    PermissionList specialPerms(String name) {
        return switch (name) {
            case NodePaths.INTRODUCE_DOMAIN -> introducePerms;
            case NodePaths.RELEASE_DOMAIN -> releasePerms;
            default -> null;
        };
    }

    void setSpecialPerms(String name, PermissionList perms) {
        if (name.equals(NodePaths.INTRODUCE_DOMAIN)) {
            introducePerms = perms;
        } else {
            releasePerms = perms;
        }
    }

    /** Whether C has a record of the domain (CONTROL quota N answers ENOENT otherwise). */
    boolean hasRecord(int domid) {
        return records.containsKey(domid);
    }
}
