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
package io.jxs.testing.guest;

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
 * The embedded store against the real C xenstored 4.17 as guest domains see them: the same raw requests from dom0,
 * guests 5 and 6 and stub domain 7 (SET_TARGET 7 5) go to a fresh C xenstored, whose guests speak over the
 * stand-in's rings, and to a fresh embedded store, whose guests speak over the sockets it opens for them; every
 * reply (type, req_id, tx_id, payload or error word) and every watch event of every connection, in order, must
 * agree.
 *
 * <ul>
 * <li>{@link GuestScenarios}: the failures issue 19 names, as fixed sequences.</li>
 * <li>Random sequences: {@code -Djxs.guestdiff.seeds=N} (default 20) sequences of {@code -Djxs.guestdiff.length=L}
 * (default 60) requests, seeds 1..N. A failure names its seed; replay just that one with
 * {@code -Djxs.guestdiff.seed=S}.</li>
 * </ul>
 * {@code -Djxs.guestdiff.scenario=TEXT} runs only the scenarios whose name contains TEXT,
 * {@code -Djxs.guestdiff.trace=true} prints every step with C's outcome, {@code -Djxs.guestdiff.history=H} shows H
 * preceding steps in a failure message.
 * Not compared: oxenstored (its differences are stated in {@link GuestConformanceIT}); the position of a RELEASE's
 * events relative to its reply on dom0's connection (C queues them on either side); payloads over 4096 bytes (C
 * stops serving the ring, the embedded store closes the socket).
 */
class GuestDifferentialIT {

    private static final int HISTORY_SHOWN = Integer.getInteger("jxs.guestdiff.history", 25);
    /** {@code -Djxs.guestdiff.trace=true} prints every step with C's outcome, to see what a scenario proves. */
    private static final boolean TRACE = Boolean.getBoolean("jxs.guestdiff.trace");

    @Test
    void namedScenariosAnswerAsC() throws IOException {
        RequiredDaemon.assumeAvailable(XenStoreDaemon.Kind.XENSTORED);
        String only = System.getProperty("jxs.guestdiff.scenario");
        for (Map.Entry<String, List<GuestStep>> scenario : GuestScenarios.all().entrySet()) {
            if (only != null && !scenario.getKey().contains(only)) {
                continue;
            }
            List<GuestStep> steps = scenario.getValue();
            int[] at = {0};
            compare("scenario '" + scenario.getKey() + "'", () -> at[0] < steps.size() ? steps.get(at[0]++) : null,
                    null);
        }
    }

    @Test
    void randomSequencesOfDom0AndGuestsAnswerAsC() throws IOException {
        RequiredDaemon.assumeAvailable(XenStoreDaemon.Kind.XENSTORED);
        int length = Integer.getInteger("jxs.guestdiff.length", 60);
        String replay = System.getProperty("jxs.guestdiff.seed");
        if (replay != null) {
            runRandom(Long.parseLong(replay), length);
            return;
        }
        int seeds = Integer.getInteger("jxs.guestdiff.seeds", 20);
        for (long seed = 1; seed <= seeds; seed++) {
            runRandom(seed, length);
        }
    }

    private static void runRandom(long seed, int length) throws IOException {
        GuestSequenceGenerator generator = new GuestSequenceGenerator(seed);
        int[] count = {0};
        compare("random sequence with seed " + seed + " (replay: -Djxs.guestdiff.seed=" + seed + ")",
                () -> count[0]++ < length ? generator.next() : null, generator);
    }

    /** Runs the steps on a fresh C xenstored and a fresh embedded store; fails at the first disagreement. */
    private static void compare(String what, Supplier<GuestStep> steps, GuestSequenceGenerator generator)
            throws IOException {
        try (DiffStore real = DiffStore.xenstored();
                DiffStore embedded = DiffStore.embedded();
                GuestSession realSession = new GuestSession(real);
                GuestSession embeddedSession = new GuestSession(embedded)) {
            Deque<String> history = new ArrayDeque<>();
            int index = 0;
            for (GuestStep step = steps.get(); step != null; step = steps.get(), index++) {
                GuestSession.Result expected = run(real, realSession, step, what, index, history);
                GuestSession.Result actual = run(embedded, embeddedSession, step, what, index, history);
                history.addLast("  #" + index + " " + step + "\n      " + expected.outcome());
                if (TRACE) {
                    System.out.println(what + " #" + index + " " + step + "\n      " + expected.outcome());
                }
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

    private static GuestSession.Result run(DiffStore store, GuestSession session, GuestStep step, String what,
            int index, Deque<String> history) {
        try {
            return session.execute(step);
        } catch (IOException e) {
            throw new AssertionError(what + ": " + store.name() + (store.isRunning() ? " failed" : " died")
                    + " at step #" + index + " " + step + "\n" + String.join("\n", history), e);
        }
    }

    private static GuestOutcome comparable(GuestStep step, GuestOutcome outcome) {
        return step.type() == Ops.RELEASE ? outcome.ignoringReplyPosition() : outcome;
    }
}
