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
import io.jxs.XenStoreOperations;
import io.jxs.XenbusState;
import java.util.List;

/**
 * One node as the page shows it, in JSON: its value (as text when it is text, as {@code xenstore-ls} escapes it,
 * and as hex when it is binary), its XenbusState name when it is a device's {@code state} node, its permissions
 * as the daemon sends them and in words, and the names of its children.
 *
 * @param path the node
 * @param value its raw value
 * @param perms its permissions, the owner first
 * @param children the names of its children
 */
record NodeView(String path, byte[] value, List<Permission> perms, List<String> children) {
    /**
     * Reads a node.
     *
     * @param store where it is read
     * @param path the node
     * @return the node's view
     * @throws io.jxs.XenStoreException as the store's read, getPerms and list throw it ({@code ENOENT}, ...)
     */
    static NodeView read(XenStoreOperations store, String path) {
        byte[] value = store.read(path);
        List<Permission> perms = store.getPerms(path);
        List<String> children = store.list(path);
        return new NodeView(path, value, perms, children);
    }

    /**
     * Returns the XenbusState of a device's {@code state} node.
     *
     * @return the protocol's name of the state ({@code Connected}, ...), or null for any other node or value
     */
    String stateName() {
        if (!path.endsWith("/state")) {
            return null;
        }
        return XenbusState.tryParse(value).map(XenbusState::protocolName).orElse(null);
    }

    /**
     * Writes this view as a JSON object with the fields {@code path}, {@code value} (null when binary),
     * {@code escaped}, {@code binary}, {@code hex} (binary values only), {@code state}, {@code perms},
     * {@code permissions} and {@code children}.
     *
     * @return the JSON text
     */
    String toJson() {
        String text = ValueText.text(value);
        StringBuilder json = new StringBuilder("{\"path\":").append(Json.quote(path))
                .append(",\"value\":").append(Json.quote(text))
                .append(",\"escaped\":").append(Json.quote(ValueText.escaped(value)))
                .append(",\"binary\":").append(text == null);
        if (text == null) {
            json.append(",\"hex\":").append(Json.quote(ValueText.hex(value)));
        }
        return json.append(",\"state\":").append(Json.quote(stateName()))
                .append(",\"perms\":").append(Json.array(perms.stream().map(Permission::toString).toList()))
                .append(",\"permissions\":").append(Json.quote(PermissionWords.describe(perms)))
                .append(",\"children\":").append(Json.array(children))
                .append('}').toString();
    }
}
