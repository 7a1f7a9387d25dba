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
import io.jxs.Permission;
import io.jxs.testing.DaemonPool;
import io.jxs.testing.XenStoreDaemon;
import io.jxs.testing.XenStoreDaemon.Kind;
import io.jxs.testing.XenStoreDaemonExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code xenstore:control} prints what the C {@code xenstore-control} prints; {@code xenstore:quota} and
 * {@code xenstore:access} against the real daemons.
 */
@ExtendWith(XenStoreDaemonExtension.class)
class ControlQuotaAndAccessCommandsIT {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private <T extends XenStoreCommandSupport> T command(T command, Client client) {
        command.store = client;
        return command;
    }

    private PrintStream printedTo() {
        return new PrintStream(printed, true, StandardCharsets.UTF_8);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private ControlCommand control(Client client, String... words) {
        ControlCommand command = command(new ControlCommand() {
            @Override
            protected PrintStream out() {
                return printedTo();
            }
        }, client);
        command.words = List.of(words);
        return command;
    }

    private QuotaCommand quota(Client client, Integer domid) {
        QuotaCommand command = command(new QuotaCommand() {
            @Override
            protected PrintStream out() {
                return printedTo();
            }
        }, client);
        command.domid = domid;
        return command;
    }

    private AccessCommand access(Client client, Integer target, int domid, String path) {
        AccessCommand command = command(new AccessCommand() {
            @Override
            protected PrintStream out() {
                return printedTo();
            }
        }, client);
        command.target = target;
        command.domid = domid;
        command.path = path;
        return command;
    }

    /**
     * The real {@code xenstore-control}, next to the daemons: {@code /usr/bin/xenstore-control} is Debian's
     * wrapper, which refuses to run without a hypervisor.
     */
    private static String xenstoreControl() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("/usr/lib"))) {
            return dirs.filter(dir -> dir.getFileName().toString().startsWith("xen-"))
                    .map(dir -> dir.resolve("bin/xenstore-control")).filter(Files::isExecutable).findFirst()
                    .orElseThrow(() -> new IOException("no /usr/lib/xen-*/bin/xenstore-control: install xen-utils-4.17"))
                    .toString();
        }
    }

    private static Client connect(XenStoreDaemon daemon) {
        return Client.unixSocket(daemon.socketPath().toString());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void controlPrintsWhatXenstoreControlPrints(Kind kind, DaemonPool daemons) throws Exception {
        XenStoreDaemon daemon = daemons.get(kind);
        try (Client client = connect(daemon)) {
            control(client, "quota", "0").execute();
            assertEquals(daemon.xenstoreCli(xenstoreControl(), "quota", "0").stripTrailing(), printed().stripTrailing());
        }
    }

    @Test
    void controlOfAnUnknownCommandFailsWithCsWord(DaemonPool daemons) {
        try (Client client = connect(daemons.get(Kind.XENSTORED))) {
            CommandException e = assertThrows(CommandException.class, () -> control(client, "no-such-command").execute());
            assertEquals("EINVAL: no-such-command", e.getMessage());
        }
    }

    @Test
    void quotaPrintsCsLimitsAndADomainsUsage(DaemonPool daemons) throws Exception {
        try (Client client = connect(daemons.get(Kind.XENSTORED))) {
            quota(client, null).execute();
            assertTrue(printed().startsWith("nodes            :     1000\nwatches          :      128\n"), printed());
            printed.reset();
            quota(client, 0).execute();
            assertTrue(printed().matches("(?s)nodes            : +\\d+\nwatches          : +\\d+\n.*memory           : +\\d+\n"),
                    printed());
        }
    }

    @Test
    void quotaOnOxenstoredPrintsTheNodesAndTheirLimit(DaemonPool daemons) throws Exception {
        try (Client client = connect(daemons.get(Kind.OXENSTORED))) {
            client.write("/quota-cmd/x", "1");
            quota(client, 0).execute();
            assertTrue(printed().startsWith("nodes            : "), printed());
            CommandException e = assertThrows(CommandException.class, () -> quota(client, null).execute());
            assertEquals("EBADMSG: CONTROL quota answered 'OK' instead of the quota settings (oxenstored does not report them)",
                    e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void accessPrintsEachOperationWithItsReason(Kind kind, DaemonPool daemons) throws Exception {
        try (Client client = connect(daemons.get(kind))) {
            client.write("/access-cmd/open", "o");
            client.setPerms("/access-cmd/open", List.of(Permission.parse("n0"), Permission.parse("b0")));
            client.setPerms("/access-cmd/open", List.of(Permission.parse("r0")));
            access(client, null, 5, "/access-cmd/open").execute();
            assertEquals("""
                    domain 5 on /access-cmd/open:
                    READ: yes, needs read: /access-cmd/open [r0] has no entry for it: everyone's default applies
                    WRITE: no, EACCES: needs write: /access-cmd/open [r0] has no entry for it: everyone's default applies
                    CREATE_CHILD: no, EACCES: needs write: /access-cmd/open [r0] has no entry for it: everyone's default applies
                    REMOVE: no, EACCES: needs write on the node itself: /access-cmd/open [r0] has no entry for it: everyone's default applies
                    SET_PERMS: no, EACCES: needs write and ownership: /access-cmd/open [r0] has no entry for it: everyone's default applies
                    WATCH_EVENTS: yes, needs read on the node or its parent: /access-cmd/open [r0] has no entry for it: everyone's default applies
                    """, printed());
            printed.reset();
            access(client, 0, 5, "/access-cmd/open/new").execute();
            assertTrue(printed().startsWith("domain 5 (target 0) on /access-cmd/open/new (missing):\n"
                    + "READ: yes, missing: ENOENT, since the nearest existing ancestor is readable (its target owns"), printed());
        }
    }
}
