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

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing requirement fails the test in CI and skips it elsewhere, saying how to enable it. */
class RequiredDaemonTest {

    @Test
    void missingRequirementFailsInCiAndAbortsElsewhere() {
        Class<? extends Throwable> expected = RequiredDaemon.isCi() ? AssertionFailedError.class
                : TestAbortedException.class;
        Throwable thrown = assertThrows(expected, () -> RequiredDaemon.require(false, "thing; to enable: apt-get install thing"));
        assertTrue(thrown.getMessage().contains("apt-get install thing"), thrown::getMessage);
    }

    @Test
    void metRequirementPasses() {
        RequiredDaemon.require(true, "never shown");
    }
}
