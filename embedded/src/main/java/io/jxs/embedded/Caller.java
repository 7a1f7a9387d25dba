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

/**
 * Who sends a request: dom0 (every connection of the main socket, privileged) or domain {@code domid} (a connection
 * of its own socket), acting also for its SET_TARGET {@code target} when it has one.
 *
 * @param domid  the domain
 * @param target the domain it acts for, or null
 */
record Caller(int domid, Integer target) {

    static final Caller DOM0 = new Caller(0, null);

    /** C's {@code domain_is_unprivileged} is false: dom0. */
    boolean privileged() {
        return domid == 0;
    }

    /** Whether an entry or owner naming {@code id} names this caller (itself or its target). */
    boolean actsFor(int id) {
        return id == domid || (target != null && id == target);
    }

    /** Where its relative paths are resolved: {@code /local/domain/<domid>}. */
    String home() {
        return "/local/domain/" + Integer.toUnsignedString(domid);
    }
}
