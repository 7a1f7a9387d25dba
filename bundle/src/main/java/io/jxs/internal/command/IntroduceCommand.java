package io.jxs.internal.command;

import io.jxs.XenStore;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:introduce}: Introduces a domain to the daemon. */
@Service
@Command(scope = XenStoreAction.SCOPE, name = "introduce", description = "Introduces a domain to the daemon")
public class IntroduceCommand extends XenStoreAction {
    @Argument(index = 0, name = "domid", description = "The domain id", required = true)
    int domid;

    @Argument(index = 1, name = "mfn", description = "The frame of the domain's XenStore ring page", required = true)
    long mfn;

    @Argument(index = 2, name = "event-channel", description = "The domain's XenStore event channel", required = true)
    int eventChannel;

    @Override
    protected Object execute(XenStore store) {
        store.introduceDomain(domid, mfn, eventChannel);
        return null;
    }
}
