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

import io.jxs.Monitor;
import io.jxs.WatchEvent;
import io.jxs.XenStore;
import org.apache.karaf.shell.api.action.Completion;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:watch}: Prints the watch events of paths until interrupted (Ctrl-C). */
@Service
@Command(scope = XenStoreCommandSupport.SCOPE, name = "watch", description = "Prints the watch events of paths until interrupted (Ctrl-C)")
public class WatchCommand extends XenStoreCommandSupport {
    @Argument(index = 0, name = "paths", description = "Paths, or @introduceDomain / @releaseDomain",
            required = true, multiValued = true)
    @Completion(PathCompleter.class)
    List<String> paths;

    @Override
    protected Object execute(XenStore store) {
        try (Monitor monitor = store.monitor()) {
            for (String path : paths) {
                monitor.watch(path, path);
            }
            while (!Thread.currentThread().isInterrupted()) {
                WatchEvent event = monitor.take();
                println(event.path() + " " + event.token());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
