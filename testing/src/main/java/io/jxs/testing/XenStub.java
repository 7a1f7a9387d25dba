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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds {@code xenstub.c} (the stand-in for the hypervisor, loaded with {@code LD_PRELOAD}) with gcc,
 * once per version of its source and flags: the library is cached in {@code java.io.tmpdir} under a name holding the
 * hash of its source, so later JVMs reuse it.
 */
final class XenStub {

    private static final String SOURCE = "xenstub.c";
    private static final List<String> GCC = List.of("gcc", "-shared", "-fPIC", "-O2", "-Wall", "-pthread");
    private static Path library;

    private XenStub() {
    }

    /** Returns the path of the compiled library, compiling it first if needed. */
    static synchronized Path library() throws IOException {
        if (library != null && Files.isRegularFile(library)) {
            return library;
        }
        byte[] source;
        try (InputStream in = XenStub.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IOException("resource io/jxs/testing/" + SOURCE + " is missing");
            }
            source = in.readAllBytes();
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        String key = sha256((GCC + new String(source, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        Path target = dir.resolve("jxs-xenstub-" + key.substring(0, 16) + ".so");
        if (!Files.isRegularFile(target)) {
            compile(source, dir, target);
        }
        library = target;
        return target;
    }

    private static void compile(byte[] source, Path dir, Path target) throws IOException {
        Path work = Files.createTempDirectory(dir, "jxs-xenstub-build-");
        try {
            Path c = Files.write(work.resolve(SOURCE), source);
            Path so = work.resolve("xenstub.so");
            Path log = work.resolve("gcc.log");
            List<String> command = new ArrayList<>(GCC);
            command.addAll(List.of("-o", so.toString(), c.toString(), "-ldl"));
            Process gcc = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
                gcc.destroyForcibly();
                throw new IOException("gcc failed to build " + SOURCE + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            // Atomic, so that concurrent JVMs never load a half-written library.
            Files.move(so, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while compiling " + SOURCE, e);
        } finally {
            Processes.deleteRecursively(work);
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
