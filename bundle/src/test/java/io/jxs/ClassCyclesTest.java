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

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The class-cycle condition of {@link ArchitectureTest}, on a package that holds one cycle through a nested class. */
class ClassCyclesTest {
    private static final String SAMPLE = "io.jxs.classcycles";
    private final JavaClasses sample = new ClassFileImporter().importPackages(SAMPLE);

    private List<String> violations(Set<String> ignoredEdges) {
        EvaluationResult result = classes().that().resideInAPackage(SAMPLE)
                .should(new ClassCycles(SAMPLE, ignoredEdges)).evaluate(sample);
        return result.getFailureReport().getDetails();
    }

    @Test
    void findsTheCycleAndNamesItsClasses() {
        assertEquals(List.of("class cycle among 2 classes [Ping, Pong], for example Ping -> Pong -> Ping"),
                violations(Set.of()));
    }

    @Test
    void anIgnoredEdgeBreaksIt() {
        assertFalse(violations(Set.of()).isEmpty());
        assertEquals(List.of(), violations(Set.of("Pong -> Ping")));
    }

    @Test
    void anIgnoredEdgeThatNoLongerExistsIsReported() {
        assertEquals(Set.of("the ignored dependency Ping -> Gone no longer exists: take it out of the rule's exceptions",
                "class cycle among 2 classes [Ping, Pong], for example Ping -> Pong -> Ping"),
                Set.copyOf(violations(Set.of("Ping -> Gone"))));
    }
}
