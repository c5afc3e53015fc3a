package nl.vindplaats.store;

/** One entry of the change log: the record as it was written, and its place in the commit order. */
public record Change(long seq, StoredRecord record, String cause) {
}
