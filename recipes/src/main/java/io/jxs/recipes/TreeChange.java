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

import java.util.Arrays;
import java.util.Objects;

/**
 * One node's change in a {@link TreeCache}: added, changed or removed, with its values before and after.
 *
 * @param kind what happened to the node
 * @param path the node
 * @param oldValue its value before; null when it was added
 * @param newValue its value after; null when it was removed
 */
public record TreeChange(Kind kind, String path, byte[] oldValue, byte[] newValue) {

    /** What happened to a node. */
    public enum Kind {
        /** The node appeared. */
        ADDED,
        /** The node's value is different. */
        CHANGED,
        /** The node is gone. */
        REMOVED
    }

    /**
     * Checks that the values fit the kind.
     *
     * @throws IllegalArgumentException when an added node has an old value or no new one, a removed node
     *     the reverse, or a changed node misses either
     */
    public TreeChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        boolean fits = switch (kind) {
            case ADDED -> oldValue == null && newValue != null;
            case CHANGED -> oldValue != null && newValue != null;
            case REMOVED -> oldValue != null && newValue == null;
        };
        if (!fits) {
            throw new IllegalArgumentException(kind + " of " + path + " needs " + switch (kind) {
                case ADDED -> "a new value and no old one";
                case CHANGED -> "an old and a new value";
                case REMOVED -> "an old value and no new one";
            });
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TreeChange c && kind == c.kind && path.equals(c.path)
                && Arrays.equals(oldValue, c.oldValue) && Arrays.equals(newValue, c.newValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, path, Arrays.hashCode(oldValue), Arrays.hashCode(newValue));
    }

    @Override
    public String toString() {
        return kind + " " + path + switch (kind) {
            case ADDED -> " (" + newValue.length + " bytes)";
            case CHANGED -> " (" + oldValue.length + " -> " + newValue.length + " bytes)";
            case REMOVED -> "";
        };
    }
}
