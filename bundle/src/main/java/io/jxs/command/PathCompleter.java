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
import io.jxs.XenStoreException;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes XenStore paths by listing the parent of what has been typed so far. */
@Service
public class PathCompleter implements Completer {
    @Reference(optional = true)
    XenStore store;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        if (store == null) {
            return -1;
        }
        String argument = commandLine.getCursorArgument();
        String typed = argument == null ? "" : argument.substring(0, commandLine.getArgumentPosition());
        int slash = typed.lastIndexOf('/');
        String parent = slash <= 0 ? "/" : typed.substring(0, slash);
        String prefix = slash < 0 ? "/" : typed.substring(0, slash + 1);
        List<String> paths = new ArrayList<>();
        try {
            for (String child : store.list(parent)) {
                paths.add(prefix + child);
            }
        } catch (XenStoreException e) {
            return -1;
        }
        return new StringsCompleter(paths).complete(session, commandLine, candidates);
    }
}
