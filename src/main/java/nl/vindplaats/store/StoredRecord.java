package nl.vindplaats.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One version of a domain object as the store keeps it. The body is the domain's own JSON; the
 * optional name is a human-readable key (a slug) that is unique within the kind.
 */
public record StoredRecord(
        String kind,
        String id,
        String name,
        long version,
        String organisation,
        String state,
        Instant created,
        Instant modified,
        ObjectNode body) {
}
