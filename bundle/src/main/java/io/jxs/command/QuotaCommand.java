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
package io.jxs.command;

import io.jxs.DomainQuota;
import io.jxs.XenStore;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:quota}: Prints the daemon's quota limits, or what one domain uses of them. */
@Service
@Command(scope = XenStoreCommandSupport.SCOPE, name = "quota",
        description = "Prints C xenstored's quota limits, or with a domain id what that domain uses (both daemons)")
public class QuotaCommand extends XenStoreCommandSupport {
    @Argument(index = 0, name = "domid", description = "The domain whose usage to print; without it, the limits")
    Integer domid;

    @Override
    protected Object execute(XenStore store) {
        if (domid == null) {
            print(store.quota().limits());
            return null;
        }
        DomainQuota quota = store.quota(domid);
        print(quota.usage());
        quota.nodeLimit().ifPresent(limit -> println(String.format("%-17s: %8d", "node-limit", limit)));
        return null;
    }

    private void print(Map<String, Integer> values) {
        values.forEach((name, value) -> println(String.format("%-17s: %8d", name, value)));
    }
}
