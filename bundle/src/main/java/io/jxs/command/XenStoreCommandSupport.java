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

import io.jxs.XenStore;
import io.jxs.XenStoreException;
import io.jxs.XenbusState;
import io.jxs.Sanitiser;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;

/**
 * The base of the {@code xenstore:*} commands, as Karaf's own {@code *CommandSupport} classes: the
 * shared {@link XenStore} service (there only while the container is connected to the daemon), the
 * output, the escaping of values as the C tools print them, and one way of reporting failures.
 *
 * <p>A failure is reported as a {@link CommandException} whose message is the daemon's word, for
 * example {@code ENOENT: /local/domain/9}: the shell prints it without a stack trace and does not log
 * it as an error, as Karaf does for its own commands' expected failures.
 */
public abstract class XenStoreCommandSupport implements Action {
    /** The command scope. */
    public static final String SCOPE = "xenstore";

    /** What a command says when the container is not connected to the daemon. */
    static final String NOT_CONNECTED = "not connected to XenStore: see the io.jxs configuration "
            + "(config:edit io.jxs) and the Connected and LastConnectionError attributes of the "
            + "io.jxs:type=XenStore,name=* MBean";

    @Reference(optional = true)
    XenStore store;

    /**
     * Runs the command on the shared store.
     *
     * @return what the shell prints, or null when the command printed itself
     * @throws CommandException when the container is not connected, or the input or the daemon refused
     * @throws Exception when the command fails otherwise
     */
    @Override
    public final Object execute() throws Exception {
        XenStore current = store;
        if (current == null) {
            throw new CommandException(NOT_CONNECTED);
        }
        try {
            return execute(current);
        } catch (XenStoreException e) {
            throw new CommandException(e.describe(), e);
        } catch (IllegalArgumentException e) {
            throw new CommandException("EINVAL: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the command.
     *
     * @param store the shared store
     * @return what the shell prints, or null when the command printed itself
     * @throws Exception when the command fails; a {@link XenStoreException} is reported by its message
     */
    protected abstract Object execute(XenStore store) throws Exception;

    /**
     * Returns where the command prints: the session's console.
     *
     * @return the output stream
     */
    protected PrintStream out() {
        return System.out;
    }

    /**
     * Prints a line.
     *
     * @param line the text
     */
    protected void println(String line) {
        out().println(line);
    }

    /**
     * Escapes a value as {@code xenstore-read} and {@code xenstore-ls} print it.
     *
     * @param value the raw value
     * @return the escaped text
     */
    protected static String sanitise(byte[] value) {
        return Sanitiser.sanitise(value);
    }

    /**
     * Names the XenBus state of a device's {@code state} node, as {@code " (Connected)"}, so that
     * {@code 4} reads as {@code 4 (Connected)}.
     *
     * @param path the node
     * @param value its value
     * @return the name in parentheses with a space before it, or empty for any other node or value
     */
    protected static String stateName(String path, byte[] value) {
        if (!path.endsWith("/state")) {
            return "";
        }
        return XenbusState.tryParse(value).map(state -> " (" + state.protocolName() + ")").orElse("");
    }
}
