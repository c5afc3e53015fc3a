package nl.vindplaats.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How the current bodies of one kind of record are laid out, and how a body written by an earlier release is
 * brought to that layout. {@link RecordStore#relayout} rewrites a data directory's old bodies once, at start.
 *
 * <p>The contract: {@code upgrade} keeps every fact of the body (what the record's readers make of the old and the new
 * body is the same), and its result is current ({@code isCurrent(upgrade(b))} holds). The change log's older
 * versions keep the layout they were written in, so a kind's readers of history read every layout it ever had.
 */
public interface BodyLayout {

    /** The kind of record whose bodies this lays out. */
    String kind();

    /** Whether this body is already in the current layout. */
    boolean isCurrent(ObjectNode body);

    /** The same body in the current layout; only called for a body that is not current. */
    ObjectNode upgrade(StoredRecord old);
}
