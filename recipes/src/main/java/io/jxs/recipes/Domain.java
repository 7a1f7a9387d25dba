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

/**
 * A domain as a {@link DomainTracker} knows it: its id, and which of the domains that had that id it
 * is. Xen reuses domain ids; two domains with one id are different values, so that nothing registered
 * against the one that went carries over to the next.
 *
 * @param domid the domain id
 * @param incarnation the tracker's number for this domain, unique among the domains one tracker reported
 */
public record Domain(int domid, long incarnation) {

    /**
     * Returns the domain's home in XenStore.
     *
     * @return {@code /local/domain/DOMID}
     */
    public String path() {
        return "/local/domain/" + domid;
    }

    @Override
    public String toString() {
        return "domain " + domid + " (#" + incarnation + ")";
    }
}
