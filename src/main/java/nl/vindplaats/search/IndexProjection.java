package nl.vindplaats.search;

import nl.vindplaats.store.StoredRecord;

import java.util.Optional;

/** How records of one kind appear in the index. Empty means: not findable (deleted, withdrawn, …). */
public interface IndexProjection {
    String kind();

    Optional<IndexDocument> project(StoredRecord record);
}
