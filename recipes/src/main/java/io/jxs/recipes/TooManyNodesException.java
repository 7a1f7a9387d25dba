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

import io.jxs.XenStoreException;

/**
 * A subtree holds more nodes than a {@link TreeCache} was allowed to mirror. The error word is
 * {@code ENOSPC}, as for the daemons' own node quota.
 */
public class TooManyNodesException extends XenStoreException {
    private static final long serialVersionUID = 1L;

    private final int maxNodes;

    /**
     * Creates the exception.
     *
     * @param root the top of the mirrored subtree
     * @param maxNodes the cache's maximum
     */
    public TooManyNodesException(String root, int maxNodes) {
        super("ENOSPC", "the subtree " + root + " holds more than " + maxNodes
                + " nodes, the most its TreeCache may mirror; give the cache a higher maximum or mirror a smaller subtree");
        this.maxNodes = maxNodes;
    }

    /**
     * Returns the cache's maximum.
     *
     * @return the number of nodes the cache may hold
     */
    public int maxNodes() {
        return maxNodes;
    }
}
