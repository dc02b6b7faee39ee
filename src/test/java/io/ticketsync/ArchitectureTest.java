package io.ticketsync;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Holds ticket-sync's production code to its layer order: every package depends only on packages
 * below it, so a reader (and a change) can take the packages bottom-up without meeting a cycle.
 */
@AnalyzeClasses(packages = "io.ticketsync", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * Bottom to top. {@code model}: the records; {@code config}: typed configuration, depends on
     * nothing of ours; {@code failure}: what a record failure is (reasons, stages, the one
     * classifier); {@code metrics}: every metric name and counter; {@code guard}: what makes
     * failures loud (the surge brake, the progress watchdog, health); {@code codec}: bytes to
     * records; {@code topology}: the processor and what it shares with the handlers;
     * {@code deadletter.routing}: the pipeline's dead-letter handlers and the one record factory;
     * {@code http}: the read-only API; {@code cluster}: what a command needs of the cluster (topics,
     * ACLs, limits) and the startup check that proves it; {@code control}: the control topic that
     * makes the surge brake group-wide and durable; {@code runtime}: the runner;
     * {@code deadletter.tools}: the operator's tools over the dead-letter topic; {@code console},
     * {@code dev}: the things that run beside it; {@code cli}: the entry point.
     */
    static final List<String> BOTTOM_UP = List.of("model", "config", "failure", "metrics", "guard", "codec", "topology",
            "deadletter.routing", "http", "cluster", "control", "runtime", "deadletter.tools", "console", "dev", "cli");

    @ArchTest
    static final ArchRule packagesDependOnlyOnPackagesBelowThem = layers();

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("io.ticketsync.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule everyPackageHasAPlaceInTheOrder = classes().should()
            .resideInAnyPackage(BOTTOM_UP.stream().map(ArchitectureTest::packageOf).toArray(String[]::new))
            .because("a new package needs a place in BOTTOM_UP");

    private static ArchRule layers() {
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (final String layer : BOTTOM_UP) {
            rule = rule.layer(layer).definedBy(packageOf(layer));
        }
        for (int i = 0; i < BOTTOM_UP.size() - 1; i++) {
            final List<String> above = BOTTOM_UP.subList(i + 1, BOTTOM_UP.size());
            rule = rule.whereLayer(BOTTOM_UP.get(i)).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
        }
        return rule.whereLayer(BOTTOM_UP.get(BOTTOM_UP.size() - 1)).mayNotBeAccessedByAnyLayer();
    }

    private static String packageOf(final String layer) {
        return "io.ticketsync." + layer + "..";
    }
}
