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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Small helpers for child processes and files, shared by the fixture's classes. */
final class Processes {

    private Processes() {
    }

    /**
     * Ends a process and waits until it is gone: SIGTERM first, SIGKILL if it is still there after
     * {@code graceMillis} (0 = SIGKILL at once). Its descendants, if any, get the same treatment.
     */
    static void end(Process process, long graceMillis) {
        if (process == null) {
            return;
        }
        Stream.concat(process.descendants(), Stream.of(process.toHandle())).forEach(handle -> {
            if (graceMillis > 0) {
                handle.destroy();
                try {
                    handle.onExit().get(graceMillis, TimeUnit.MILLISECONDS);
                } catch (Exception stillThere) {
                    // fall through to SIGKILL
                }
            }
            handle.destroyForcibly();
            handle.onExit().join();
        });
    }

    /** Output of a finished command. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs a command to its end (at most {@code timeoutSeconds}) and returns its exit code and output. */
    static Result run(Map<String, String> env, long timeoutSeconds, String... command) throws IOException {
        Path out = Files.createTempFile("jxs-cmd-", ".out");
        Path err = Files.createTempFile("jxs-cmd-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    end(process, 0);
                    throw new IOException(String.join(" ", command) + " did not finish within "
                            + timeoutSeconds + " s");
                }
            } catch (InterruptedException e) {
                end(process, 0);
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + String.join(" ", command), e);
            }
            return new Result(process.exitValue(), text(out), text(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /** Finds an executable on {@code PATH}. */
    static Optional<Path> onPath(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        return Stream.of(path.split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Reads a file for a diagnostic message; never throws. */
    static String readQuietly(Path file) {
        try {
            return Files.isRegularFile(file) ? text(file) : "(no " + file.getFileName() + ")";
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable " + file + ": " + e + ")";
        }
    }

    /** Deletes a folder and everything in it; missing files are fine. */
    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
