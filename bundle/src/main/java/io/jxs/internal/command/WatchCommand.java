package io.jxs.internal.command;

import io.jxs.Monitor;
import io.jxs.WatchEvent;
import io.jxs.XenStore;
import org.apache.karaf.shell.api.action.Completion;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:watch}: Prints the watch events of paths until interrupted (Ctrl-C). */
@Service
@Command(scope = XenStoreAction.SCOPE, name = "watch", description = "Prints the watch events of paths until interrupted (Ctrl-C)")
public class WatchCommand extends XenStoreAction {
    @Argument(index = 0, name = "paths", description = "Paths, or @introduceDomain / @releaseDomain",
            required = true, multiValued = true)
    @Completion(PathCompleter.class)
    List<String> paths;

    @Override
    protected Object execute(XenStore store) {
        try (Monitor monitor = store.monitor()) {
            for (String path : paths) {
                monitor.watch(path, path);
            }
            while (!Thread.currentThread().isInterrupted()) {
                WatchEvent event = monitor.take();
                System.out.println(event.path() + " " + event.token());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
