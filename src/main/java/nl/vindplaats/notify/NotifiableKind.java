package nl.vindplaats.notify;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.store.StoredRecord;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A kind of record whose changes subscriptions may hear of. The features know their records; the wiring hands these
 * over, so that this package needs none of them.
 *
 * @param recordKind the kind in the store ({@code dataset}, {@code document}, {@code api})
 * @param name       the kind as subscribers name it in a filter and read it in an event type ({@code dataset.updated})
 * @param path       the record's address on this service, below the base URL
 * @param isPublic   whether anyone may know of this version; others are told only to their owner's subscriptions
 * @param isGone     whether this version deletes or withdraws the record
 * @param content    the record's JSON as its API shows it, whose text values a filter's words are looked for in
 *                   (a body stored in another layout than the API's, as a dataset's, is translated)
 */
public record NotifiableKind(String recordKind, String name, Function<StoredRecord, String> path,
                             Predicate<StoredRecord> isPublic, Predicate<StoredRecord> isGone,
                             Function<StoredRecord, JsonNode> content) {

    public NotifiableKind(String recordKind, String name, Function<StoredRecord, String> path,
                          Predicate<StoredRecord> isPublic, Predicate<StoredRecord> isGone) {
        this(recordKind, name, path, isPublic, isGone, StoredRecord::body);
    }
}
