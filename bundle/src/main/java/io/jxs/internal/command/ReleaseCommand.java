package io.jxs.internal.command;

import io.jxs.XenStore;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:release}: Releases a domain. */
@Service
@Command(scope = XenStoreAction.SCOPE, name = "release", description = "Releases a domain")
public class ReleaseCommand extends XenStoreAction {
    @Argument(index = 0, name = "domid", description = "The domain id", required = true)
    int domid;

    @Override
    protected Object execute(XenStore store) {
        store.releaseDomain(domid);
        return null;
    }
}
