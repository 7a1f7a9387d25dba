package io.jxs.internal.command;

import io.jxs.XenStore;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:rm}: Removes a node and its subtree. */
@Service
@Command(scope = XenStoreAction.SCOPE, name = "rm", description = "Removes a node and its subtree")
public class RmCommand extends XenStoreAction {
    @Argument(index = 0, name = "path", description = "The node", required = true)
    @Completion(PathCompleter.class)
    String path;

    @Override
    protected Object execute(XenStore store) {
        store.delete(path);
        return null;
    }
}
