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
package io.jxs.distribution;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Commands the end-to-end tests run (with a clean environment and a deadline), and waiting for a condition. */
final class Processes {
    private Processes() {
    }

    /**
     * A finished command.
     *
     * @param exit its exit status, -1 when it timed out
     * @param output its standard output and error
     */
    record Result(int exit, String output) {
    }

    /**
     * Runs a command to its end, its input empty.
     *
     * @param env the whole environment
     * @param dir its working directory
     * @param timeout after which it and its children are killed (exit -1)
     * @param command the command and its arguments
     * @return its exit status and output
     * @throws UncheckedIOException when it cannot start
     */
    static Result run(Map<String, String> env, Path dir, Duration timeout, String... command) {
        try {
            Path out = Files.createTempFile("jxs-e2e", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectErrorStream(true).redirectOutput(out.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                builder.environment().clear();
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                    return new Result(-1, String.join(" ", command) + ": timed out after " + timeout + "\n"
                            + Files.readString(out, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts a command with its output to a file, without waiting for it.
     *
     * @throws IOException when it cannot start
     */
    static Process start(Map<String, String> env, Path dir, Path output, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    /**
     * Kills a process and everything it started.
     *
     * @throws InterruptedException when interrupted while it ends
     */
    static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * Asks a probe once a second until it answers.
     *
     * @return the probe's first answer other than null
     * @throws AssertionError when it has not answered within the timeout
     * @throws InterruptedException when interrupted while waiting
     */
    static <T> T await(String what, Duration timeout, Supplier<T> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                fail("not ready after " + timeout + ": " + what);
            }
            Thread.sleep(200);
        }
    }

    /** The last lines of a text. */
    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
