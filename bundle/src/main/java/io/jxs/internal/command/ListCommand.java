package io.jxs.internal.command;

import io.jxs.XenStore;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:list}: Lists the names of a node's children. */
@Service
@Command(scope = XenStoreAction.SCOPE, name = "list", description = "Lists the names of a node's children")
public class ListCommand extends XenStoreAction {
    @Argument(index = 0, name = "path", description = "The node", required = true)
    @Completion(PathCompleter.class)
    String path;

    @Override
    protected Object execute(XenStore store) {
        store.list(path).forEach(System.out::println);
        return null;
    }
}
