package io.jxs.internal.command;

import io.jxs.Permission;
import io.jxs.XenStore;
import org.apache.karaf.shell.api.action.Completion;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:chmod}: Sets a node's permissions, the owner first (b0 r5 ...). */
@Service
@Command(scope = XenStoreAction.SCOPE, name = "chmod", description = "Sets a node's permissions, the owner first (b0 r5 ...)")
public class ChmodCommand extends XenStoreAction {
    @Argument(index = 0, name = "path", description = "The node", required = true)
    @Completion(PathCompleter.class)
    String path;

    @Argument(index = 1, name = "perms", description = "Permissions: r, w, b or n and a domain id; the first names the owner",
            required = true, multiValued = true)
    List<String> perms;

    @Override
    protected Object execute(XenStore store) {
        store.setPerms(path, perms.stream().map(Permission::parse).toList());
        return null;
    }
}
