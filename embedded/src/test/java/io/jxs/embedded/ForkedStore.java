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
package io.jxs.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An embedded store in a JVM of its own, started by a shell that first sets a limit ({@code ulimit -n 128},
 * {@code umask 000}...), for faults a test must not inflict on the JVM that runs the tests. The child ends when its
 * standard input closes, so it never outlives the test; {@link #close()} also kills it.
 */
final class ForkedStore implements AutoCloseable {

    private static final long START_TIMEOUT_MILLIS = 20_000;
    private static final String READY = "serving";

    private final Process process;
    private final Path output;

    private ForkedStore(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts a store on {@code socket} in a new JVM, after the shell commands {@code setup}.
     *
     * @param output where the child's output (its log) goes
     */
    static ForkedStore start(String setup, Path socket, Path output) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = location(EmbeddedXenStore.class) + ":" + location(ForkedStore.class);
        String command = setup + " && exec \"$0\" -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp \"$1\" "
                + ForkedStore.class.getName() + " \"$2\"";
        Process process = new ProcessBuilder(List.of("bash", "-c", command, java, classPath, socket.toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        ForkedStore forked = new ForkedStore(process, output);
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (!forked.output().contains(READY)) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                forked.close();
                throw new IOException("the forked store did not start:\n" + forked.output());
            }
            Thread.sleep(20);
        }
        return forked;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the child printed so far (its log included). */
    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The child: serves on {@code args[0]} until its standard input closes. */
    public static void main(String[] args) throws IOException {
        try (EmbeddedXenStore store = new EmbeddedXenStore(Path.of(args[0])).start()) {
            System.out.println(READY + " " + store.socketPath());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to go
            }
        }
    }
}
