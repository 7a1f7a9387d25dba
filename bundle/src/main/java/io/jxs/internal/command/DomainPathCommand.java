package io.jxs.internal.command;

import io.jxs.XenStore;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:domain-path}: Prints a domain's home path. */
@Service
@Command(scope = XenStoreAction.SCOPE, name = "domain-path", description = "Prints a domain's home path")
public class DomainPathCommand extends XenStoreAction {
    @Argument(index = 0, name = "domid", description = "The domain id", required = true)
    int domid;

    @Override
    protected Object execute(XenStore store) {
        System.out.println(store.getDomainPath(domid));
        return null;
    }
}
