package nl.vindplaats.search;

import nl.vindplaats.store.StoredRecord;

import java.util.Optional;
import java.util.function.Function;

/** How records of one kind appear in the index. Empty means: not findable (deleted, withdrawn, …). */
public interface IndexProjection {
    String kind();

    Optional<IndexDocument> project(StoredRecord record);

    static IndexProjection of(String kind, Function<StoredRecord, Optional<IndexDocument>> project) {
        return new IndexProjection() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Optional<IndexDocument> project(StoredRecord record) {
                return project.apply(record);
            }
        };
    }
}
