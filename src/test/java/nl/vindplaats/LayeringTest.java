package nl.vindplaats;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the code (docs/architecture.md), checked on the compiled classes:
 * <pre>
 *   Main, platform/ (the wiring)        may use everything
 *   portal/                              reads the features
 *   documents/, datasets/, register/     the features: never each other
 *     wire-format sub-packages           datasets/ckan/, datasets/dcat/, documents/opendata/, documents/plooi/,
 *                                        documents/diwoo/, register/v1/:
 *                                        mappers to and from the feature's domain; the feature's root knows none
 *                                        of them but its *Feature class, which wires them; one feature's formats
 *                                        never each other
 *   harvest/                             sources, runs, the runner; each feature implements its Harvester
 *   notify/                              webhooks: below the features, knows none of them
 *   access/api/, valuelists/, http/, access/, blobs/, search/, store/, outbound/
 *   base/                                imports nothing of ours
 * </pre>
 */
class LayeringTest {
    private static final String[] FEATURES = {"nl.vindplaats.documents..", "nl.vindplaats.datasets..",
            "nl.vindplaats.register.."};
    /** Each feature's root package and its wire-format sub-packages (one per wire format it speaks). */
    private static final Map<String, List<String>> WIRE_FORMATS = Map.of(
            "nl.vindplaats.datasets", List.of("nl.vindplaats.datasets.ckan..", "nl.vindplaats.datasets.dcat.."),
            "nl.vindplaats.documents", List.of("nl.vindplaats.documents.opendata..", "nl.vindplaats.documents.plooi..",
                    "nl.vindplaats.documents.diwoo.."),
            "nl.vindplaats.register", List.of("nl.vindplaats.register.v1.."));
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.vindplaats");
    }

    /**
     * A feature's {@code *Feature} class wires its wire-format adapters, which build on the feature's domain: that one
     * edge, root to sub-package, is not a cycle of the design (the rule below keeps every other root class out of
     * the sub-packages).
     */
    @Test
    void noCyclesBetweenPackages() {
        slices().matching("nl.vindplaats.(**)").should().beFreeOfCycles()
                .ignoreDependency(featureWiring(), resideInAnyPackage(allWireFormats()))
                .check(classes);
    }

    private static DescribedPredicate<JavaClass> featureWiring() {
        return simpleNameEndingWith("Feature").and(resideInAnyPackage(WIRE_FORMATS.keySet().toArray(String[]::new)))
                .as("a feature's wiring class");
    }

    private static String[] allWireFormats() {
        return WIRE_FORMATS.values().stream().flatMap(List::stream).toArray(String[]::new);
    }

    /**
     * The domain of a feature (its records, rules, store and the services over them, in the feature's root package)
     * knows none of its wire formats; only the {@code *Feature} class, which wires the adapters, imports them.
     */
    @Test
    void featureRootsImportNoWireFormat() {
        WIRE_FORMATS.forEach((root, formats) -> noClasses().that().resideInAPackage(root)
                .and().haveSimpleNameNotEndingWith("Feature")
                .should().dependOnClassesThat().resideInAnyPackage(formats.toArray(String[]::new))
                .because("a wire format is a mapper to and from the domain, the domain does not know it")
                .check(classes));
    }

    /** The wire formats of one feature do not know each other: each maps to and from the domain only. */
    @Test
    void wireFormatsImportNoOtherWireFormat() {
        WIRE_FORMATS.values().forEach(formats -> formats.forEach(format -> {
            String[] others = formats.stream().filter(f -> !f.equals(format)).toArray(String[]::new);
            if (others.length > 0) {
                noClasses().that().resideInAPackage(format).should().dependOnClassesThat().resideInAnyPackage(others)
                        .because("each wire format maps to and from the domain, not through another format")
                        .check(classes);
            }
        }));
    }

    @Test
    void baseImportsNothingOfOurs() {
        noClasses().that().resideInAPackage("nl.vindplaats.base..").should().dependOnClassesThat()
                .resideInAnyPackage("nl.vindplaats", "nl.vindplaats.access..", "nl.vindplaats.blobs..",
                        "nl.vindplaats.datasets..", "nl.vindplaats.documents..", "nl.vindplaats.http..",
                        "nl.vindplaats.harvest..", "nl.vindplaats.notify..", "nl.vindplaats.outbound..", "nl.vindplaats.platform..", "nl.vindplaats.portal..",
                        "nl.vindplaats.register..", "nl.vindplaats.search..", "nl.vindplaats.store..", "nl.vindplaats.valuelists..")
                .check(classes);
    }

    @Test
    void storeAndSearchKnowNoFeatureAndNoSettings() {
        noClasses().that().resideInAnyPackage("nl.vindplaats.store..", "nl.vindplaats.search..", "nl.vindplaats.blobs..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.vindplaats.access..", "nl.vindplaats.http..",
                        "nl.vindplaats.valuelists..", "nl.vindplaats.documents..", "nl.vindplaats.datasets..",
                        "nl.vindplaats.register..", "nl.vindplaats.portal..", "nl.vindplaats.platform..",
                        "nl.vindplaats.harvest..", "nl.vindplaats.notify..")
                .check(classes);
    }

    /**
     * Lucene is the search's own business: features build queries through {@code SearchQuery} and {@code Condition},
     * and read summaries through {@code SummaryInput}. No other package has a reason to reach Lucene.
     */
    @Test
    void onlySearchUsesLucene() {
        noClasses().that().resideOutsideOfPackage("nl.vindplaats.search..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.lucene..")
                .check(classes);
    }

    @Test
    void harvestKnowsNoFeature() {
        noClasses().that().resideInAPackage("nl.vindplaats.harvest..").should().dependOnClassesThat()
                .resideInAnyPackage(FEATURES).check(classes);
        noClasses().that().resideInAPackage("nl.vindplaats.harvest..").should().dependOnClassesThat()
                .resideInAnyPackage("nl.vindplaats.portal..").check(classes);
    }

    @Test
    void notifyKnowsNoFeatureAndNoPage() {
        // The features' kinds of record reach it as NotifiableKinds from the wiring.
        noClasses().that().resideInAPackage("nl.vindplaats.notify..").should().dependOnClassesThat()
                .resideInAnyPackage(FEATURES).orShould().dependOnClassesThat().resideInAPackage("nl.vindplaats.portal..")
                .check(classes);
    }

    @Test
    void nothingButTheWiringUsesNotify() {
        noClasses().that().resideOutsideOfPackages("nl.vindplaats", "nl.vindplaats.platform..", "nl.vindplaats.notify..")
                .should().dependOnClassesThat().resideInAPackage("nl.vindplaats.notify..").check(classes);
    }

    @Test
    void outboundKnowsNoFeature() {
        noClasses().that().resideInAPackage("nl.vindplaats.outbound..").should().dependOnClassesThat()
                .resideInAnyPackage(FEATURES).check(classes);
    }

    @Test
    void featuresNeverImportEachOther() {
        for (String feature : FEATURES) {
            ArchRule rule = noClasses().that().resideInAPackage(feature).should().dependOnClassesThat()
                    .resideInAnyPackage(java.util.Arrays.stream(FEATURES).filter(f -> !f.equals(feature))
                            .toArray(String[]::new));
            rule.check(classes);
        }
    }

    /**
     * The domain's records and their rules know no wire format: no mapper of CKAN, DCAT(-AP-DONL), PLOOI, the open
     * data API, DiWoo or the register's v1 files (by class name, as some mappers and the domain share a feature
     * package), no JSON tree, no RDF model.
     */
    @Test
    void domainClassesImportNoWireFormatMapper() {
        noClasses().that().haveNameMatching(
                        "nl\\.vindplaats\\.datasets\\.(Dataset|Distribution|DatasetAccess|DatasetSummary)(\\$.*)?")
                .or().haveNameMatching(
                        "nl\\.vindplaats\\.documents\\.(Publication|PublicationMetadata|PublicationVersion|PublicationFile)(\\$.*)?")
                .or().haveNameMatching("nl\\.vindplaats\\.register\\.ApiEntry(\\$.*)?")
                .should().dependOnClassesThat().haveSimpleNameStartingWith("Ckan")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("Dcat")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("Donl")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("Package")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("Plooi")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("OpenData")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("Diwoo")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("RegisterV1")
                .orShould().dependOnClassesThat().resideInAnyPackage("..ckan..", "..dcat..", "..plooi..", "..opendata..",
                        "..diwoo..", "..register.v1..", "com.fasterxml.jackson..", "org.apache.jena..")
                .check(classes);
    }

    @Test
    void nothingBelowImportsTheWiring() {
        noClasses().that().resideOutsideOfPackages("nl.vindplaats", "nl.vindplaats.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.vindplaats", "nl.vindplaats.platform..")
                .check(classes);
    }
}
