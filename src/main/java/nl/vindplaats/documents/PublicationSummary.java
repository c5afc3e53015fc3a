package nl.vindplaats.documents;

import java.time.Instant;
import java.time.LocalDate;

/** What a result list shows of a publication; read from the search index, never from the store. */
public record PublicationSummary(String id, String title, String documentType, LocalDate published,
                                 Instant modified) {
}
