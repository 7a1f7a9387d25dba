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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxs.Client;
import io.jxs.testing.DaemonPool;
import io.jxs.testing.XenStoreDaemon;
import io.jxs.testing.XenStoreDaemon.Kind;
import io.jxs.testing.XenStoreDaemonExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code xenstore:read} prints what the C {@code xenstore-read} prints, against a real xenstored. */
@ExtendWith(XenStoreDaemonExtension.class)
class ReadCommandIT {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private ReadCommand command(Client client, boolean raw, String... paths) {
        ReadCommand command = new ReadCommand() {
            @Override
            protected PrintStream out() {
                return new PrintStream(printed, true, StandardCharsets.US_ASCII);
            }
        };
        command.store = client;
        command.raw = raw;
        command.paths = List.of(paths);
        return command;
    }

    private static byte[] everyByte() {
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        return value;
    }

    @Test
    void escapesEveryByteAsXenstoreReadDoes(DaemonPool daemons) throws Exception {
        XenStoreDaemon daemon = daemons.get(Kind.XENSTORED);
        try (Client client = Client.unixSocket(daemon.socketPath().toString())) {
            client.write("/read/every", everyByte());
            client.write("/read/text", "caf\u00e9 \"quoted\" \\ end");
            command(client, false, "/read/every", "/read/text").execute();
            String expected = daemon.xenstoreCli("xenstore-read", "/read/every") + "\n"
                    + daemon.xenstoreCli("xenstore-read", "/read/text") + "\n";
            assertEquals(expected, printed.toString(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void rawPrintsTheBytesAsTheyAreWithoutLineBreaks(DaemonPool daemons) throws Exception {
        try (Client client = Client.unixSocket(daemons.get(Kind.XENSTORED).socketPath().toString())) {
            client.write("/read/raw/a", everyByte());
            client.write("/read/raw/b", "b");
            command(client, true, "/read/raw/a", "/read/raw/b").execute();
            byte[] expected = new byte[257];
            System.arraycopy(everyByte(), 0, expected, 0, 256);
            expected[256] = 'b';
            assertArrayEquals(expected, printed.toByteArray());
        }
    }

    @Test
    void aMissingNodeFailsWithTheDaemonsWord(DaemonPool daemons) {
        try (Client client = Client.unixSocket(daemons.get(Kind.XENSTORED).socketPath().toString())) {
            CommandException e = assertThrows(CommandException.class,
                    () -> command(client, false, "/read/missing").execute());
            assertEquals("ENOENT: /read/missing", e.getMessage());
        }
    }
}
