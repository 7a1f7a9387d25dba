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
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:write}: writes a node's value, creating missing parents. */
@Service
@Command(scope = XenStoreCommandSupport.SCOPE, name = "write", description = "Writes a node's value (UTF-8)")
public class WriteCommand extends XenStoreCommandSupport {
    @Argument(index = 0, name = "path", description = "The node", required = true)
    @Completion(PathCompleter.class)
    String path;

    @Argument(index = 1, name = "value", description = "The value", required = true)
    String value;

    @Override
    protected Object execute(XenStore store) {
        store.write(path, value);
        return null;
    }
}
