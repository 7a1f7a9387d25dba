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
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:perms}: Prints a node's permissions, the owner first (b0 r5 ...). */
@Service
@Command(scope = XenStoreCommandSupport.SCOPE, name = "perms", description = "Prints a node's permissions, the owner first (b0 r5 ...)")
public class PermsCommand extends XenStoreCommandSupport {
    @Argument(index = 0, name = "path", description = "The node", required = true)
    @Completion(PathCompleter.class)
    String path;

    @Override
    protected Object execute(XenStore store) {
        println(store.getPerms(path).stream().map(Permission::toString).collect(Collectors.joining(" ")));
        return null;
    }
}
