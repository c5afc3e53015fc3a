package nl.vindplaats.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a write asks the store to keep as a record's next version, and why (the change's cause). */
public record NewVersion(String kind, String id, String name, String organisation, String state, ObjectNode body,
                         String cause) {
}
