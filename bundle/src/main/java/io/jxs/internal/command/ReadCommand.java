package io.jxs.internal.command;

import io.jxs.XenStore;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:read}: prints the values of nodes, as {@code xenstore-read}. */
@Service
@Command(scope = XenStoreAction.SCOPE, name = "read", description = "Prints the value of one or more nodes")
public class ReadCommand extends XenStoreAction {
    @Argument(index = 0, name = "paths", description = "The nodes", required = true, multiValued = true)
    @Completion(PathCompleter.class)
    List<String> paths;

    @Override
    protected Object execute(XenStore store) {
        for (String path : paths) {
            System.out.println(store.readString(path));
        }
        return null;
    }
}
