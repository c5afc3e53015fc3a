package nl.vindplaats.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A search over one kind of record.
 *
 * @param text       words typed by a user (Dutch analysis, all words must match), or null for everything
 * @param textFields the full-text fields to search, with their boosts
 * @param exactFields those of the text fields that are keyword fields: a word matches them only as a whole
 *                   value, as typed (as a dismax matches Solr's string fields)
 * @param matchField a full-text field that holds every word of the text fields, or null: plain words (no
 *                   operators) then match where they match in it alone, so counting the matches (for facets
 *                   and totals) needs no scoring over every text field
 * @param filters    keyword field → accepted values (any of them); all fields must match
 * @param ranges     numeric field → inclusive range; either end may be null
 * @param extra      a further condition (e.g. text in CKAN's query syntax), combined with AND; may be null
 * @param facets     keyword fields to count values of, within the matching records
 * @param sort       sort keys, applied in order; empty means relevance
 * @param highlight  return marked fragments of the text fields that matched
 * @param countTotal count every match for {@link SearchResult#total()}; a caller that shows no total
 *                   (a list paged by offset) can skip that pass over the matches
 * @param highlightSummaries with {@code highlight}: a text field without a match gets its first passages unmarked
 *                   (a summary) instead of nothing
 * @param highlightTexts with {@code highlight}: where the marked texts are read from the hits' summaries; null: from
 *                   the stored fields
 */
public record SearchQuery(String kind, String text, Map<String, Float> textFields, Set<String> exactFields,
                          String matchField, Map<String, List<String>> filters,
                          Map<String, Range> ranges, Condition extra, List<String> facets, int facetLimit,
                          List<SortKey> sort, int offset, int limit, boolean highlight,
                          boolean countTotal, boolean highlightSummaries, IndexedTexts highlightTexts) {

    public record Range(Long from, Long to) {
    }

    /** One sort key; ties are always broken by record id. */
    public record SortKey(Type type, String field, boolean descending) {
        public enum Type { RELEVANCE, NUMBER, KEYWORD, ID }

        public static SortKey relevance() {
            return new SortKey(Type.RELEVANCE, null, true);
        }

        public static SortKey number(String field, boolean descending) {
            return new SortKey(Type.NUMBER, field, descending);
        }

        /** Sorts on the smallest value of a keyword field. */
        public static SortKey keyword(String field, boolean descending) {
            return new SortKey(Type.KEYWORD, field, descending);
        }

        public static SortKey id(boolean descending) {
            return new SortKey(Type.ID, null, descending);
        }
    }

    public static Builder of(String kind) {
        return new Builder(kind);
    }

    public static final class Builder {
        private final String kind;
        private String text;
        private final Map<String, Float> textFields = new LinkedHashMap<>();
        private Set<String> exactFields = Set.of();
        private String matchField;
        private final Map<String, List<String>> filters = new LinkedHashMap<>();
        private final Map<String, Range> ranges = new LinkedHashMap<>();
        private Condition extra;
        private List<String> facets = List.of();
        private int facetLimit = 50;
        private final List<SortKey> sort = new java.util.ArrayList<>();
        private int offset;
        private int limit = 25;
        private boolean highlight;
        private boolean highlightSummaries;
        private IndexedTexts highlightTexts;
        private boolean countTotal = true;

        private Builder(String kind) {
            this.kind = kind;
        }

        public Builder text(String words, Map<String, Float> fields) {
            this.text = words == null || words.isBlank() ? null : words;
            this.textFields.putAll(fields);
            return this;
        }

        /** See {@link SearchQuery#exactFields()}. */
        public Builder exact(Set<String> fields) {
            this.exactFields = Set.copyOf(fields);
            return this;
        }

        /** See {@link SearchQuery#matchField()}. */
        public Builder matchIn(String field) {
            this.matchField = field;
            return this;
        }

        public Builder filter(String field, List<String> values) {
            if (values != null && !values.isEmpty()) {
                filters.put(field, List.copyOf(values));
            }
            return this;
        }

        public Builder filter(String field, String value) {
            return value == null ? this : filter(field, List.of(value));
        }

        public Builder range(String field, Long from, Long to) {
            if (from != null || to != null) {
                ranges.put(field, new Range(from, to));
            }
            return this;
        }

        public Builder extra(Condition condition) {
            this.extra = condition;
            return this;
        }

        public Builder facets(List<String> fields, int limitPerField) {
            this.facets = List.copyOf(fields);
            this.facetLimit = limitPerField;
            return this;
        }

        public Builder sortBy(SortKey key) {
            sort.add(key);
            return this;
        }

        public Builder page(int offset, int limit) {
            this.offset = offset;
            this.limit = limit;
            return this;
        }

        public Builder highlight(boolean on) {
            this.highlight = on;
            return this;
        }

        /** As {@link #highlight}, and a text field without a match gets a summary of its first passages. */
        public Builder highlightWithSummaries(boolean on) {
            this.highlight = on;
            this.highlightSummaries = on;
            return this;
        }

        /** As {@link #highlight}, with the texts to mark read from each hit's summary (see {@link IndexedTexts}). */
        public Builder highlight(boolean on, IndexedTexts texts) {
            this.highlight = on;
            this.highlightTexts = texts;
            return this;
        }

        /** Counts matches only up to the end of the page (see {@link SearchResult#total()}). */
        public Builder withoutTotal() {
            this.countTotal = false;
            return this;
        }

        public SearchQuery build() {
            return new SearchQuery(kind, text, Map.copyOf(textFields), exactFields, matchField, filters, ranges, extra,
                    facets, facetLimit, List.copyOf(sort), offset, limit, highlight, countTotal, highlightSummaries,
                    highlightTexts);
        }
    }
}
