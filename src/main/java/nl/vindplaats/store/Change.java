package nl.vindplaats.store;

/** One entry of the change log: the record as it was written, and its place in the commit order. */
public record Change(long seq, StoredRecord record, String cause) {
    /**
     * The cause of a change that only rewrote a body in its kind's current layout ({@link RecordStore#relayout}):
     * the record says what it said before, so its history and its subscribers do not see it; indexes and other
     * nodes do, as they see every change.
     */
    public static final String RELAYOUT = "layout";

    /** Whether this change only rewrote the body in a newer layout. */
    public boolean isRelayout() {
        return RELAYOUT.equals(cause);
    }
}
