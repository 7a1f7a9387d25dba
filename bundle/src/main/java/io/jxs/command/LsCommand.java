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

import io.jxs.Node;
import io.jxs.XenStore;
import io.jxs.XenStoreException;
import java.util.stream.Stream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code xenstore:ls}: prints a subtree under a node, one line per node indented by its depth, with
 * the value escaped as {@code xenstore-ls} prints it (without its cut at the terminal's width).
 */
@Service
@Command(scope = XenStoreCommandSupport.SCOPE, name = "ls", description = "Prints a subtree with values, like xenstore-ls")
public class LsCommand extends XenStoreCommandSupport {
    @Argument(index = 0, name = "path", description = "The top of the subtree (default /)")
    @Completion(PathCompleter.class)
    String path = "/";

    @Override
    protected Object execute(XenStore store) {
        int depth = depth(path);
        boolean[] topFound = {false};
        try (Stream<Node> nodes = store.walk(path)) {
            nodes.forEach(node -> {
                if (node.path().equals(path)) {
                    topFound[0] = true;
                    return;
                }
                String name = node.path().substring(node.path().lastIndexOf('/') + 1);
                String indent = " ".repeat(depth(node.path()) - depth - 1);
                println(indent + name + " = \"" + sanitise(node.value()) + "\"" + stateName(node.path(), node.value()));
            });
        }
        if (!topFound[0]) {
            // As xenstore-ls, which fails with "No such file or directory" and exit status 1.
            throw new XenStoreException("ENOENT", "ENOENT: " + path);
        }
        return null;
    }

    private static int depth(String path) {
        return "/".equals(path) ? 0 : (int) path.chars().filter(c -> c == '/').count();
    }
}
