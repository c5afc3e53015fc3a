package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.search.IndexDocument;
import nl.vindplaats.search.IndexProjection;
import nl.vindplaats.store.NewVersion;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;

import java.util.Locale;
import java.util.Optional;

/** CKAN groups (themed collections of datasets across organisations) as records of kind {@code group}. */
public final class Groups {
    public static final String KIND = "group";

    private final RecordStore store;

    Groups(RecordStore store) {
        this.store = store;
    }

    public Optional<StoredRecord> find(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return Optional.empty();
        }
        return store.get(KIND, idOrName).or(() -> store.getByName(KIND, idOrName));
    }

    public StoredRecord create(ObjectNode body, String cause) {
        return store.create(newVersion(body, cause));
    }

    public StoredRecord update(StoredRecord current, ObjectNode body, String cause) {
        return store.update(newVersion(body, cause), current.version());
    }

    private static NewVersion newVersion(ObjectNode body, String cause) {
        return new NewVersion(KIND, body.path("id").asText(), body.path("name").asText(), null,
                body.path("state").asText(Datasets.ACTIVE), body, cause);
    }

    public static IndexProjection projection() {
        return IndexProjection.of(KIND, record -> {
            ObjectNode b = record.body();
            String title = b.path("title").asText("");
            return Optional.of(IndexDocument.builder(KIND, record.id())
                    .keyword("group.name", b.path("name").asText())
                    .keyword("group.state", b.path("state").asText(Datasets.ACTIVE))
                    .keyword("group.title_sort", (title.isEmpty() ? b.path("name").asText() : title).toLowerCase(Locale.ROOT))
                    .text("group.title", title)
                    .text("group.text", b.path("description").asText(null))
                    .build());
        });
    }
}
