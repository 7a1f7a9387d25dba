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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import io.jxs.testing.DaemonPool;
import io.jxs.testing.XenStoreDaemon;
import io.jxs.testing.XenStoreDaemon.Kind;
import io.jxs.testing.XenStoreDaemonExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code xenstore:ls} prints what the C {@code xenstore-ls} prints, and fails where it fails, against the real daemons. */
@ExtendWith(XenStoreDaemonExtension.class)
class LsCommandIT {

    @Test
    void printsASubtreeAsXenstoreLsDoes(DaemonPool daemons) throws Exception {
        XenStoreDaemon daemon = daemons.get(Kind.XENSTORED);
        try (Client client = Client.unixSocket(daemon.socketPath().toString())) {
            // Short values: xenstore-ls cuts lines at 80 columns, xenstore:ls does not.
            client.write("/ls/top/tab", "a\tb");
            client.write("/ls/top/tab/deeper", new byte[] {0, 7, 8, 0x7f, (byte) 0xff, '\\', '"'});
            client.write("/ls/top/utf8", "caf\u00e9");
            client.mkdir("/ls/top/empty");
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            LsCommand command = new LsCommand() {
                @Override
                protected PrintStream out() {
                    return new PrintStream(printed, true, StandardCharsets.US_ASCII);
                }
            };
            command.store = client;
            command.path = "/ls";
            command.execute();
            assertEquals(daemon.xenstoreCli("xenstore-ls", "/ls") + "\n", printed.toString(StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aMissingNodeFailsWithEnoentAsXenstoreLsDoes(Kind kind, DaemonPool daemons) {
        XenStoreDaemon daemon = daemons.get(kind);
        UncheckedIOException cli = assertThrows(UncheckedIOException.class,
                () -> daemon.xenstoreCli("xenstore-ls", "/ls/missing"));
        assertTrue(cli.getMessage().contains("exited with code 1"), cli.getMessage());
        try (Client client = Client.unixSocket(daemon.socketPath().toString())) {
            LsCommand command = new LsCommand();
            command.store = client;
            command.path = "/ls/missing";
            CommandException e = assertThrows(CommandException.class, command::execute);
            assertEquals("ENOENT: /ls/missing", e.getMessage());
        }
    }
}
