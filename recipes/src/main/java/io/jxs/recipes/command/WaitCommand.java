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
package io.jxs.recipes.command;

import io.jxs.XenStore;
import io.jxs.XenStoreException;
import io.jxs.XenbusState;
import io.jxs.recipes.DeviceStates;
import io.jxs.recipes.XenbusDevice;
import io.jxs.recipes.XenbusDevice.Side;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

/**
 * {@code xenstore:wait PATH STATE}: waits until one side of a device reaches a XenBus state, as
 * {@link DeviceStates#await} does, and prints the state reached, or fails naming the last state of
 * both sides. PATH is a device's front-end or back-end directory (or its {@code state} node); the other
 * side is found through the directory's {@code backend} or {@code frontend} node, as drivers find it.
 */
@Command(scope = "xenstore", name = "wait", description = "Waits until one side of a device reaches a XenBus state")
@Service
public class WaitCommand implements Action {

    @Reference(optional = true)
    XenStore store;

    @Argument(index = 0, name = "path", required = true,
            description = "A device's front-end or back-end directory, or its state node, "
                    + "for example /local/domain/0/backend/vif/5/0")
    String path;

    @Argument(index = 1, name = "state", required = true,
            description = "The state to wait for: a name (Connected) or a number (4); several separated by commas")
    String state;

    @Option(name = "-t", aliases = "--timeout", description = "How long to wait at most, in seconds (default 30)")
    long timeoutSeconds = 30;

    @Override
    public Object execute() throws Exception {
        XenStore current = store;
        if (current == null) {
            throw new CommandException("not connected to XenStore: see the io.jxs configuration");
        }
        try {
            String directory = path.endsWith("/state") ? path.substring(0, path.length() - "/state".length()) : path;
            Set<XenbusState> wanted = states(state);
            if (timeoutSeconds <= 0) {
                throw new IllegalArgumentException("the timeout must be positive: " + timeoutSeconds);
            }
            Side side = side(current, directory);
            XenbusDevice device = side == Side.BACKEND
                    ? XenbusDevice.of(peer(current, directory, "frontend"), directory)
                    : XenbusDevice.of(directory, peer(current, directory, "backend"));
            XenbusState reached = new DeviceStates(current).await(device, side, wanted, Duration.ofSeconds(timeoutSeconds));
            System.out.println(device.statePath(side) + " = " + reached.number() + " (" + reached.protocolName() + ")");
            return null;
        } catch (XenStoreException e) {
            throw new CommandException(e.describe(), e);
        } catch (IllegalArgumentException e) {
            throw new CommandException("EINVAL: " + e.getMessage(), e);
        }
    }

    /** The side a directory is: a back-end names its front-end, and a front-end its back-end. */
    private static Side side(XenStore store, String directory) {
        if (store.exists(directory + "/frontend")) {
            return Side.BACKEND;
        }
        if (store.exists(directory + "/backend")) {
            return Side.FRONTEND;
        }
        throw new IllegalArgumentException(directory + " has neither a frontend nor a backend node: not a device directory");
    }

    private static String peer(XenStore store, String directory, String link) {
        return new String(store.read(directory + "/" + link), StandardCharsets.UTF_8);
    }

    /** Parses {@code Connected}, {@code 4} or {@code InitWait,Connected}. */
    static Set<XenbusState> states(String text) {
        Set<XenbusState> states = EnumSet.noneOf(XenbusState.class);
        for (String part : text.split(",")) {
            String word = part.trim();
            XenbusState match = null;
            for (XenbusState candidate : XenbusState.values()) {
                if (candidate.protocolName().equalsIgnoreCase(word) || candidate.value().equals(word)
                        || candidate.name().equals(word.toUpperCase(Locale.ROOT))) {
                    match = candidate;
                }
            }
            if (match == null) {
                throw new IllegalArgumentException("'" + word + "' is not a XenBus state: the states are 0 (Unknown) "
                        + "to 8 (Reconfigured), by number or name");
            }
            states.add(match);
        }
        return states;
    }
}
