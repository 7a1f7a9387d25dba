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
package io.jxs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Pauses that double up to a maximum, each drawn from the upper half of its bound. */
class BackoffTest {

    private static void assertWithin(long low, long high, long value) {
        assertTrue(value >= low && value <= high, value + " not in " + low + ".." + high);
    }

    @Test
    void doublesUpToTheMaximumAndStartsAgainAfterReset() {
        Backoff backoff = new Backoff(100, 500);
        for (int round = 0; round < 50; round++) {
            assertWithin(50, 100, backoff.nextNanos());
            assertWithin(100, 200, backoff.nextNanos());
            assertWithin(200, 400, backoff.nextNanos());
            assertWithin(250, 500, backoff.nextNanos());
            assertWithin(250, 500, backoff.nextNanos());
            backoff.reset();
        }
    }

    @Test
    void maximumBelowTheFirstDelayMeansAFixedBound() {
        Backoff backoff = new Backoff(300, 10);
        assertWithin(150, 300, backoff.nextNanos());
        assertWithin(150, 300, backoff.nextNanos());
    }
}
