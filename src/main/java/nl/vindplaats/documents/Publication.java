package nl.vindplaats.documents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A published document (Woo meaning) as a person reads it, whatever API delivered it. Values from the value lists
 * come as {@link Concept}s with their Dutch labels. Built from the stored record and its history by
 * {@link PublicationMapping}.
 *
 * @param publisherId   the publishing organisation's TOOI URI
 * @param published     the day it was made public (openbaarmakingsdatum, else the day of its first version)
 * @param withdrawn     whether it was withdrawn (then {@code versions}' last entry says why, where a reason was given)
 * @param file          the current file, or null while none has been delivered
 * @param versions      every version, oldest first
 */
public record Publication(String id, String title, List<String> descriptions, String publisherId,
                          Concept publisher, Concept responsible, List<Concept> documentTypes,
                          List<Concept> informationCategories, List<Concept> themes, List<String> subjects,
                          Concept language, LocalDate created, LocalDate published, boolean withdrawn,
                          PublicationFile file, List<PublicationVersion> versions, Instant modified) {

    /** A value of a value list: its URI, and the label a person reads. */
    public record Concept(String uri, String label) {
    }

    /** The reason of the last version, if it was a withdrawal that gave one. */
    public String withdrawalReason() {
        return versions.isEmpty() ? null : versions.getLast().reason();
    }
}
