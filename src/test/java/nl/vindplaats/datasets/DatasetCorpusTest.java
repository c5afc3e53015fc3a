package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.DutchVocabulary;
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
    /**
     * Real metadata has a long tail of rare words: a content word occurs in a few percent of datasets at
     * most, and most words in far fewer. Drawn from the 384 real words alone, each occurred in 5 to 25 %.
     */
    @Test
    void wordsFollowZipfsLawWithALongTail() {
        DutchVocabulary words = DatasetCorpus.vocabulary();
        DatasetCorpus corpus = new DatasetCorpus(200_000, ValueLists.load(), words);
        java.util.Map<String, Integer> datasetsWith = new java.util.HashMap<>();
        int datasets = 2_000;
        for (int i = 0; i < datasets; i++) {
            ObjectNode d = corpus.dataDict(i);
            Set<String> seen = new HashSet<>();
            for (String w : (d.path("title").asText() + " " + d.path("notes").asText()).toLowerCase(java.util.Locale.ROOT)
                    .split("[^\\p{L}]+")) {
                seen.add(w);
            }
            seen.forEach(w -> datasetsWith.merge(w, 1, Integer::sum));
        }
        assertThat(words.size()).isGreaterThan(100_000);
        assertThat(datasetsWith).hasSizeGreaterThan(20_000);
        assertThat(datasetsWith.getOrDefault(words.word(0), 0)).isGreaterThan(datasets / 4);
        assertThat(datasetsWith.getOrDefault(words.word(300), 0)).isLessThan(datasets / 20);
        long rare = datasetsWith.values().stream().filter(n -> n <= 2).count();
        assertThat(rare).isGreaterThan(datasetsWith.size() / 2);
    }

    @Test
    void sameDatasetsOnEveryRunAcceptedByPackageCreate() throws Exception {
        ValueLists lists = ValueLists.load();
        DatasetCorpus corpus = new DatasetCorpus(200_000, lists, DatasetCorpus.vocabulary());
        DatasetCorpus again = new DatasetCorpus(200_000, lists, DatasetCorpus.vocabulary());
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
            assertThat(nl.vindplaats.base.Json.read(found).path("result").path("count").asInt()).isEqualTo(20);
        } finally {
            service.destroy();
        }
    }
}
