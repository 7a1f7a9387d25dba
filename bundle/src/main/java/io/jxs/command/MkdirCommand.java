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
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:mkdir}: Creates a node with an empty value. */
@Service
@Command(scope = XenStoreCommandSupport.SCOPE, name = "mkdir", description = "Creates a node with an empty value")
public class MkdirCommand extends XenStoreCommandSupport {
    @Argument(index = 0, name = "path", description = "The node", required = true)
    @Completion(PathCompleter.class)
    String path;

    @Override
    protected Object execute(XenStore store) {
        store.mkdir(path);
        return null;
    }
}
