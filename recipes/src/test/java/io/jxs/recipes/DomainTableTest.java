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
package io.jxs.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainTableTest {
    private final DomainTable table = new DomainTable();

    @Test
    void newIdsAreIntroducedAndMissingOnesReleasedReleasesFirst() {
        List<DomainTable.Change> first = table.update(Set.of(3, 1));
        assertEquals(List.of(new DomainTable.Change(new Domain(1, 1), true, List.of()),
                new DomainTable.Change(new Domain(3, 2), true, List.of())), first);
        List<DomainTable.Change> second = table.update(Set.of(3, 2));
        assertEquals(List.of(new DomainTable.Change(new Domain(1, 1), false, List.of()),
                new DomainTable.Change(new Domain(2, 3), true, List.of())), second);
        assertEquals(List.of(), table.update(Set.of(2, 3)));
        assertEquals(List.of(new Domain(2, 3), new Domain(3, 2)), table.domains());
        assertEquals(Set.of(2, 3), table.domids());
    }

    @Test
    void aReusedIdIsANewDomain() {
        Domain first = table.update(Set.of(7)).get(0).domain();
        table.update(Set.of());
        Domain second = table.update(Set.of(7)).get(0).domain();
        assertEquals(7, second.domid());
        assertNotEquals(first, second);
        assertEquals(Optional.of(second), table.find(7));
        assertEquals("/local/domain/7", second.path());
        assertEquals("domain 7 (#2)", second.toString());
    }

    @Test
    void aReleaseHandsBackTheDomainsResourcesLatestFirst() {
        Domain domain = table.update(Set.of(4)).get(0).domain();
        AutoCloseable a = () -> { };
        AutoCloseable b = () -> { };
        assertTrue(table.register(domain, a));
        assertTrue(table.register(domain, b));
        assertEquals(List.of(new DomainTable.Change(domain, false, List.of(b, a))), table.update(Set.of()));
        assertFalse(table.register(domain, a), "released");
    }

    @Test
    void onlyTheLiveIncarnationTakesResources() {
        Domain old = table.update(Set.of(4)).get(0).domain();
        table.update(Set.of());
        table.update(Set.of(4));
        assertFalse(table.register(old, () -> { }));
        assertFalse(table.register(new Domain(9, 99), () -> { }), "never reported");
    }

    @Test
    void closeForgetsEverythingHandsBackEveryResourceAndTakesNoMore() {
        Domain domain = table.update(Set.of(4)).get(0).domain();
        AutoCloseable a = () -> { };
        table.register(domain, a);
        assertEquals(List.of(a), table.close());
        assertEquals(List.of(), table.domains());
        assertEquals(List.of(), table.update(Set.of(4, 5)));
        assertFalse(table.register(domain, a));
    }

    @Test
    void onlyCanonicalDecimalIdsAreDomains() {
        assertEquals(Optional.of(0), DomainTracker.parseDomid("0"));
        assertEquals(Optional.of(65535), DomainTracker.parseDomid("65535"));
        for (String name : List.of("", "05", "65536", "-1", "1a", "domain", "123456")) {
            assertEquals(Optional.empty(), DomainTracker.parseDomid(name), name);
        }
    }
}
