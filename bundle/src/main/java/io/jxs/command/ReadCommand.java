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
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code xenstore:read}: prints the values of nodes as {@code xenstore-read} does: one line each, the
 * value escaped ({@code \t}, {@code \\}, {@code \x7f}, ...); with {@code --raw} (as
 * {@code xenstore-read -R}) the bytes as they are, with no line break after them.
 */
@Service
@Command(scope = XenStoreCommandSupport.SCOPE, name = "read", description = "Prints the value of one or more nodes, "
        + "escaped as xenstore-read does")
public class ReadCommand extends XenStoreCommandSupport {
    @Argument(index = 0, name = "paths", description = "The nodes", required = true, multiValued = true)
    @Completion(PathCompleter.class)
    List<String> paths;

    @Option(name = "-r", aliases = "--raw", description = "Print the values' bytes as they are, without escaping "
            + "and without line breaks (as xenstore-read -R)")
    boolean raw;

    @Override
    protected Object execute(XenStore store) {
        PrintStream out = out();
        for (String path : paths) {
            byte[] value = store.read(path);
            if (raw) {
                out.write(value, 0, value.length);
            } else {
                out.println(sanitise(value) + stateName(path, value));
            }
        }
        out.flush();
        return null;
    }
}
