package io.loupe.ops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency direction of DESIGN.md: index &lt;- ingest, index &lt;- search-api, ops -&gt; everything. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.loupe");
    }

    /** The rules below are not vacuous: the imported classes do show the dependencies they forbid elsewhere. */
    @Test
    void importedClassesShowTheirDependencies() {
        assertThrows(AssertionError.class, () -> noClasses().that().resideInAPackage("io.loupe.ops.http..")
                .should().dependOnClassesThat().resideInAPackage("io.vertx..").check(classes));
        assertThrows(AssertionError.class, () -> noClasses().that().resideInAPackage("io.loupe.ingest..")
                .should().dependOnClassesThat().resideInAPackage("io.loupe.index.api..").check(classes));
    }

    @Test
    void indexKnowsNoOtherModuleNorHttpNorJsonNorScheduling() {
        noClasses().that().resideInAPackage("io.loupe.index..")
                .should().dependOnClassesThat().resideInAnyPackage("io.loupe.ingest..", "io.loupe.search..", "io.loupe.ops..",
                        "io.vertx..", "com.fasterxml.jackson..", "org.quartz..", "io.micronaut..")
                .check(classes);
    }

    @Test
    void ingestAndSearchNeverImportEachOtherNorOps() {
        noClasses().that().resideInAPackage("io.loupe.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage("io.loupe.search..", "io.loupe.ops..")
                .check(classes);
        noClasses().that().resideInAPackage("io.loupe.search..")
                .should().dependOnClassesThat().resideInAnyPackage("io.loupe.ingest..", "io.loupe.ops..")
                .check(classes);
    }

    @Test
    void otherModulesUseOnlyTheIndexApi() {
        noClasses().that().resideInAnyPackage("io.loupe.ingest..", "io.loupe.search..")
                .should().dependOnClassesThat().resideInAnyPackage("io.loupe.index.log..", "io.loupe.index.wal..")
                .check(classes);
    }

    @Test
    void onlyHttpPackagesKnowVertx() {
        // the scraper is an HTTP client: its package is the one other place that speaks HTTP
        noClasses().that().resideOutsideOfPackages("..http..", "io.loupe.ingest.scrape..")
                .should().dependOnClassesThat().resideInAPackage("io.vertx..")
                .check(classes);
    }

    @Test
    void onlyOpsSchedules() {
        noClasses().that().resideOutsideOfPackage("io.loupe.ops..")
                .should().dependOnClassesThat().resideInAPackage("org.quartz..")
                .check(classes);
    }
}
