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
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:access}: Prints what a domain may do on a path, and why. */
@Service
@Command(scope = XenStoreCommandSupport.SCOPE, name = "access",
        description = "Prints what a domain may do on a path (read, write, create a child, remove, set permissions, "
                + "see watch events) and why, by C xenstored 4.17's permission rules")
public class AccessCommand extends XenStoreCommandSupport {
    @Option(name = "-t", aliases = "--target", description = "The domain it acts for, when it is a stub domain (SET_TARGET)")
    Integer target;

    @Argument(index = 0, name = "domid", description = "The domain id", required = true)
    int domid;

    @Argument(index = 1, name = "path", description = "An absolute path, or one relative to the domain's home", required = true)
    @Completion(PathCompleter.class)
    String path;

    @Override
    protected Object execute(XenStore store) {
        println((target == null ? store.access(domid, path) : store.access(domid, target, path)).toString());
        return null;
    }
}
