package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.bench.DutchVocabulary;
import nl.vindplaats.testing.TestService;
import nl.vindplaats.valuelists.ValueLists;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CKAN read benchmark's corpus is the same on every run, varied, and every generated data dict is
 * accepted by package_create over real HTTP.
 */
class DatasetCorpusTest {
    @Test
    void sameDatasetsOnEveryRunAcceptedByPackageCreate() throws Exception {
        ValueLists lists = ValueLists.load();
        DatasetCorpus corpus = new DatasetCorpus(200_000, lists, DutchVocabulary.load());
        DatasetCorpus again = new DatasetCorpus(200_000, lists, DutchVocabulary.load());
        Set<String> owners = new HashSet<>();
        Set<String> formats = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            ObjectNode d = corpus.dataDict(i);
            assertThat(d).isEqualTo(again.dataDict(i));
            owners.add(d.path("owner_org").asText());
            d.path("resources").forEach(r -> formats.add(r.path("format").asText()));
        }
        assertThat(owners).hasSizeGreaterThan(50);
        assertThat(formats).hasSizeGreaterThan(5);

        TestService service = TestService.start(TestService.Store.SQLITE);
        try {
            for (int i = 0; i < 20; i++) {
                var response = service.post("/api/3/action/package_create", corpus.dataDict(i).toString(),
                        service.asAdmin());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
            String found = service.get("/api/3/action/package_search?rows=0").body();
            assertThat(nl.vindplaats.platform.Json.read(found).path("result").path("count").asInt()).isEqualTo(20);
        } finally {
            service.destroy();
        }
    }
}
