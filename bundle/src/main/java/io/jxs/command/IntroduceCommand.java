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

import io.jxs.XenStore;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:introduce}: Introduces a domain to the daemon. */
@Service
@Command(scope = XenStoreCommandSupport.SCOPE, name = "introduce", description = "Introduces a domain to the daemon")
public class IntroduceCommand extends XenStoreCommandSupport {
    @Argument(index = 0, name = "domid", description = "The domain id", required = true)
    int domid;

    @Argument(index = 1, name = "mfn", description = "The frame of the domain's XenStore ring page", required = true)
    long mfn;

    @Argument(index = 2, name = "event-channel", description = "The domain's XenStore event channel", required = true)
    int eventChannel;

    @Override
    protected Object execute(XenStore store) {
        store.introduceDomain(domid, mfn, eventChannel);
        return null;
    }
}
