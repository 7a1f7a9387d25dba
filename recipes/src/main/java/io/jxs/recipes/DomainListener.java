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
 * Hears the domains a {@link DomainTracker} sees come and go. Called on the tracker's own thread, one
 * call at a time, in the order the tracker saw the changes; what a listener throws is logged.
 */
public interface DomainListener {

    /**
     * A domain was introduced to the daemon (or was there when the tracker started).
     *
     * @param domain the new domain; register its resources with {@link DomainTracker#register}
     */
    default void introduced(Domain domain) {
    }

    /**
     * A domain was released. Its registered resources are closed right after this call.
     *
     * @param domain the domain that went
     */
    default void released(Domain domain) {
    }

    /**
     * The tracker stopped for good: the connection was lost for good, or the daemon refused a request
     * (the special watches and {@code IS_DOMAIN_INTRODUCED} need a privileged connection).
     *
     * @param cause why
     */
    default void failed(XenStoreException cause) {
    }
}
