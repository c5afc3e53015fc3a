package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.StoredRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dataset's CKAN dict → the body stored in the model's layout → the CKAN dict, on every real stored dict: the same
 * JSON text, keys in the same order, and nothing of CKAN's outside the CKAN mapper's extras.
 */
class StoredDatasetTest {
    /** The names the model's layout uses outside the extras: the dataset's, a distribution's, the visibility's. */
    private static final Set<String> DATASET_NAMES = Set.of("layout", "id", "name", "title", "description",
            "identifier", "organisationId", "publisher", "authority", "themes", "languages", "metadataLanguage",
            "licence", "status", "accessRights", "frequency", "keywords", "contact", "landingPage", "version",
            "releaseDate", "modificationDate", "temporal", "conformsTo", "created", "modified", "distributions",
            "visibility", "extras");
    private static final Set<String> DISTRIBUTION_NAMES = Set.of("id", "name", "description", "accessUrl",
            "downloadUrls", "uploaded", "format", "mediaType", "detectedMediaType", "licence", "byteSize", "languages",
            "status");

    /** Dicts in forms the package schema does not write, that an earlier release may still have stored. */
    private static List<ObjectNode> odd() {
        return List.of(
                (ObjectNode) Json.read("""
                        {"state": 3, "private": "true", "creator_user_id": null, "id": "odd-1", "name": "odd-1",
                         "title": null, "notes": ["a", "b"], "version": 2.5, "tags": "one",
                         "metadata_created": "2024-01-02T03:04:05.123456",
                         "resources": [{"size": "12 kB", "url_type": "link", "url": 7, "id": "r1"}, "not a resource"]}
                        """),
                (ObjectNode) Json.read("""
                        {"id": "odd-2", "name": "odd-2", "resources": {"not": "a list"}, "private": false,
                         "state": "draft", "contact_point_name": "", "temporal_start": "2020"}
                        """),
                (ObjectNode) Json.read("""
                        {"private": true, "name": "odd-3", "id": "odd-3", "extras": [{"key": "k", "value": "v"}],
                         "resources": []}
                        """));
    }

    private static List<ObjectNode> samples() {
        List<ObjectNode> all = new ArrayList<>(DatasetSamples.all());
        all.addAll(odd());
        return all;
    }

    @Test
    void everyCkanDictReadsBackAsTheSameJsonTextFromItsStoredBody() {
        List<ObjectNode> samples = samples();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(10);
        for (ObjectNode dict : samples) {
            String text = Json.write(dict);
            ObjectNode stored = CkanDatasetStorage.stored(dict.deepCopy()).body();
            assertThat(StoredDataset.isCurrent(stored)).isTrue();
            // through the JSON text, as the store keeps it
            ObjectNode fromStore = (ObjectNode) Json.read(Json.write(stored));
            assertThat(Json.write(CkanDatasetStorage.dict(fromStore))).as(dict.path("name").asText()).isEqualTo(text);
            // a dict of an earlier release is read as it is
            assertThat(Json.write(CkanDatasetStorage.dict(dict))).isEqualTo(text);
        }
    }

    @Test
    void theStoredBodyHoldsTheModelByItsOwnNamesAndCkanOnlyInItsExtras() {
        for (ObjectNode dict : samples()) {
            ObjectNode stored = CkanDatasetStorage.stored(dict.deepCopy()).body();
            assertThat(names(stored)).as(dict.path("name").asText()).isSubsetOf(DATASET_NAMES);
            for (JsonNode d : stored.path("distributions")) {
                assertThat(names(d)).isSubsetOf(DISTRIBUTION_NAMES);
            }
            assertThat(names(stored.path("extras"))).isSubsetOf(Set.of(CkanDatasetStorage.MAPPER));
            assertThat(names(stored.path("visibility"))).isSubsetOf(Set.of("state", "restricted", "creatorId"));
        }
        // the model's values, by the model's names: labels are not stored, they come from the value lists
        ObjectNode complete = DatasetSamples.complete();
        ObjectNode stored = CkanDatasetStorage.stored(complete.deepCopy()).body();
        assertThat(stored.path("layout").asInt()).isEqualTo(StoredDataset.LAYOUT);
        assertThat(stored.path("title").asText()).isEqualTo(complete.path("title").asText());
        assertThat(stored.path("description").asText()).isEqualTo(complete.path("notes").asText());
        assertThat(stored.path("organisationId").asText()).isEqualTo(complete.path("owner_org").asText());
        assertThat(stored.path("licence").asText()).isEqualTo(complete.path("license_id").asText());
        assertThat(stored.path("themes").get(0).asText()).isEqualTo(complete.path("theme").get(0).asText());
        assertThat(stored.path("distributions").get(0).path("accessUrl").asText())
                .isEqualTo(complete.path("resources").get(0).path("url").asText());
        assertThat(stored.path("visibility").path("state").asText()).isEqualTo(complete.path("state").asText());
        Dataset read = StoredDataset.read(stored).dataset();
        assertThat(read).isEqualTo(CkanDatasetMapping.dataset(complete));
        assertThat(read.licence().label()).isNotBlank();
    }

    @Test
    void whoMaySeeADatasetReadsAlikeFromEitherLayout() {
        for (ObjectNode dict : samples()) {
            StoredRecord old = record(dict);
            StoredRecord current = withBody(old, CkanDatasetStorage.stored(dict.deepCopy()).body());
            assertThat(CkanDatasetMapping.visibility(current)).as(dict.path("name").asText())
                    .isEqualTo(CkanDatasetMapping.visibility(old));
            assertThat(Datasets.isPrivate(current)).isEqualTo(Datasets.isPrivate(old));
            assertThat(CkanDatasetMapping.dataset(current)).isEqualTo(CkanDatasetMapping.dataset(old));
            assertThat(Datasets.ckanRecord(current).body()).isEqualTo(dict);
        }
    }

    @Test
    void theLayoutRewritesAnOldBodyOnceAndKeepsEveryFact() {
        var layout = StoredDataset.layout();
        for (ObjectNode dict : samples()) {
            assertThat(layout.isCurrent(dict)).isFalse();
            ObjectNode upgraded = layout.upgrade(record(dict));
            assertThat(layout.isCurrent(upgraded)).isTrue();
            assertThat(Json.write(CkanDatasetStorage.dict(upgraded))).isEqualTo(Json.write(dict));
        }
    }

    private static StoredRecord record(ObjectNode body) {
        String id = body.path("id").asText();
        return new StoredRecord(Datasets.KIND, id, body.path("name").asText(), 1, body.path("owner_org").asText(null),
                body.path("state").asText(Datasets.ACTIVE), Instant.EPOCH, Instant.EPOCH, body);
    }

    private static StoredRecord withBody(StoredRecord r, ObjectNode body) {
        return new StoredRecord(r.kind(), r.id(), r.name(), r.version(), r.organisation(), r.state(), r.created(),
                r.modified(), body);
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
