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
package io.jxs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs a snippet of Python with pyxs (Debian's python3-pyxs) as an independent client of a daemon. */
final class Pyxs {

    private static final String PYTHON = "/usr/bin/python3"; // Debian's, which has python3-pyxs

    private Pyxs() {
    }

    /** Runs {@code script} with {@code sys.argv[1:] = args}; returns its stdout, failing the test on error. */
    static String run(String script, String... args) throws IOException {
        boolean present = Files.isExecutable(Path.of(PYTHON))
                && Processes.run(Map.of(), 30, PYTHON, "-c", "import pyxs").exitCode() == 0;
        RequiredDaemon.require(present, "pyxs for " + PYTHON + "; to enable: apt-get install python3-pyxs");
        String[] command = new String[args.length + 3];
        command[0] = PYTHON;
        command[1] = "-c";
        command[2] = script;
        System.arraycopy(args, 0, command, 3, args.length);
        Processes.Result result = Processes.run(Map.of(), 30, command);
        assertEquals(0, result.exitCode(), () -> "python failed: " + result.stderr());
        return result.stdout().strip();
    }
}
