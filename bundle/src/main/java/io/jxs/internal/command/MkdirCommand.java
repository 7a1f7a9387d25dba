package io.jxs.internal.command;

import io.jxs.XenStore;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:mkdir}: Creates a node with an empty value. */
@Service
@Command(scope = XenStoreAction.SCOPE, name = "mkdir", description = "Creates a node with an empty value")
public class MkdirCommand extends XenStoreAction {
    @Argument(index = 0, name = "path", description = "The node", required = true)
    @Completion(PathCompleter.class)
    String path;

    @Override
    protected Object execute(XenStore store) {
        store.mkdir(path);
        return null;
    }
}
