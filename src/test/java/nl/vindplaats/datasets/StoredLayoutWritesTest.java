package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.testing.TestService;
import nl.vindplaats.valuelists.ValueLists;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every way the CKAN API writes a dataset stores it in the model's layout, and reads back as it answered. */
class StoredLayoutWritesTest {

    @Test
    void createPatchResourceAndDeleteStoreTheModelsLayout() {
        DatasetCorpus corpus = new DatasetCorpus(1_000, ValueLists.load(), DatasetCorpus.vocabulary());
        TestService service = TestService.start(TestService.Store.SQLITE);
        try {
            String id = TestService.json(service.post("/api/3/action/package_create", corpus.dataDict(0).toString(),
                    service.asAdmin())).path("result").path("id").asText();
            String other = TestService.json(service.post("/api/3/action/package_create",
                    corpus.dataDict(1).toString(), service.asAdmin())).path("result").path("id").asText();
            assertThat(service.post("/api/3/action/package_patch", "{\"id\":\"" + id + "\",\"title\":\"Anders\"}",
                    service.asAdmin()).statusCode()).isEqualTo(200);
            assertThat(service.post("/api/3/action/resource_create", "{\"package_id\":\"" + id
                    + "\",\"url\":\"https://example.org/x.csv\",\"name\":\"X\"}", service.asAdmin()).statusCode())
                    .isEqualTo(200);
            assertThat(service.post("/api/3/action/package_delete", "{\"id\":\"" + other + "\"}",
                    service.asAdmin()).statusCode()).isEqualTo(200);

            List<StoredRecord> stored = service.app().store().allOf(Datasets.KIND);
            assertThat(stored).hasSize(2);
            for (StoredRecord record : stored) {
                assertThat(StoredDataset.isCurrent(record.body())).as(record.id()).isTrue();
            }
            JsonNode shown = TestService.json(service.get("/api/3/action/package_show?id=" + id, service.asAdmin()))
                    .path("result");
            assertThat(shown.path("title").asText()).isEqualTo("Anders");
            assertThat(shown.path("resources")).anyMatch(r -> r.path("name").asText().equals("X"));
            StoredRecord patched = service.app().store().get(Datasets.KIND, id).orElseThrow();
            assertThat(Datasets.ckanDict(patched).path("title").asText()).isEqualTo("Anders");
            assertThat(patched.body().path("title").asText()).isEqualTo("Anders");
            StoredRecord deleted = service.app().store().get(Datasets.KIND, other).orElseThrow();
            assertThat(deleted.state()).isEqualTo(Datasets.DELETED);
            assertThat(Datasets.ckanDict(deleted).path("state").asText()).isEqualTo(Datasets.DELETED);
            assertThat(deleted.body().path("visibility").path("state").asText()).isEqualTo(Datasets.DELETED);
        } finally {
            service.destroy();
        }
    }
}
