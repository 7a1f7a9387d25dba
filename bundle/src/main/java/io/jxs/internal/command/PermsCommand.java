package io.jxs.internal.command;

import io.jxs.Permission;
import io.jxs.XenStore;
import org.apache.karaf.shell.api.action.Completion;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:perms}: Prints a node's permissions, the owner first (b0 r5 ...). */
@Service
@Command(scope = XenStoreAction.SCOPE, name = "perms", description = "Prints a node's permissions, the owner first (b0 r5 ...)")
public class PermsCommand extends XenStoreAction {
    @Argument(index = 0, name = "path", description = "The node", required = true)
    @Completion(PathCompleter.class)
    String path;

    @Override
    protected Object execute(XenStore store) {
        System.out.println(store.getPerms(path).stream().map(Permission::toString).collect(Collectors.joining(" ")));
        return null;
    }
}
