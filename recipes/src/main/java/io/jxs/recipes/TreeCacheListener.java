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
import java.util.List;

/**
 * Hears what a {@link TreeCache} takes in. Called on the cache's own thread, one call at a time, after
 * the mirror has been updated: {@link TreeCache#snapshot()} called from here shows the state the
 * changes lead to. A call never holds half of a transaction another client committed. What a
 * listener throws is logged and does not stop the cache.
 */
@FunctionalInterface
public interface TreeCacheListener {

    /**
     * The mirror took in a batch of changes.
     *
     * @param changes the nodes added, changed and removed, in path order; never empty
     */
    void changed(List<TreeChange> changes);

    /**
     * The mirror was read whole again, because its watch fired on the subtree's top: when the cache
     * starts, after a reconnection, after the monitor's queue overflowed, and when the top node itself
     * is written. By default passes non-empty changes on to {@link #changed(List)}.
     *
     * @param changes the difference between the mirror before and after, in path order; possibly empty
     */
    default void resynchronized(List<TreeChange> changes) {
        if (!changes.isEmpty()) {
            changed(changes);
        }
    }

    /**
     * The cache stopped for good: the subtree outgrew the cache's maximum
     * ({@link TooManyNodesException}), the connection was lost for good, or the daemon refused a read.
     * The mirror keeps its last state.
     *
     * @param cause why
     */
    default void failed(XenStoreException cause) {
    }
}
