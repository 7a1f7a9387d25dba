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

import java.util.ArrayList;
import java.util.List;

/**
 * One node of the tree: value (any bytes), permissions, child names in creation order and the generation count of its
 * last write. Mutable; the store and transactions hand out copies.
 */
final class StoredNode {

    /** Generation of a node that does not exist (C's {@code NO_GENERATION}). */
    static final long NO_GENERATION = -1;

    final String name;
    byte[] value;
    PermissionList perms;
    final List<String> children;
    long generation;

    StoredNode(String name, byte[] value, PermissionList perms, List<String> children, long generation) {
        this.name = name;
        this.value = value;
        this.perms = perms;
        this.children = new ArrayList<>(children);
        this.generation = generation;
    }

    StoredNode copy() {
        return new StoredNode(name, value, perms, children, generation);
    }

    /** C's record header: generation (8), permission count, value and child list lengths (4 each), padded to 8. */
    static final int RECORD_HEADER = 24;
    /** C's {@code struct xs_permissions}: id and access, 4 bytes each. */
    static final int RECORD_PERMISSION = 8;

    /** The size of C's database record of the node, which the node-size quota limits. */
    int recordSize() {
        int childBytes = 0;
        for (String child : children) {
            childBytes += child.length() + 1;
        }
        return RECORD_HEADER + RECORD_PERMISSION * perms.size() + value.length + childBytes;
    }

    /** The child list as the wire has it: each name and its NUL. */
    byte[] childList() {
        return Wire.strings(children);
    }
}
