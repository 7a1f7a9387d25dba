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
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:control}: Sends dom0's CONTROL request, as xenstore-control does, and prints the reply. */
@Service
@Command(scope = XenStoreCommandSupport.SCOPE, name = "control",
        description = "Sends dom0's CONTROL request, as xenstore-control does, and prints the reply (help lists C xenstored's commands)")
public class ControlCommand extends XenStoreCommandSupport {
    @Argument(index = 0, name = "command", description = "The command, then its arguments, for example: quota set watches 256",
            required = true, multiValued = true)
    List<String> words;

    @Override
    protected Object execute(XenStore store) {
        println(store.control(words.toArray(String[]::new)).stripTrailing());
        return null;
    }
}
