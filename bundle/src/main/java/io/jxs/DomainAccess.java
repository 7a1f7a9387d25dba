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

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What domain N may do on one path, and why, by C xenstored 4.17's rules ({@code perm_for_conn},
 * {@code get_node}, {@code ask_parents}, {@code create_node} in {@code xenstored_core.c}), computed from the
 * permissions of the node and its parents as dom0 reads them: {@link XenStore#access(int, String)}.
 *
 * <p>An operation is {@linkplain #allowed() allowed} when C would carry it out for N, or refuse it only
 * because the node is missing ({@code ENOENT}); a refused one gets {@code EACCES} (or {@code EINVAL} on
 * {@code @introduceDomain} and {@code @releaseDomain}, which are not nodes). Each {@link Verdict} names the
 * node whose permissions decided and how they apply to N ({@link Basis}).
 *
 * <p>Limits of the computation: C ignores a permission entry naming a domain that does not exist, which
 * dom0's {@code GET_PERMS} does not show; oxenstored differs where the reference says (a guest's child of a
 * node it may write keeps the parent's owner; a missing node under an unreadable one is {@code ENOENT}).
 *
 * @param domid the domain asked about
 * @param target the domain it acts for ({@code SET_TARGET}: a stub domain and its guest), if any
 * @param path the absolute path (a relative one is taken from N's home {@code /local/domain/N})
 * @param exists whether the node exists
 * @param verdicts the verdict on each operation
 */
public record DomainAccess(int domid, OptionalInt target, String path, boolean exists, Map<Operation, Verdict> verdicts) {

    /** An operation of a domain on a path. */
    public enum Operation {
        /** {@code READ}, {@code DIRECTORY}, {@code GET_PERMS}: needs read. */
        READ,
        /** {@code WRITE} (and {@code MKDIR}) of the node itself, creating it when missing: needs write. */
        WRITE,
        /** Creating a node below it: needs write on it (on its nearest existing ancestor when missing). */
        CREATE_CHILD,
        /** {@code RM}: needs write on the node itself, not on its parent. */
        REMOVE,
        /** {@code SET_PERMS}: needs write and ownership; an unprivileged domain cannot change the owner ({@code EPERM}). */
        SET_PERMS,
        /** Seeing watch events for changes of the node: needs read on it or on its parent. */
        WATCH_EVENTS
    }

    /** How a node's permission list applies to the domain ({@code perm_for_conn}). */
    public enum Basis {
        /** Domain 0 may do everything. */
        PRIVILEGED,
        /** The domain owns the node (the first entry names it): everything. */
        OWNER,
        /** The domain's target owns the node: everything. */
        TARGET_OWNER,
        /** An entry after the first names the domain: its access, never ownership. */
        ENTRY,
        /** An entry after the first names the domain's target: its access. */
        TARGET_ENTRY,
        /** No entry names it: everyone's default, the first entry's access. */
        DEFAULT
    }

    /**
     * What a node's permissions give the domain.
     *
     * @param path the node
     * @param perms its permission list, the owner first
     * @param basis how the list applies to the domain
     * @param read whether it may read
     * @param write whether it may write
     * @param owner whether it has the owner's rights
     */
    public record Grant(String path, List<Permission> perms, Basis basis, boolean read, boolean write, boolean owner) {
        /**
         * Copies the list.
         *
         * @throws NullPointerException when a field is null
         */
        public Grant {
            Objects.requireNonNull(path, "path");
            perms = List.copyOf(perms);
            Objects.requireNonNull(basis, "basis");
        }

        /**
         * Says in words how the list applies, for example {@code domain 5 owns /a [n5 r0]}.
         *
         * @return the explanation
         */
        public String describe() {
            String list = perms.stream().map(Permission::toString).collect(Collectors.joining(" ", "[", "]"));
            return switch (basis) {
                case PRIVILEGED -> "domain 0 is privileged";
                case OWNER -> "it owns " + path + " " + list;
                case TARGET_OWNER -> "its target owns " + path + " " + list;
                case ENTRY -> path + " " + list + " has an entry for it";
                case TARGET_ENTRY -> path + " " + list + " has an entry for its target";
                case DEFAULT -> path + " " + list + " has no entry for it: everyone's default applies";
            };
        }
    }

    /**
     * The verdict on one operation.
     *
     * @param allowed whether the domain may do it
     * @param grant the permissions that decided, or null when no node's permissions did
     * @param reason why, in words
     */
    public record Verdict(boolean allowed, Grant grant, String reason) {
    }

    /**
     * Checks and copies the fields.
     *
     * @throws NullPointerException when a field is null
     * @throws IllegalArgumentException when a verdict is missing
     */
    public DomainAccess {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(path, "path");
        EnumMap<Operation, Verdict> copy = new EnumMap<>(Operation.class);
        copy.putAll(verdicts);
        if (copy.size() != Operation.values().length) {
            throw new IllegalArgumentException("a verdict for every operation is needed, got " + copy.keySet());
        }
        verdicts = Collections.unmodifiableMap(copy);
    }

    /**
     * Returns the operations the domain may perform.
     *
     * @return the allowed operations; compare it with what a real guest gets
     */
    public Set<Operation> allowed() {
        EnumSet<Operation> allowed = EnumSet.noneOf(Operation.class);
        verdicts.forEach((operation, verdict) -> {
            if (verdict.allowed()) {
                allowed.add(operation);
            }
        });
        return Collections.unmodifiableSet(allowed);
    }

    /**
     * Tells whether the domain may perform an operation.
     *
     * @param operation the operation
     * @return true when allowed
     */
    public boolean may(Operation operation) {
        return verdicts.get(operation).allowed();
    }

    /**
     * Says why the domain may or may not perform an operation.
     *
     * @param operation the operation
     * @return the reason, in words
     */
    public String why(Operation operation) {
        return verdicts.get(operation).reason();
    }

    /**
     * Describes the access, one line per operation: {@code READ: yes, it owns /a [n5]}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("domain ").append(domid);
        target.ifPresent(t -> text.append(" (target ").append(t).append(')'));
        text.append(" on ").append(path).append(exists ? "" : " (missing)").append(':');
        verdicts.forEach((operation, verdict) -> text.append('\n').append(operation).append(": ")
                .append(verdict.allowed() ? "yes, " : "no, ").append(verdict.reason()));
        return text.toString();
    }
}
