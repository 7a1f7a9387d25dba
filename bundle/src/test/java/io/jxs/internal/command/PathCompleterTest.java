package io.jxs.internal.command;

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
class PathCompleterTest {

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
