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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import io.jxs.testing.XenStoreDaemon.Kind;
import io.jxs.testing.XenStoreDaemonExtension;
import io.jxs.testing.DaemonPool;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.console.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Path completion of the xenstore:* commands lists the parent of what has been typed. */
@ExtendWith(XenStoreDaemonExtension.class)
class PathCompleterIT {

    private static List<String> complete(PathCompleter completer, String typed) {
        List<String> candidates = new ArrayList<>();
        completer.complete(null, new CommandLine() {
            @Override
            public int getCursorArgumentIndex() {
                return 1;
            }

            @Override
            public String getCursorArgument() {
                return typed;
            }

            @Override
            public int getArgumentPosition() {
                return typed.length();
            }

            @Override
            public String[] getArguments() {
                return new String[] {"xenstore:read", typed};
            }

            @Override
            public int getBufferPosition() {
                return getBuffer().length();
            }

            @Override
            public String getBuffer() {
                return "xenstore:read " + typed;
            }
        }, candidates);
        return candidates.stream().map(String::strip).sorted().toList();
    }

    @Test
    void completesChildrenOfTheTypedParent(DaemonPool daemons) {
        try (Client client = Client.unixSocket(daemons.get(Kind.XENSTORED).socketPath().toString())) {
            client.write("/complete/alpha/x", "1");
            client.write("/complete/alps", "2");
            client.write("/complete/beta", "3");
            PathCompleter completer = new PathCompleter();
            completer.store = client;
            assertEquals(List.of("/complete/alpha", "/complete/alps"), complete(completer, "/complete/al"));
            assertEquals(List.of("/complete/alpha/x"), complete(completer, "/complete/alpha/"));
            assertTrue(complete(completer, "/comp").contains("/complete"));
            assertEquals(List.of(), complete(completer, "/missing/parent/x"));
        }
    }

    @Test
    void completesNothingWithoutAStore() {
        assertEquals(List.of(), complete(new PathCompleter(), "/a"));
    }
}
