package io.jxs.internal.command;

import io.jxs.XenStore;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:write}: writes a node's value, creating missing parents. */
@Service
@Command(scope = XenStoreAction.SCOPE, name = "write", description = "Writes a node's value (UTF-8)")
public class WriteCommand extends XenStoreAction {
    @Argument(index = 0, name = "path", description = "The node", required = true)
    @Completion(PathCompleter.class)
    String path;

    @Argument(index = 1, name = "value", description = "The value", required = true)
    String value;

    @Override
    protected Object execute(XenStore store) {
        store.write(path, value);
        return null;
    }
}
