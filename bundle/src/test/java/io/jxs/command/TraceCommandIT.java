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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.XenStore;
import io.jxs.XenStoreException;
import io.jxs.osgi.internal.ConnectedManagement;
import io.jxs.testing.DaemonPool;
import io.jxs.testing.XenStoreDaemon.Kind;
import io.jxs.testing.XenStoreDaemonExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code xenstore:trace} switches the container's trace on and off, shows it line by line and exports it. */
@ExtendWith(XenStoreDaemonExtension.class)
class TraceCommandIT {
    private static final String TIME = "\\d\\d:\\d\\d:\\d\\d\\.\\d{6}";

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private String run(ConnectedManagement management, int count, String... args) throws Exception {
        printed.reset();
        TraceCommand command = new TraceCommand() {
            @Override
            protected PrintStream out() {
                return new PrintStream(printed, true, StandardCharsets.UTF_8);
            }
        };
        command.management = management.mbean();
        command.count = count;
        if (args.length > 0) {
            command.action = args[0];
        }
        if (args.length > 1) {
            command.file = args[1];
        }
        command.execute();
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void showPrintsEachRequestWithItsOutcomeOnALine(Kind kind, DaemonPool daemons) throws Exception {
        try (ConnectedManagement management = ConnectedManagement.connect(daemons.get(kind).socketPath())) {
            XenStore store = management.store();
            assertEquals("tracing, keeping the newest 50 records\n", run(management, 50, "on"));
            assertTrue(management.mbean().isTracing());
            store.write("/tracecmd/a", "1");
            assertEquals("ENOENT", assertThrows(XenStoreException.class, () -> store.read("/tracecmd/missing")).errorName());

            List<String> shown = lines(run(management, 0, "show"));
            assertEquals(2, shown.size(), shown::toString);
            assertTrue(shown.get(0).matches(TIME + " WRITE /tracecmd/a tx=0 \\d+us OK"), shown.get(0));
            assertTrue(shown.get(1).matches(TIME + " READ /tracecmd/missing tx=0 \\d+us ENOENT"), shown.get(1));
            assertEquals(shown.subList(1, 2), lines(run(management, 1, "show")), "-n shows the newest");
            assertEquals(shown, lines(run(management, 0)), "show is the default");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void offStopsRecordingAndKeepsWhatWasShown(Kind kind, DaemonPool daemons) throws Exception {
        try (ConnectedManagement management = ConnectedManagement.connect(daemons.get(kind).socketPath())) {
            run(management, 0, "on");
            management.store().write("/tracecmd/before", "1");
            assertEquals("not tracing\n", run(management, 0, "off"));
            assertFalse(management.mbean().isTracing());
            management.store().write("/tracecmd/after", "1");
            List<String> shown = lines(run(management, 0, "show"));
            assertEquals(1, shown.size(), shown::toString);
            assertTrue(shown.get(0).contains(" WRITE /tracecmd/before "), shown.get(0));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void showSaysHowManyOlderRecordsWereDropped(Kind kind, DaemonPool daemons) throws Exception {
        try (ConnectedManagement management = ConnectedManagement.connect(daemons.get(kind).socketPath())) {
            run(management, 2, "on");
            for (int i = 0; i < 5; i++) {
                management.store().write("/tracecmd/n" + i, "1");
            }
            List<String> shown = lines(run(management, 0, "show"));
            assertEquals(3, shown.size(), shown::toString);
            assertEquals("(3 older records dropped)", shown.get(2));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void exportWritesTheRecordsAsJsonLines(Kind kind, DaemonPool daemons, @TempDir Path dir) throws Exception {
        try (ConnectedManagement management = ConnectedManagement.connect(daemons.get(kind).socketPath())) {
            run(management, 0, "on");
            management.store().write("/tracecmd/exported", "1");
            Path file = dir.resolve("trace.jsonl");
            assertEquals("wrote 1 records to " + file.toAbsolutePath() + "\n", run(management, 0, "export", file.toString()));
            String json = Files.readString(file);
            assertEquals(management.mbean().traceJsonLines(0), json);
            assertTrue(json.matches("\\{\"time\":\"[^\"]+Z\",\"op\":\"WRITE\",\"path\":\"/tracecmd/exported\","
                    + "\"tx\":0,\"latencyNanos\":\\d+,\"error\":\"\"}\n"), json);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void refusesABadActionCapacityOrFile(Kind kind, DaemonPool daemons) throws Exception {
        try (ConnectedManagement management = ConnectedManagement.connect(daemons.get(kind).socketPath())) {
            assertEquals("EINVAL: the action is on, off, show or export: start",
                    assertThrows(CommandException.class, () -> run(management, 0, "start")).getMessage());
            assertEquals("EINVAL: trace capacity must be between 1 and 1048576: 2000000",
                    assertThrows(CommandException.class, () -> run(management, 2_000_000, "on")).getMessage());
            assertEquals("EINVAL: -n must not be negative: -1",
                    assertThrows(CommandException.class, () -> run(management, -1, "show")).getMessage());
            assertEquals("EINVAL: export needs a file",
                    assertThrows(CommandException.class, () -> run(management, 0, "export")).getMessage());
            assertFalse(management.mbean().isTracing());
        }
    }
}
