package nl.vindplaats.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What a write asks the store to keep as a record's next version, and why (the change's cause).
 * {@code keys} are further unique keys of the record within its kind (say, a document's identifiers): the
 * store refuses a write whose key another record holds, and finds a record by any of its keys.
 */
public record NewVersion(String kind, String id, String name, String organisation, String state, ObjectNode body,
                         String cause, List<String> keys) {
    public NewVersion {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    public NewVersion(String kind, String id, String name, String organisation, String state, ObjectNode body,
                      String cause) {
        this(kind, id, name, organisation, state, body, cause, List.of());
    }
}
