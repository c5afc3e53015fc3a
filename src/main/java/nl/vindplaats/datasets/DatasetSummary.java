package nl.vindplaats.datasets;

import java.time.Instant;

/** What a result list shows of a dataset; read from the search index, never from the store. */
public record DatasetSummary(String id, String name, String title, String description, String organisationId,
                             Instant modified) {
}
