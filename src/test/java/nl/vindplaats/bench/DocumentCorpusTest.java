package nl.vindplaats.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.documents.StoredPublication;
import nl.vindplaats.base.DutchVocabulary;
import nl.vindplaats.documents.DocumentCorpus;
import nl.vindplaats.documents.MetadataValidator;
import nl.vindplaats.store.NewVersion;
import nl.vindplaats.valuelists.ValueLists;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The read benchmark's document corpus is the same on every run, valid as a delivery, and varied. */
class DocumentCorpusTest {
    private final ValueLists lists = ValueLists.load();
    private final MetadataValidator validator = new MetadataValidator(lists);

    @Test
    void sameDocumentsOnEveryRunEachValidAndVaried() {
        DocumentCorpus corpus = new DocumentCorpus(1_000_000, lists, DutchVocabulary.load());
        DocumentCorpus again = new DocumentCorpus(1_000_000, lists, DutchVocabulary.load());
        Set<String> publishers = new HashSet<>();
        Set<String> soorten = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            assertThat(corpus.metadata(i)).isEqualTo(again.metadata(i));
            NewVersion record = corpus.record(i, validator, "http://localhost:1", Instant.parse("2020-01-01T00:00:00Z"));
            assertThat(record.kind()).isEqualTo("document");
            assertThat(record.state()).isEqualTo("gepubliceerd");
            ObjectNode metadata = StoredPublication.of(record.body()).plooiMetadata();
            assertThat(metadata.path("document").path("pid").asText())
                    .isEqualTo("http://localhost:1/overheid/openbaarmaken/api/v0/documenten/" + DocumentCorpus.uuid(i));
            publishers.add(record.organisation());
            soorten.add(metadata.at("/document/classificatiecollectie/documentsoorten/0/id").asText());
            titles.add(metadata.at("/document/titelcollectie/officieleTitel").asText());
        }
        assertThat(publishers).hasSizeGreaterThan(50);
        assertThat(soorten).hasSizeGreaterThan(10);
        assertThat(titles).hasSize(400);
        assertThat(corpus.deliveredAt(0)).isEqualTo(DocumentCorpus.FIRST);
        assertThat(corpus.deliveredAt(999_999)).isEqualTo(DocumentCorpus.LAST);
        assertThat(DutchVocabulary.load().size()).isGreaterThan(300);
    }
}
