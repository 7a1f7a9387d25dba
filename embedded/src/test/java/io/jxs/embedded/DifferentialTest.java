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

import static org.junit.jupiter.api.Assertions.fail;

import io.jxs.testing.RequiredDaemon;
import io.jxs.testing.XenStoreDaemon;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The embedded store against the real C xenstored 4.17: the same raw requests go to both, on fresh daemons, and the
 * replies (type, req_id, tx_id, payload, error word) and the watch events of every connection must agree.
 *
 * <p>Random sequences: {@code -Djxs.diff.sequences=N} (default 40) sequences of {@code -Djxs.diff.length=L}
 * (default 120) steps, seeds 1..N. A failure names its seed; replay just that one with {@code -Djxs.diff.seed=S}.
 * Corner cases: {@link CornerCases}, one scripted sequence each. Needs the real daemon (skipped without it, failing
 * when {@code CI=true}).
 */
class DifferentialTest {

    private static final int HISTORY_SHOWN = Integer.getInteger("jxs.diff.history", 25);

    @Test
    void randomSequences() throws Exception {
        RequiredDaemon.assumeAvailable(XenStoreDaemon.Kind.XENSTORED);
        String replay = System.getProperty("jxs.diff.seed");
        if (replay != null) {
            runRandom(Long.parseLong(replay), Integer.getInteger("jxs.diff.length", 120));
            return;
        }
        int sequences = Integer.getInteger("jxs.diff.sequences", 40);
        int length = Integer.getInteger("jxs.diff.length", 120);
        for (long seed = 1; seed <= sequences; seed++) {
            runRandom(seed, length);
        }
    }

    @Test
    void cornerCases() throws Exception {
        RequiredDaemon.assumeAvailable(XenStoreDaemon.Kind.XENSTORED);
        for (Map.Entry<String, List<Step>> scenario : CornerCases.all().entrySet()) {
            List<Step> steps = scenario.getValue();
            int[] at = {0};
            compare("corner case '" + scenario.getKey() + "'", () -> at[0] < steps.size() ? steps.get(at[0]++) : null,
                    null);
        }
    }

    private static void runRandom(long seed, int length) throws IOException {
        SequenceGenerator generator = new SequenceGenerator(seed);
        int[] count = {0};
        compare("random sequence with seed " + seed + " (replay: -Djxs.diff.seed=" + seed + ")",
                () -> count[0]++ < length ? generator.next() : null, generator);
    }

    /**
     * What must agree. C 4.17 queues the events of a RELEASE (removed nodes, {@code @releaseDomain}) sometimes after
     * and sometimes before the RELEASE reply of the same connection, so only there the position is not compared.
     */
    private static Outcome comparable(Step step, Outcome outcome) {
        return step.type() == Wire.RELEASE ? outcome.ignoringReplyPosition() : outcome;
    }

    /** Runs the steps on a fresh real xenstored and a fresh embedded store; fails at the first disagreement. */
    private static void compare(String what, Supplier<Step> steps, SequenceGenerator generator) throws IOException {
        try (XenStoreDaemon real = XenStoreDaemon.start(XenStoreDaemon.Kind.XENSTORED);
                EmbeddedXenStore embedded = new EmbeddedXenStore(real.directory().resolve("embedded.socket")).start();
                Session realSession = new Session(real.socketPath(), SequenceGenerator.CONNECTIONS);
                Session embeddedSession = new Session(embedded.socketPath(), SequenceGenerator.CONNECTIONS)) {
            Deque<String> history = new ArrayDeque<>();
            int index = 0;
            for (Step step = steps.get(); step != null; step = steps.get(), index++) {
                Session.Result expected;
                Session.Result actual;
                try {
                    expected = realSession.execute(step);
                } catch (IOException e) {
                    throw new AssertionError(what + ": C xenstored " + (real.isRunning() ? "failed" : "died")
                            + " at step #" + index + " " + step + "\n" + String.join("\n", history), e);
                }
                try {
                    actual = embeddedSession.execute(step);
                } catch (IOException e) {
                    throw new AssertionError(what + ": the embedded store failed at step #" + index + " " + step
                            + "\n" + String.join("\n", history), e);
                }
                history.addLast("  #" + index + " " + step + "\n      " + expected.outcome());
                if (history.size() > HISTORY_SHOWN) {
                    history.removeFirst();
                }
                if (!comparable(step, expected.outcome()).equals(comparable(step, actual.outcome()))) {
                    fail(what + ": step #" + index + " differs\n  step: " + step + "\n  C xenstored: "
                            + expected.outcome() + "\n  embedded:    " + actual.outcome()
                            + "\n  last steps (with C's outcome):\n" + String.join("\n", history));
                }
                if (generator != null) {
                    generator.observe(step, expected.reply());
                }
                if (!real.isRunning()) {
                    fail(what + ": C xenstored died at step #" + index + " " + step);
                }
            }
        }
    }
}
