package nl.vindplaats.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.datasets.CkanDatasetStorage;
import nl.vindplaats.datasets.Datasets;
import nl.vindplaats.notify.NotifiableKind;
import nl.vindplaats.store.StoredRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks judge a dataset's change by its record as stored, in either layout: who may hear of it, and the text a
 * subscription's words are looked for in (the CKAN dict, as the API shows it, not the stored layout's own names).
 */
class NotifiableKindsTest {
    private static final NotifiableKind DATASET = NotifiableKinds.all().stream()
            .filter(k -> k.recordKind().equals(Datasets.KIND)).findFirst().orElseThrow();

    private static ObjectNode dict(boolean isPrivate) {
        return (ObjectNode) Json.read("""
                {"id": "d1", "name": "grondwater", "title": "Grondwater meetpunten", "notes": "Peilbuizen",
                 "owner_org": "org-a", "state": "active", "type": "dataset", "private": %s,
                 "tags": ["water"], "metadata_modified": "2024-01-02T03:04:05.000000"}""".formatted(isPrivate));
    }

    private static StoredRecord record(ObjectNode body) {
        return new StoredRecord(Datasets.KIND, "d1", "grondwater", 1, "org-a", "active", Instant.EPOCH, Instant.EPOCH,
                body);
    }

    @Test
    void aDatasetStoredInTheModelsLayoutIsJudgedAsItsCkanDictWas() {
        for (boolean isPrivate : new boolean[] {true, false}) {
            ObjectNode dict = dict(isPrivate);
            StoredRecord old = record(dict);
            StoredRecord current = record(CkanDatasetStorage.stored(dict.deepCopy()).body());
            assertThat(DATASET.isPublic().test(current)).isEqualTo(!isPrivate).isEqualTo(DATASET.isPublic().test(old));
            assertThat(DATASET.content().apply(current)).isEqualTo(dict);
            assertThat(DATASET.content().apply(old)).isEqualTo(dict);
        }
    }
}
