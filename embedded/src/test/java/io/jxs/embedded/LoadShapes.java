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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scripted load for {@link DifferentialIT}: long bursts of pipelined requests, watchers that do not read while
 * events pile up for them, one request firing many events. Each action is a single step, or a burst (several steps
 * on one connection, sent before any reply is read). Only shapes where C's answers are deterministic: paths that
 * repeat do so within one request (C then drops the duplicate events before writing any), never across requests
 * whose events wait unread, where what C drops would depend on how much the kernel's socket buffer took.
 */
final class LoadShapes {

    private final List<List<Step>> actions = new ArrayList<>();

    private LoadShapes() {
    }

    static Map<String, List<List<Step>>> all() {
        Map<String, List<List<Step>>> all = new LinkedHashMap<>();
        all.put("3000 pipelined writes while watchers do not read", unreadEvents());
        all.put("400 pipelined reads of a 4000-byte node", largeReplies());
        all.put("one removal firing events of a large subtree", largeRemoval());
        all.put("a pipelined transaction of 500 writes", pipelinedTransaction());
        return all;
    }

    private LoadShapes single(int connection, int type, String payload) {
        actions.add(List.of(Step.of(connection, type, 0, payload)));
        return this;
    }

    private LoadShapes burst(List<Step> steps) {
        actions.add(steps);
        return this;
    }

    private static List<List<Step>> unreadEvents() {
        LoadShapes shape = new LoadShapes();
        shape.single(1, Wire.WATCH, "/load\0deep\0").single(1, Wire.WATCH, "/\0all\0")
                .single(2, Wire.WATCH, "/load/0042\0exact\0").single(2, Wire.WATCH, "load\0relative\0");
        List<Step> writes = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            writes.add(Step.of(0, Wire.WRITE, 0, String.format("/load/%04d\0value-%d", i, i)));
        }
        shape.burst(writes);
        List<Step> again = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            again.add(Step.of(0, i % 2 == 0 ? Wire.RM : Wire.MKDIR, 0, String.format("/load/%04d\0", i * 3)));
        }
        return shape.burst(again).actions;
    }

    private static List<List<Step>> largeReplies() {
        LoadShapes shape = new LoadShapes();
        shape.single(0, Wire.WRITE, "/big\0" + "v".repeat(4000)).single(1, Wire.WATCH, "/big\0w\0");
        List<Step> reads = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            reads.add(Step.of(0, Wire.READ, 0, "/big\0"));
            if (i % 100 == 99) {
                reads.add(Step.of(0, Wire.WRITE, 0, "/big\0" + "w".repeat(3990) + i));
            }
        }
        return shape.burst(reads).single(2, Wire.READ, "/big\0").actions;
    }

    private static List<List<Step>> largeRemoval() {
        LoadShapes shape = new LoadShapes();
        List<Step> build = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            build.add(Step.of(0, Wire.WRITE, 0, "/tree/n" + (i % 17) + "/leaf" + i + "\0x"));
        }
        shape.burst(build).single(1, Wire.WATCH, "/tree\0t\0").single(1, Wire.WATCH, "/\0t\0")
                .single(1, Wire.WATCH, "/tree/n3\0t\0").single(1, Wire.WATCH, "/tree/n3/leaf3\0t\0")
                .single(2, Wire.WATCH, "/tree/n5/leaf22\0u\0").single(2, Wire.WATCH, "tree\0u\0");
        return shape.single(0, Wire.RM, "/tree\0").single(0, Wire.DIRECTORY, "/\0").actions;
    }

    private static List<List<Step>> pipelinedTransaction() {
        LoadShapes shape = new LoadShapes();
        shape.single(1, Wire.WATCH, "/tx\0t\0").single(0, Wire.TRANSACTION_START, "\0");
        List<Step> writes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            writes.add(Step.of(0, Wire.WRITE, 1, "/tx/" + (i % 50) + "\0" + i));
        }
        writes.add(Step.of(0, Wire.TRANSACTION_END, 1, "T\0"));
        return shape.burst(writes).single(2, Wire.DIRECTORY_PART, "/tx\0" + "0\0").actions;
    }
}
