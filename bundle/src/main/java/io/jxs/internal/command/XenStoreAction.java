package io.jxs.internal.command;

import io.jxs.XenStore;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/**
 * The base of the {@code xenstore:*} commands: the shared {@link XenStore} service, which is only
 * there while the container is connected to the daemon.
 */
public abstract class XenStoreAction implements Action {
    /** The command scope. */
    public static final String SCOPE = "xenstore";

    @Reference(optional = true)
    XenStore store;

    @Override
    public final Object execute() throws Exception {
        if (store == null) {
            throw new IllegalStateException("not connected to XenStore: see the io.jxs configuration "
                    + "(config:edit io.jxs) and the Connected attribute of the io.jxs:type=XenStore MBean");
        }
        return execute(store);
    }

    /**
     * Runs the command.
     *
     * @param store the shared store
     * @return what the shell prints, or null when the command printed itself
     * @throws Exception when the command fails; the shell prints the message
     */
    protected abstract Object execute(XenStore store) throws Exception;
}
