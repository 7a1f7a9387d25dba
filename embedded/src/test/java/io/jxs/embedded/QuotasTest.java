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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Quotas}: C xenstored 4.17's defaults and its command-line options. */
class QuotasTest {

    private static Quotas options(String... options) {
        return Quotas.fromOptions(Arrays.asList(options));
    }

    private static String refused(String... options) {
        return assertThrows(IllegalArgumentException.class, () -> options(options)).getMessage();
    }

    @Test
    void noOptionsGiveCsDefaults() {
        assertEquals(new Quotas(1000, 128, 10, 20, 1024, 2621440, 2097152, 2048, 2048, 5), options());
        assertEquals(Quotas.defaults(), options());
    }

    @Test
    void eachOfCsOptionsSetsItsQuota() {
        Quotas defaults = Quotas.defaults();
        assertEquals(defaults.withNodes(7), options("-E", "7"));
        assertEquals(defaults.withWatches(8), options("-W", "8"));
        assertEquals(defaults.withTransactions(9), options("-t", "9"));
        assertEquals(defaults.with("node-size", 4096), options("-S", "4096"));
        assertEquals(defaults.with("permissions", 3), options("-A", "3"));
        assertEquals(defaults.with("path-max", 100), options("-M", "100"));
        assertEquals(defaults.with("outstanding", 4), options("-Q", "outstanding=4"));
        assertEquals(defaults.with("transaction-nodes", 12), options("-Q", "transaction-nodes=12"));
        assertEquals(defaults.with("memory", 65536), options("-Q", "memory=65536"));
        assertEquals(defaults.withMemorySoft(1024), options("-q", "memory=1024"));
    }

    @Test
    void optionsCombineAndTheLastOneWins() {
        Quotas quotas = options("-E", "1", "-W", "2", "-t", "3", "-W", "4");
        assertEquals(List.of(1, 4, 3), List.of(quotas.nodes(), quotas.watches(), quotas.transactions()));
    }

    @Test
    void pathMaxIsCappedAt2048AsInC() {
        assertEquals(Quotas.REL_PATH_MAX, options("-M", "100000").pathMax());
    }

    @Test
    void badOptionsAreRefusedNamingTheProblem() {
        assertEquals("unknown option: -X", refused("-X", "1"));
        assertEquals("missing value after -W", refused("-W"));
        assertEquals("-E needs a number: ten", refused("-E", "ten"));
        assertEquals("-Q needs NAME=VALUE: memory", refused("-Q", "memory"));
        assertEquals("unknown quota: watches", refused("-Q", "watches=5"));
        assertEquals("unknown soft quota: nodes", refused("-q", "nodes=5"));
        assertEquals("-Q needs a number: ", refused("-Q", "memory="));
        assertEquals("quotas cannot be negative: -1", refused("-W", "-1"));
        assertEquals("pathMax must be at least 1: 0", refused("-M", "0"));
    }

    @Test
    void withRefusesAnUnknownName() {
        assertEquals("unknown quota: bogus",
                assertThrows(IllegalArgumentException.class, () -> Quotas.defaults().with("bogus", 1)).getMessage());
    }
}
