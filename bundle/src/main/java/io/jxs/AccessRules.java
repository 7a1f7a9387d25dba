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

import io.jxs.DomainAccess.Basis;
import io.jxs.DomainAccess.Grant;
import io.jxs.DomainAccess.Operation;
import io.jxs.DomainAccess.Verdict;
import io.jxs.Permission.Access;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * C xenstored 4.17's permission rules for one domain, applied to the permission lists of a node and its
 * ancestors: what {@link DomainAccess} reports. Pure: the lists are read elsewhere.
 */
final class AccessRules {
    private final int domid;
    private final OptionalInt target;

    /**
     * Creates the rules for a domain.
     *
     * @param domid the domain
     * @param target the domain it acts for, if any
     */
    AccessRules(int domid, OptionalInt target) {
        this.domid = domid;
        this.target = target;
    }

    /**
     * Returns the parent of an absolute path, as C's {@code get_parent}.
     *
     * @param path an absolute path other than {@code /}
     * @return its parent; {@code /} for a node at the top
     */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /**
     * Says what a permission list gives the domain: C's {@code perm_for_conn}.
     *
     * @param path the node
     * @param perms its list, the owner first
     * @return the grant
     */
    Grant grant(String path, List<Permission> perms) {
        if (domid == 0) {
            return new Grant(path, perms, Basis.PRIVILEGED, true, true, true);
        }
        int owner = perms.get(0).domid();
        if (owner == domid) {
            return new Grant(path, perms, Basis.OWNER, true, true, true);
        }
        if (target.isPresent() && owner == target.getAsInt()) {
            return new Grant(path, perms, Basis.TARGET_OWNER, true, true, true);
        }
        for (Permission entry : perms.subList(1, perms.size())) {
            if (entry.domid() == domid) {
                return granted(path, perms, Basis.ENTRY, entry.access());
            }
            if (target.isPresent() && entry.domid() == target.getAsInt()) {
                return granted(path, perms, Basis.TARGET_ENTRY, entry.access());
            }
        }
        return granted(path, perms, Basis.DEFAULT, perms.get(0).access());
    }

    private static Grant granted(String path, List<Permission> perms, Basis basis, Access access) {
        boolean read = access == Access.READ || access == Access.BOTH;
        boolean write = access == Access.WRITE || access == Access.BOTH;
        return new Grant(path, perms, basis, read, write, false);
    }

    /**
     * Decides every operation on a path.
     *
     * @param path the absolute path, or {@code @introduceDomain} / {@code @releaseDomain}
     * @param lineage the permission lists read, from the path upwards: the path's (null when it is missing),
     *     then its parent's, and further up until an existing node; the root always exists
     * @return the verdicts
     * @throws IllegalArgumentException when no existing node is in the lineage
     */
    DomainAccess decide(String path, Map<String, List<Permission>> lineage) {
        List<Permission> own = lineage.get(path);
        Map<Operation, Verdict> verdicts = new EnumMap<>(Operation.class);
        if (path.startsWith("@")) {
            special(grant(path, own), verdicts);
        } else if (own != null) {
            existing(path, grant(path, own), lineage, verdicts);
        } else {
            missing(nearestExisting(path, lineage), verdicts);
        }
        return new DomainAccess(domid, target, path, own != null, verdicts);
    }

    private void special(Grant grant, Map<Operation, Verdict> verdicts) {
        Verdict notANode = new Verdict(domid == 0, null, domid == 0 ? "domain 0 is privileged"
                : grant.path() + " is not a node: C answers EINVAL");
        verdicts.put(Operation.READ, notANode);
        verdicts.put(Operation.WRITE, notANode);
        verdicts.put(Operation.CREATE_CHILD, notANode);
        verdicts.put(Operation.REMOVE, notANode);
        verdicts.put(Operation.SET_PERMS, needs(grant, grant.write() && grant.owner(), "write and ownership"));
        verdicts.put(Operation.WATCH_EVENTS, needs(grant, grant.read(), "read"));
    }

    private void existing(String path, Grant grant, Map<String, List<Permission>> lineage,
            Map<Operation, Verdict> verdicts) {
        verdicts.put(Operation.READ, needs(grant, grant.read(), "read"));
        verdicts.put(Operation.WRITE, needs(grant, grant.write(), "write"));
        verdicts.put(Operation.CREATE_CHILD, needs(grant, grant.write(), "write"));
        verdicts.put(Operation.REMOVE, path.equals("/")
                ? new Verdict(false, grant, "the root cannot be removed: C answers EINVAL")
                : needs(grant, grant.write(), "write on the node itself"));
        Verdict setPerms = needs(grant, grant.write() && grant.owner(), "write and ownership");
        if (setPerms.allowed() && domid != 0) {
            setPerms = new Verdict(true, grant, setPerms.reason() + "; only domain 0 may change the owner (EPERM)");
        }
        verdicts.put(Operation.SET_PERMS, setPerms);
        List<Permission> parentPerms = path.equals("/") ? null : lineage.get(parent(path));
        if (grant.read() || parentPerms == null) {
            verdicts.put(Operation.WATCH_EVENTS, needs(grant, grant.read(), "read on the node or its parent"));
        } else {
            Grant parent = grant(parent(path), parentPerms);
            verdicts.put(Operation.WATCH_EVENTS, needs(parent, parent.read(), "read on the node or its parent"));
        }
    }

    private void missing(Grant ancestor, Map<Operation, Verdict> verdicts) {
        String creates = "; the nodes it creates get the permissions of " + ancestor.path()
                + (domid == 0 ? "" : " with itself as the owner");
        verdicts.put(Operation.READ, new Verdict(ancestor.read(), ancestor, ancestor.read()
                ? "missing: ENOENT, since the nearest existing ancestor is readable (" + ancestor.describe() + ")"
                : "missing, and the nearest existing ancestor is not readable, so C answers EACCES ("
                        + ancestor.describe() + ")"));
        Verdict create = needs(ancestor, ancestor.write(), "write on the nearest existing ancestor to create it");
        verdicts.put(Operation.WRITE, create.allowed() ? new Verdict(true, ancestor, create.reason() + creates) : create);
        verdicts.put(Operation.CREATE_CHILD, verdicts.get(Operation.WRITE));
        verdicts.put(Operation.REMOVE, needs(ancestor, ancestor.write(),
                "write on the nearest existing ancestor (then OK when the parent exists, else ENOENT)"));
        // C's ask_parents answers ENOENT when the ancestor grants any of the access asked (write|owner), not all.
        verdicts.put(Operation.SET_PERMS, needs(ancestor, ancestor.write(),
                "write or ownership on the nearest existing ancestor (then ENOENT)"));
        verdicts.put(Operation.WATCH_EVENTS, needs(ancestor, ancestor.read(),
                "read on the nearest existing ancestor, whose permissions a node created there by another domain gets"));
    }

    private Grant nearestExisting(String path, Map<String, List<Permission>> lineage) {
        String at = path;
        while (!at.equals("/")) {
            at = parent(at);
            List<Permission> perms = lineage.get(at);
            if (perms != null) {
                return grant(at, perms);
            }
        }
        throw new IllegalArgumentException("no existing ancestor of " + path + " among " + lineage.keySet());
    }

    private static Verdict needs(Grant grant, boolean allowed, String what) {
        return new Verdict(allowed, grant, (allowed ? "" : "EACCES: ") + "needs " + what + ": " + grant.describe());
    }
}
