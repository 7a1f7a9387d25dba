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

import io.jxs.management.XenStoreMBean;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code xenstore:status}: prints whether the container is connected, to which daemon, why the last connection
 * attempt failed and why the last configuration was refused: what the {@code io.jxs:type=XenStore} MBean's attributes
 * say, for a shell user. Works while disconnected, unlike the other {@code xenstore:} commands.
 */
@Service
@Command(scope = XenStoreCommandSupport.SCOPE, name = "status",
        description = "Prints the connection to XenStore, its last error and a refused configuration")
public class StatusCommand implements Action {
    @Reference(optional = true)
    XenStoreMBean management;

    /**
     * Prints the state, one {@code name: value} line each.
     *
     * @return null: the command prints itself
     */
    @Override
    public Object execute() {
        if (management == null) {
            System.out.println("connected: false (the jxs component is not active: see scr:list and karaf.log)");
            return null;
        }
        System.out.println("connected: " + management.isConnected());
        System.out.println("transport: " + management.getTransport());
        System.out.println("path: " + management.getPath());
        System.out.println("last connection error: " + management.getLastConnectionError());
        System.out.println("refused configuration: " + management.getRefusedConfiguration());
        return null;
    }
}
