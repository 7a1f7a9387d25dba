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

import io.jxs.Node;
import io.jxs.XenStoreException;
import io.jxs.XenStoreOperations;
import java.util.List;
import java.util.stream.Stream;

/**
 * A subtree copied out of the page: as {@code xenstore-ls} prints it (one line per node below the top, indented
 * one space a level, {@code name = "escaped value"}, a {@code state} node's XenbusState name after it), or as a
 * JSON object from each node's path to its value (text, or {@code {"hex": ...}} when binary). Bounded: a subtree
 * of more than {@link #MAX_NODES} nodes is refused rather than read whole into memory.
 */
final class SubtreeExport {
    /** The most nodes an export reads. */
    static final int MAX_NODES = 100_000;

    private SubtreeExport() {
    }

    /**
     * Reads a subtree, top first.
     *
     * @param store where it is read
     * @param top its top
     * @return the nodes, the top first
     * @throws XenStoreException {@code ENOENT} when the top does not exist, {@code E2BIG} when the subtree has
     *     more than {@link #MAX_NODES} nodes, or as the store's walk throws it
     */
    static List<Node> read(XenStoreOperations store, String top) {
        List<Node> nodes;
        try (Stream<Node> walk = store.walk(top)) {
            nodes = walk.limit(MAX_NODES + 1L).toList();
        }
        if (nodes.isEmpty() || !nodes.get(0).path().equals(top)) {
            throw new XenStoreException("ENOENT", "ENOENT: " + top);
        }
        if (nodes.size() > MAX_NODES) {
            throw new XenStoreException("E2BIG", "E2BIG: " + top + " has more than " + MAX_NODES + " nodes");
        }
        return nodes;
    }

    /**
     * Writes nodes as {@code xenstore-ls TOP} prints them.
     *
     * @param top the subtree's top
     * @param nodes the subtree, top first, as {@link #read} returns it
     * @return the text, one line a node, each ending in a newline
     */
    static String asXenstoreLs(String top, List<Node> nodes) {
        int depth = depth(top);
        StringBuilder text = new StringBuilder();
        for (Node node : nodes.subList(1, nodes.size())) {
            String name = node.path().substring(node.path().lastIndexOf('/') + 1);
            text.append(" ".repeat(depth(node.path()) - depth - 1)).append(name)
                    .append(" = \"").append(ValueText.escaped(node.value())).append('"');
            String state = new NodeView(node.path(), node.value(), List.of(), List.of()).stateName();
            if (state != null) {
                text.append(" (").append(state).append(')');
            }
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * Writes nodes as one JSON object from path to value: a string when the value is text, else an object
     * {@code {"hex": ...}}.
     *
     * @param nodes the subtree, top first
     * @return the JSON text
     */
    static String asJson(List<Node> nodes) {
        StringBuilder json = new StringBuilder("{");
        for (Node node : nodes) {
            if (json.length() > 1) {
                json.append(",\n");
            }
            String text = ValueText.text(node.value());
            json.append(Json.quote(node.path())).append(':').append(text != null ? Json.quote(text)
                    : "{\"hex\":" + Json.quote(ValueText.hex(node.value())) + "}");
        }
        return json.append("}").toString();
    }

    private static int depth(String path) {
        return "/".equals(path) ? 0 : (int) path.chars().filter(c -> c == '/').count();
    }
}
