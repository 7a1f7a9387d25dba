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

import io.jxs.XenStoreException;
import io.jxs.XenStoreOperations;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The domains the page lists: each numeric child of {@code /local/domain}, with its home path as the daemon
 * says it ({@code GET_DOMAIN_PATH}) and its {@code name} node when it has one.
 */
final class DomainsView {
    private DomainsView() {
    }

    /**
     * Lists the domains as a JSON array of objects {@code {"domid", "path", "name"}}, by domain id.
     *
     * @param store where they are read
     * @return the JSON text; an empty array when {@code /local/domain} does not exist
     * @throws XenStoreException as the store's list and read throw it, other than {@code ENOENT}
     */
    static String toJson(XenStoreOperations store) {
        List<Integer> domids = new ArrayList<>();
        try {
            for (String child : store.list("/local/domain")) {
                if (!child.isEmpty() && child.length() <= 5 && child.chars().allMatch(Character::isDigit)) {
                    domids.add(Integer.parseInt(child));
                }
            }
        } catch (XenStoreException e) {
            if (!"ENOENT".equals(e.errorName())) {
                throw e;
            }
        }
        domids.sort(Comparator.naturalOrder());
        StringBuilder json = new StringBuilder("[");
        for (int domid : domids) {
            String path = store.getDomainPath(domid);
            byte[] name = store.read(path + "/name", null);
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"domid\":").append(domid).append(",\"path\":").append(Json.quote(path))
                    .append(",\"name\":").append(Json.quote(name == null ? null
                            : new String(name, StandardCharsets.UTF_8)))
                    .append('}');
        }
        return json.append(']').toString();
    }
}
