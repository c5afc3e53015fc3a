package nl.vindplaats.datasets;

import java.time.Instant;
import java.util.List;

/**
 * A dataset in DCAT-AP-DONL's meaning, whatever API it was written through. Text is held as the publisher gave it
 * (not trimmed: the RDF writes it so); a reader for people tidies it ({@link DatasetCatalogue}). Values from the
 * value lists come as {@link Concept}s: the URI and its Dutch label. The wire formats map to and from this record
 * (CKAN: {@link CkanDatasetMapping}; DCAT RDF: {@link nl.vindplaats.datasets.dcat.DcatDatasetRdf}); it knows none
 * of them.
 *
 * @param identifier       the dataset's URI as its publisher names it (DONL identifier), or null
 * @param organisationId   the owning organisation's id (its TOOI URI), or null
 * @param publisher        the organisation that makes the dataset available (DONL publisher), or null
 * @param authority        the organisation responsible for the dataset (DONL authority), or null
 * @param languages        the languages of the data (URIs of the EU language list)
 * @param metadataLanguage the language of the metadata (a URI of the EU language list), or null
 * @param landingPage      the page about the dataset at its publisher, or null
 * @param releaseDate      when the dataset was first published, as written (a date, or a date-time without zone)
 * @param modificationDate when the data last changed, as written (a date, or a date-time without zone)
 * @param temporal         the period the data covers
 * @param conformsTo       the standards the data conforms to (URIs)
 * @param created          when the dataset's metadata was created in this catalogue
 * @param modified         when the dataset's metadata last changed in this catalogue
 */
public record Dataset(String id, String name, String title, String description, String identifier,
                      String organisationId, String publisher, String authority,
                      List<Concept> themes, List<String> languages, String metadataLanguage,
                      Concept licence, Concept status, Concept accessRights, Concept frequency,
                      List<String> keywords, Contact contact, String landingPage, String version,
                      String releaseDate, String modificationDate, Period temporal, List<String> conformsTo,
                      Instant created, Instant modified, List<Distribution> distributions) {

    public Dataset {
        themes = List.copyOf(themes);
        languages = List.copyOf(languages);
        keywords = List.copyOf(keywords);
        conformsTo = List.copyOf(conformsTo);
        distributions = List.copyOf(distributions);
    }

    /** A value of a value list: its URI, and the label a person reads. */
    public record Concept(String uri, String label) {
    }

    /** Who answers questions about the dataset; any part may be null. */
    public record Contact(String name, String email, String phone, String website, String address, String title) {
        public boolean isEmpty() {
            return name == null && email == null && phone == null && website == null && address == null
                    && title == null;
        }
    }

    /** The period the data covers: a label and/or a start and end, as written (dates or date-times). */
    public record Period(String label, String start, String end) {
        public boolean isEmpty() {
            return label == null && start == null && end == null;
        }
    }
}
