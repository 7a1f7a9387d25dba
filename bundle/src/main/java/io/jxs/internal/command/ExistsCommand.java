package io.jxs.internal.command;

import io.jxs.XenStore;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:exists}: Tells whether a node exists. */
@Service
@Command(scope = XenStoreAction.SCOPE, name = "exists", description = "Tells whether a node exists")
public class ExistsCommand extends XenStoreAction {
    @Argument(index = 0, name = "path", description = "The node", required = true)
    @Completion(PathCompleter.class)
    String path;

    @Override
    protected Object execute(XenStore store) {
        System.out.println(store.exists(path));
        return null;
    }
}
