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

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A node met by {@link XenStore#walk(String)}: its path, value and the names of its children.
 *
 * @param path the absolute (or relative, as given to walk) path of the node
 * @param value the value; empty when the node cannot be read (the root, no read permission)
 * @param children the names of the node's children, in the daemon's order
 */
public record Node(String path, byte[] value, List<String> children) {

    /** Copies the children into an unmodifiable list. */
    public Node {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
        children = List.copyOf(children);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Node n
                && path.equals(n.path) && Arrays.equals(value, n.value) && children.equals(n.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, Arrays.hashCode(value), children);
    }

    @Override
    public String toString() {
        return "Node[" + path + " (" + value.length + " bytes) " + children + "]";
    }
}
