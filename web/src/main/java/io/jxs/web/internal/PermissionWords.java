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
package io.jxs.web.internal;

import io.jxs.Permission;
import java.util.List;

/**
 * Says a node's permissions in words, as an operator reads them: the first entry names the owner and what every
 * domain not listed may do, each later entry what one domain may do, for example
 * {@code [r5, b3]} as {@code owner dom5, others read, dom3 read and write}. The owner may always do everything.
 */
final class PermissionWords {
    private PermissionWords() {
    }

    /**
     * Describes a permission list.
     *
     * @param perms the node's permissions, the owner first
     * @return the words
     * @throws IllegalArgumentException when the list is empty (a node always has an owner)
     */
    static String describe(List<Permission> perms) {
        if (perms.isEmpty()) {
            throw new IllegalArgumentException("a node's permissions name its owner: the list is empty");
        }
        Permission owner = perms.get(0);
        StringBuilder words = new StringBuilder("owner dom").append(owner.domid())
                .append(", others ").append(access(owner.access()));
        for (Permission entry : perms.subList(1, perms.size())) {
            words.append(", dom").append(entry.domid()).append(' ').append(access(entry.access()));
        }
        return words.toString();
    }

    /**
     * Names an access.
     *
     * @param access the access
     * @return {@code read}, {@code write}, {@code read and write} or {@code none}
     */
    static String access(Permission.Access access) {
        return switch (access) {
            case READ -> "read";
            case WRITE -> "write";
            case BOTH -> "read and write";
            case NONE -> "none";
        };
    }
}
