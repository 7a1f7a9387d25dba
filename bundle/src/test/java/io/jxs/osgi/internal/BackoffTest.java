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
package io.jxs.osgi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheMaximumAndStartsAgainAfterReset() {
        Backoff backoff = new Backoff(100, 500);
        assertEquals(100, backoff.next());
        assertEquals(200, backoff.next());
        assertEquals(400, backoff.next());
        assertEquals(500, backoff.next());
        assertEquals(500, backoff.next());
        backoff.reset();
        assertEquals(100, backoff.next());
    }

    @Test
    void maximumBelowTheFirstDelayMeansAFixedDelay() {
        Backoff backoff = new Backoff(300, 10);
        assertEquals(300, backoff.next());
        assertEquals(300, backoff.next());
    }
}
