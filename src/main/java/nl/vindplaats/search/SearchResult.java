package nl.vindplaats.search;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Matching record ids in order, the total count, facet counts and highlights. The total is exact,
 * except for a query built {@code withoutTotal()}: then it is exact only when no more than offset + limit
 * match, and otherwise merely more than offset + limit (enough to tell that there is a next page).
 */
public record SearchResult(long total, List<Hit> hits, Map<String, List<FacetCount>> facets) {

    /**
     * @param highlights text field → fragments with matches wrapped in {@code <em>}
     * @param summary    the record's summary as its projection gave it ({@link IndexDocument#summary()}), or null
     */
    public record Hit(String id, float score, Map<String, List<String>> highlights, byte[] summary) {
        @Override
        public boolean equals(Object other) { // the summary by its bytes, as a record would compare any other value
            return other instanceof Hit hit && id.equals(hit.id) && Float.compare(score, hit.score) == 0
                    && highlights.equals(hit.highlights) && Arrays.equals(summary, hit.summary);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, score, highlights, Arrays.hashCode(summary));
        }
    }

    public record FacetCount(String value, long count) {
    }

    public List<String> ids() {
        return hits.stream().map(Hit::id).toList();
    }
}
