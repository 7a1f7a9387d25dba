/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.jxs.command;

import io.jxs.Monitor;
import io.jxs.WatchEvent;
import io.jxs.XenStore;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code xenstore:watch}: prints the watch events of paths, as {@code xenstore-watch} does, until Ctrl-C, the end of
 * the session, a count of events or a timeout. Each event is flushed as it comes, so that batch mode
 * ({@code bin/client -b}) shows it too.
 */
@Service
@Command(scope = XenStoreCommandSupport.SCOPE, name = "watch",
        description = "Prints the watch events of paths until Ctrl-C, --count events or --timeout seconds")
public class WatchCommand extends XenStoreCommandSupport {
    /**
     * How often the command looks whether its session has ended when no event comes: the shell does not interrupt
     * a command whose SSH session was killed, but printing to its ended session fails.
     */
    static final long SESSION_CHECK_MILLIS = 500;

    @Argument(index = 0, name = "paths", description = "Paths, or @introduceDomain / @releaseDomain",
            required = true, multiValued = true)
    @Completion(PathCompleter.class)
    List<String> paths;

    @Option(name = "-n", aliases = "--count",
            description = "Stops after this many events (each path's first event, which comes at once, counts)")
    int count;

    @Option(name = "-t", aliases = "--timeout", description = "Stops after this many seconds")
    long timeoutSeconds;

    /** The shell session, whose console fails to flush once its SSH session has ended; null outside a shell. */
    @Reference(optional = true)
    Session session;

    @Override
    protected Object execute(XenStore store) {
        if (count < 0 || timeoutSeconds < 0) {
            throw new IllegalArgumentException("--count and --timeout must not be negative: " + count + ", "
                    + timeoutSeconds);
        }
        PrintStream out = out();
        long deadline = timeoutSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds) : Long.MAX_VALUE;
        try (Monitor monitor = store.monitor()) {
            for (String path : paths) {
                monitor.watch(path, path);
            }
            int printed = 0;
            while (count == 0 || printed < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                WatchEvent event = monitor.poll(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, SESSION_CHECK_MILLIS),
                        TimeUnit.MILLISECONDS);
                if (event != null) {
                    out.println(event.path() + " " + event.token());
                    printed++;
                }
                out.flush();
                if (out.checkError() || sessionEnded()) {
                    break; // nobody reads any more
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // Ctrl-C
        }
        return null;
    }

    /** Tells whether the shell session's console is gone: the shell does not interrupt this command then. */
    private boolean sessionEnded() {
        if (session == null) {
            return false;
        }
        PrintStream console = session.getConsole();
        if (console == null) {
            return true;
        }
        console.flush();
        return console.checkError();
    }
}
