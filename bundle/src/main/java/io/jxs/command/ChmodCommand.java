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

import io.jxs.Permission;
import io.jxs.XenStore;
import org.apache.karaf.shell.api.action.Completion;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:chmod}: Sets a node's permissions, the owner first (b0 r5 ...). */
@Service
@Command(scope = XenStoreCommandSupport.SCOPE, name = "chmod", description = "Sets a node's permissions, the owner first (b0 r5 ...)")
public class ChmodCommand extends XenStoreCommandSupport {
    @Argument(index = 0, name = "path", description = "The node", required = true)
    @Completion(PathCompleter.class)
    String path;

    @Argument(index = 1, name = "perms", description = "Permissions: r, w, b or n and a domain id; the first names the owner",
            required = true, multiValued = true)
    List<String> perms;

    @Override
    protected Object execute(XenStore store) {
        store.setPerms(path, perms.stream().map(Permission::parse).toList());
        return null;
    }
}
