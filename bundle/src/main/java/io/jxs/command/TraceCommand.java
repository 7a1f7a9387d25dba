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

import io.jxs.management.XenStoreMBean;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * {@code xenstore:trace}: switches the traffic trace of the container's connection on and off, shows its
 * records one per line ({@code 12:00:01.234567 READ /local/domain/0/name tx=0 38us OK}) and exports them
 * as JSON lines; what the {@code io.jxs:type=XenStore} MBean's trace operations do, for a shell user.
 */
@Service
@Command(scope = XenStoreCommandSupport.SCOPE, name = "trace",
        description = "Traces the container's XenStore traffic: on [-n capacity], off, show [-n count], export FILE")
public class TraceCommand implements Action {
    /** How many records {@code trace on} keeps unless told otherwise. */
    static final int DEFAULT_CAPACITY = 10_000;

    @Argument(index = 0, name = "action", description = "on, off, show (the default) or export")
    @Completion(value = StringsCompleter.class, values = {"on", "off", "show", "export"})
    String action = "show";

    @Argument(index = 1, name = "file", description = "For export: the file to write the JSON lines to")
    String file;

    @Option(name = "-n", aliases = "--count",
            description = "For on: how many records to keep (default 10000); for show: how many of the newest to print")
    int count;

    @Reference(optional = true)
    XenStoreMBean management;

    /**
     * Runs the action.
     *
     * @return null: the command prints itself
     * @throws CommandException when the jxs component is not active, the action or its arguments are not
     *     valid, or the file cannot be written
     */
    @Override
    public Object execute() throws CommandException {
        XenStoreMBean current = management;
        if (current == null) {
            throw new CommandException("the jxs component is not active: see scr:list and karaf.log");
        }
        if (count < 0) {
            throw new CommandException("EINVAL: -n must not be negative: " + count);
        }
        if (file != null && !action.equals("export")) {
            throw new CommandException("EINVAL: only export takes a file: " + file);
        }
        PrintStream out = out();
        switch (action) {
            case "on" -> {
                int capacity = count == 0 ? DEFAULT_CAPACITY : count;
                try {
                    current.traceStart(capacity);
                } catch (IllegalArgumentException e) {
                    throw new CommandException(e.getMessage(), e);
                }
                out.println("tracing, keeping the newest " + capacity + " records");
            }
            case "off" -> {
                current.traceStop();
                out.println("not tracing");
            }
            case "show" -> {
                for (String line : current.traceLines(count)) {
                    out.println(line);
                }
                long dropped = current.getTraceDropped();
                if (dropped > 0) {
                    out.println("(" + dropped + " older records dropped)");
                }
            }
            case "export" -> export(current);
            default -> throw new CommandException("EINVAL: the action is on, off, show or export: " + action);
        }
        out.flush();
        return null;
    }

    private void export(XenStoreMBean current) throws CommandException {
        if (file == null) {
            throw new CommandException("EINVAL: export needs a file");
        }
        String lines = current.traceJsonLines(0);
        try {
            Files.writeString(Path.of(file), lines, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new CommandException("cannot write " + file + ": " + e.getMessage(), e);
        }
        out().println("wrote " + lines.lines().count() + " records to " + Path.of(file).toAbsolutePath());
    }

    /**
     * Returns where the command prints: the session's console.
     *
     * @return the output stream
     */
    protected PrintStream out() {
        return System.out;
    }
}
