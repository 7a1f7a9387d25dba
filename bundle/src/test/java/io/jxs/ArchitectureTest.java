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
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The layers of the bundle: the core ({@code io.jxs}, {@code io.jxs.connection} and the private
 * {@code io.jxs.protocol}) knows nothing of OSGi or Karaf; the OSGi layer on top uses only the public
 * API; no package depends, even indirectly, on itself, and no class of {@code io.jxs} on itself
 * through other classes of that package.
 */
@AnalyzeClasses(packages = "io.jxs", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] CORE = {"io.jxs", "io.jxs.connection..", "io.jxs.protocol.."};
    private static final String[] OSGI_LAYER = {"io.jxs.event..", "io.jxs.management..", "io.jxs.osgi..",
        "io.jxs.command.."};

    @ArchTest
    static final ArchRule coreKnowsNothingOfOsgiOrKaraf = noClasses()
            .that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.karaf..")
            .orShould().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "are OSGi classes other than the build-time annotations",
                    (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith("org.osgi")
                            && !c.getPackageName().startsWith("org.osgi.annotation")));

    @ArchTest
    static final ArchRule coreDoesNotUseTheLayerAboveIt = noClasses()
            .that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(OSGI_LAYER);

    @ArchTest
    static final ArchRule connectionDependsOnNothingElseOfJxs = noClasses()
            .that().resideInAPackage("io.jxs.connection..")
            .should().dependOnClassesThat().resideInAnyPackage("io.jxs", "io.jxs.protocol..");

    @ArchTest
    static final ArchRule osgiLayerUsesOnlyThePublicApi = noClasses()
            .that().resideInAnyPackage(OSGI_LAYER)
            .should().dependOnClassesThat().resideInAPackage("io.jxs.protocol..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule nothingOutsideTheOsgiLayerUsesItsInternals = noClasses()
            .that().resideOutsideOfPackages("io.jxs.osgi..", "io.jxs.command..")
            .should().dependOnClassesThat().resideInAPackage("io.jxs.osgi.internal..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noClassCyclesInTheApiPackage = classes()
            .that().resideInAPackage("io.jxs")
            .should(new ClassCycles("io.jxs", Set.of()));
}
