package nl.vindplaats.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a record contributes to the index. Features build one of these from their own records;
 * the index knows nothing else about them.
 *
 * @param text     full-text fields (Dutch analysis; stored for highlighting unless named in {@code searchOnly})
 * @param searchOnly text fields that are searched but never shown or highlighted, so not stored: a catch-all field
 *                 that repeats every other one would otherwise store a record's text twice
 * @param keywords exact values for filters and facets; a field may hold several values
 * @param numbers  numeric values (dates as epoch millis) for range filters and sorting
 * @param summary  what a list shows of the record, in the feature's own encoding, returned with each hit so that
 *                 a list need not read and parse whole records from the store (as CKAN keeps its data dicts in
 *                 Solr); null for none
 */
public record IndexDocument(String kind, String id, Map<String, String> text, java.util.Set<String> searchOnly,
                            Map<String, List<String>> keywords, Map<String, Long> numbers, byte[] summary) {

    public static Builder builder(String kind, String id) {
        return new Builder(kind, id);
    }

    public static final class Builder {
        private final String kind;
        private final String id;
        /** Joined once at build: joining at every add copied the field again each time, quadratic in its values. */
        private final Map<String, StringBuilder> text = new LinkedHashMap<>();
        private final Map<String, List<String>> keywords = new LinkedHashMap<>();
        private final Map<String, Long> numbers = new LinkedHashMap<>();
        private final java.util.Set<String> searchOnly = new java.util.HashSet<>();
        private byte[] summary;

        private Builder(String kind, String id) {
            this.kind = kind;
            this.id = id;
        }

        public Builder text(String field, String value) {
            if (value != null && !value.isBlank()) {
                StringBuilder joined = text.get(field);
                if (joined == null) {
                    text.put(field, new StringBuilder(value));
                } else {
                    joined.append('\n').append(value);
                }
            }
            return this;
        }

        /** The text field is searched, never shown nor highlighted: it is not stored. */
        public Builder searchOnly(String field) {
            searchOnly.add(field);
            return this;
        }

        public Builder keyword(String field, String value) {
            if (value != null && !value.isEmpty()) {
                keywords.computeIfAbsent(field, f -> new java.util.ArrayList<>()).add(value);
            }
            return this;
        }

        public Builder keywords(String field, List<String> values) {
            values.forEach(v -> keyword(field, v));
            return this;
        }

        public Builder number(String field, Long value) {
            if (value != null) {
                numbers.put(field, value);
            }
            return this;
        }

        public Builder summary(byte[] value) {
            this.summary = value;
            return this;
        }

        public IndexDocument build() {
            Map<String, String> joined = new LinkedHashMap<>();
            text.forEach((field, value) -> joined.put(field, value.toString()));
            return new IndexDocument(kind, id, joined, java.util.Set.copyOf(searchOnly), keywords, numbers, summary);
        }
    }
}
