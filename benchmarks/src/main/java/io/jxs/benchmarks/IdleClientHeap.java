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
package io.jxs.benchmarks;

import io.jxs.Client;
import io.jxs.Monitor;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The heap a connected client with 1,000 registered watches keeps while idle, beyond the JVM's own:
 * used heap after full collections, measured before the client is created and after its watches
 * have fired and been drained. Prints one JSON line, like the other clients' results. Runs under
 * {@link WithDaemon}, which sets {@code XENSTORED_PATH}.
 */
public final class IdleClientHeap {
    private static final int WATCHES = 1_000;

    private IdleClientHeap() {
    }

    /**
     * Measures and prints the heap.
     *
     * @param args none
     * @throws Exception when the daemon cannot be reached
     */
    public static void main(String[] args) throws Exception {
        String socket = System.getenv("XENSTORED_PATH");
        if (socket == null) {
            throw new IllegalStateException("XENSTORED_PATH is not set: run under io.jxs.benchmarks.WithDaemon");
        }
        long before = usedHeapAfterGc();
        try (Client client = Client.builder().unixSocket(Path.of(socket)).build()) {
            client.connect();
            Monitor monitor = client.monitor();
            for (int i = 0; i < WATCHES; i++) {
                monitor.watch("/bench/idle/w" + i, "t" + i);
            }
            while (monitor.poll(500, TimeUnit.MILLISECONDS) != null) {
                continue; // each watch fires once when registered
            }
            long idle = usedHeapAfterGc() - before;
            System.out.printf("{\"client\": \"jxs\", \"op\": \"idleHeap\", \"params\": {\"watches\": \"%d\"}, "
                    + "\"bytes\": %d}%n", WATCHES, idle);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
