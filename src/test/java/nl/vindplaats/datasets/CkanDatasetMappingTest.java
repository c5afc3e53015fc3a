package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored CKAN dict → {@link Dataset} → the stored dict, on real stored bodies: nothing is lost or changed. */
class CkanDatasetMappingTest {
    /** CKAN's own keys: the model has no place for them, so they are the CKAN mapper's extras. */
    private static final Set<String> CKAN_ONLY = Set.of("type", "state", "private", "creator_user_id",
            "organization_name", "organization_title", "groups", "extras", "author", "author_email", "maintainer",
            "maintainer_email");
    /** DCAT-AP-DONL dataset fields that the DCAT RDF does not write and the model does not (yet) hold. */
    private static final Set<String> DONL_NOT_IN_MODEL = Set.of("alternate_identifier", "spatial_scheme",
            "spatial_value", "related_resource", "source", "has_version", "is_version_of", "version_notes",
            "legal_foundation_ref", "legal_foundation_label", "legal_foundation_uri", "high_value", "basis_register",
            "referentie_data", "national_coverage", "source_catalog", "date_planned", "documentation", "provenance",
            "sample", "changetype");
    private static final Set<String> RESOURCE_CKAN_ONLY = Set.of("package_id", "position", "state", "last_modified",
            "resource_type", "cache_url", "cache_last_updated", "mimetype_inner", "hash", "datastore_active",
            "created", "metadata_modified");
    private static final Set<String> RESOURCE_DONL_NOT_IN_MODEL = Set.of("metadata_language", "linked_schemas",
            "rights", "release_date", "modification_date", "distribution_type", "hash_algorithm", "documentation");

    @Test
    void everyStoredBodySurvivesBodyToModelToBody() {
        List<ObjectNode> samples = DatasetSamples.all();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(7);
        for (ObjectNode stored : samples) {
            CkanDatasetMapping.Read read = CkanDatasetMapping.read(stored.deepCopy());
            assertThat(CkanDatasetMapping.body(read.dataset(), read.extras())).as(stored.path("name").asText())
                    .isEqualTo(stored);
        }
    }

    /** A result list reads each hit's summary from the index: the same values as the stored dict holds. */
    @Test
    void aSummaryReadFromTheIndexHoldsTheDictsValues() {
        for (ObjectNode stored : DatasetSamples.all()) {
            ObjectNode dict = stored.deepCopy();
            String org = dict.path("owner_org").asText("");
            DatasetSummary summary = CkanDatasetMapping.summary(
                    new PackageSummary(org, List.of(), CkanJson.bytes(dict)).bytes());
            assertThat(summary).as(dict.path("name").asText()).isEqualTo(new DatasetSummary(dict.path("id").asText(),
                    dict.path("name").asText(), ReadableDataset.text(dict.path("title").asText()),
                    ReadableDataset.text(dict.path("notes").asText(null)), org.isEmpty() ? null : org,
                    java.time.Instant.ofEpochMilli(Datasets.millis(dict.path("metadata_modified").asText()))));
        }
        // The highlighter marks words in the title as the summary gives it: the text the index holds, as it is.
        for (ObjectNode stored : DatasetSamples.all()) {
            String indexed = stored.path("title").asText("");
            assertThat(CkanDatasetMapping.indexedTitle(new PackageSummary("", List.of(), CkanJson.bytes(stored)).bytes()))
                    .isEqualTo(indexed.isEmpty() ? null : indexed);
        }
        // A title that is not one value reads as the name; lists and objects before the fields are passed over.
        ObjectNode odd = (ObjectNode) nl.vindplaats.base.Json.read("""
                {"resources": [{"title": "not this", "id": "r"}], "extras": {"name": "nor this"},
                 "id": "d1", "title": ["a", "b"], "name": "odd-one", "notes": null,
                 "metadata_modified": "2024-01-02T03:04:05.000000"}""");
        DatasetSummary summary = CkanDatasetMapping.summary(
                new PackageSummary("", List.of(), CkanJson.bytes(odd)).bytes());
        assertThat(summary).isEqualTo(new DatasetSummary("d1", "odd-one", "odd-one", null, null,
                java.time.Instant.ofEpochMilli(Datasets.millis("2024-01-02T03:04:05.000000"))));
    }

    @Test
    void onlyWhatTheModelHasNoPlaceForIsKeptAsExtras() {
        for (ObjectNode stored : DatasetSamples.all()) {
            ObjectNode extras = CkanDatasetMapping.read(stored).extras();
            assertThat(unexpected(extras, CKAN_ONLY, DONL_NOT_IN_MODEL)).as(stored.path("name").asText()).isEmpty();
            for (JsonNode resource : extras.path("resources")) {
                assertThat(unexpected((ObjectNode) resource, RESOURCE_CKAN_ONLY, RESOURCE_DONL_NOT_IN_MODEL))
                        .as(stored.path("name").asText()).isEmpty();
            }
        }
    }

    @Test
    void theCompleteDatasetKeepsEveryDcatFieldInTheModel() {
        ObjectNode stored = DatasetSamples.complete();
        CkanDatasetMapping.Read read = CkanDatasetMapping.read(stored);
        Dataset d = read.dataset();
        assertThat(fieldNames(read.extras())).containsExactlyInAnyOrderElementsOf(
                union(List.of("resources"), CKAN_ONLY.stream().filter(stored::has).toList(), DONL_NOT_IN_MODEL));
        assertThat(d.title()).isEqualTo("  Luchtkwaliteit: metingen per uur ");
        assertThat(d.description()).endsWith("\n\n");
        assertThat(d.contact().name()).isEqualTo("Servicedesk ");
        assertThat(d.identifier()).isEqualTo("https://data.example.nl/id/dataset/luchtmeetnet");
        assertThat(d.publisher()).isEqualTo(d.organisationId());
        assertThat(d.languages()).hasSize(2);
        assertThat(d.releaseDate()).isEqualTo("2019-01-01");
        assertThat(d.modificationDate()).isEqualTo("2024-03-01T12:00:00");
        assertThat(d.landingPage()).isEqualTo("https://www.luchtmeetnet.nl/");
        assertThat(d.version()).isEqualTo("2.1");
        assertThat(d.temporal()).isEqualTo(new Dataset.Period("sinds 2019", "2019-01-01T00:00:00", "2024-12-31"));
        assertThat(d.conformsTo()).containsExactly("https://www.w3.org/TR/vocab-dcat-2/");
        Distribution r = d.distributions().get(0);
        assertThat(r.name()).isEqualTo("  Metingen (CSV) ");
        assertThat(r.uploaded()).isTrue();
        assertThat(r.byteSize()).isEqualTo("1024");
        assertThat(r.size()).isEqualTo(1024L);
        assertThat(r.mediaType()).isEqualTo("https://www.iana.org/assignments/media-types/text/csv");
        assertThat(r.detectedMediaType()).isEqualTo("text/csv");
        assertThat(r.languages()).containsExactly("http://publications.europa.eu/resource/authority/language/NLD");
        assertThat(r.status()).isEqualTo("http://purl.org/adms/status/Completed");
        // The size was given as text: the model holds its digits, the extras its JSON form.
        assertThat(read.extras().path("resources").get(0).path("size").isTextual()).isTrue();
    }

    @Test
    void peopleReadTheTextTrimmed() {
        Dataset readable = ReadableDataset.of(CkanDatasetMapping.dataset(DatasetSamples.complete()));
        assertThat(readable.title()).isEqualTo("Luchtkwaliteit: metingen per uur");
        assertThat(readable.contact().name()).isEqualTo("Servicedesk");
        assertThat(readable.distributions().get(0).name()).isEqualTo("Metingen (CSV)");
    }

    private static List<String> unexpected(ObjectNode extras, Set<String> allowed, Set<String> notInModel) {
        List<String> out = new ArrayList<>();
        extras.properties().forEach(e -> {
            boolean storedAsNull = e.getValue().isNull();
            boolean sizeAsText = e.getKey().equals("size") && e.getValue().isTextual();
            if (!allowed.contains(e.getKey()) && !notInModel.contains(e.getKey()) && !storedAsNull && !sizeAsText
                    && !e.getKey().equals("resources")) {
                out.add(e.getKey() + "=" + e.getValue());
            }
        });
        return out;
    }

    private static Set<String> fieldNames(ObjectNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @SafeVarargs
    private static Set<String> union(java.util.Collection<String>... parts) {
        Set<String> all = new TreeSet<>();
        for (var p : parts) {
            all.addAll(p);
        }
        return all;
    }
}
