package nl.vindplaats.datasets;

import java.time.Instant;
import java.util.List;

/**
 * A dataset as a person reads it (DCAT-AP-DONL meaning), whatever API it was written through. Values from the
 * value lists come as {@link Concept}s: the URI and its Dutch label. Built from the stored record by
 * {@link DatasetMapping}.
 *
 * @param organisationId the owning organisation's id (its TOOI URI), or null
 * @param modified       when the dataset's metadata last changed
 */
public record Dataset(String id, String name, String title, String description, String organisationId,
                      List<Concept> themes, Concept licence, Concept status, Concept accessRights, Concept frequency,
                      List<String> keywords, Contact contact, Instant created, Instant modified,
                      List<Distribution> distributions) {

    /** A value of a value list: its URI, and the label a person reads. */
    public record Concept(String uri, String label) {
    }

    /** Who answers questions about the dataset; any part may be null. */
    public record Contact(String name, String email, String phone, String website, String address) {
        public boolean isEmpty() {
            return name == null && email == null && phone == null && website == null && address == null;
        }
    }
}
