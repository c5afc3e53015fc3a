package nl.vindplaats.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.documents.Documents;
import nl.vindplaats.documents.StoredPublication;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.testing.FixtureBodies;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscription's text filter matches words in the text values of the version that changed, whatever their field
 * names: a document's body in the current layout holds the same words as the body of the earlier layout it was
 * rewritten from, so a subscription hears of the same documents.
 */
class FilterTest {
    private static final NotifiableKind DOCUMENTS = new NotifiableKind(Documents.KIND, "document", r -> "/" + r.id(),
            r -> true, r -> false);

    @Test
    void aDocumentsWordsAreTheSameInEitherLayout() {
        List<ObjectNode> bodies = FixtureBodies.of(Documents.KIND);
        assertThat(bodies).isNotEmpty();
        for (ObjectNode old : bodies) {
            StoredRecord before = record(old);
            StoredRecord after = record(StoredPublication.LAYOUT.upgrade(before));
            Set<String> words = new TreeSet<>();
            texts(old, words);
            texts(after.body(), words);
            words.add("document"); // the layout's mark is a number, not a word every document would match
            for (String word : words) {
                Filter filter = new Filter(List.of(), null, word);
                assertThat(filter.matches(DOCUMENTS, after)).as(word).isEqualTo(filter.matches(DOCUMENTS, before));
            }
        }
    }

    private static StoredRecord record(ObjectNode body) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new StoredRecord(Documents.KIND, "id", null, 1, "org", Documents.PUBLISHED, at, at, body);
    }

    private static void texts(JsonNode node, Set<String> into) {
        if (node.isTextual()) {
            into.addAll(Filter.words(node.asText()));
        } else if (node.isContainerNode()) {
            node.forEach(child -> texts(child, into));
        }
    }
}
