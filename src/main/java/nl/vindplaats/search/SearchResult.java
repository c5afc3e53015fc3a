package nl.vindplaats.search;

import java.util.List;
import java.util.Map;

/**
 * Matching record ids in order, the total count, facet counts and highlights. The total is exact,
 * except for a query built {@code withoutTotal()}: then it is exact only when no more than offset + limit
 * match, and otherwise merely more than offset + limit (enough to tell that there is a next page).
 */
public record SearchResult(long total, List<Hit> hits, Map<String, List<FacetCount>> facets) {

    /** @param highlights text field → fragments with matches wrapped in {@code <em>} */
    public record Hit(String id, float score, Map<String, List<String>> highlights) {
    }

    public record FacetCount(String value, long count) {
    }

    public List<String> ids() {
        return hits.stream().map(Hit::id).toList();
    }
}
