package nl.vindplaats.register;

import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.search.SearchResult;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public side of the API register, for surfaces that are not the register API (the portal): entries found
 * as the register's search finds them, best match first, else most recently changed first.
 */
public final class ApiListing {
    /** The index field a search hit's title highlights are given under. */
    public static final String TITLE_FIELD = "api_name";

    private final RecordStore store;
    private final SearchIndex index;

    public ApiListing(RecordStore store, SearchIndex index) {
        this.store = store;
        this.index = index;
    }

    public Optional<ApiEntry> get(String id) {
        return store.get(ApiEntry.KIND, id).map(r -> ApiEntries.fromBody(r.body()));
    }

    public record Hit(ApiEntry entry, StoredRecord record, float score, Map<String, List<String>> highlights) {
    }

    /** @param byOrganisation organisation key (TOOI URI, else OIN) → matching entries, most first */
    public record Found(long total, List<Hit> hits, Map<String, Long> byOrganisation) {
    }

    /**
     * Entries matching the words, of the given organisations (TOOI URIs or OINs) when any are given. The page's
     * entries are read from the store in one batch, as the register's own search reads them.
     */
    public Found search(String words, List<String> organisationKeys, int offset, int limit) {
        boolean text = words != null && !words.isBlank();
        SearchQuery.Builder query = SearchQuery.of(ApiEntry.KIND).text(words, ApiEntries.TEXT_FIELDS)
                .filter(ApiEntries.FILTER_FIELDS.get("organisation"), organisationKeys)
                .facets(List.of(ApiEntries.FILTER_FIELDS.get("organisation")), 50)
                .highlight(text).page(offset, limit);
        if (text) {
            query.sortBy(SearchQuery.SortKey.relevance());
        }
        query.sortBy(SearchQuery.SortKey.number("api_modified", true));
        SearchResult result = index.search(query.build());
        Map<String, StoredRecord> records = new LinkedHashMap<>();
        store.getAll(ApiEntry.KIND, result.ids()).forEach(r -> records.put(r.id(), r));
        List<Hit> hits = result.hits().stream().filter(h -> records.containsKey(h.id()))
                .map(h -> new Hit(ApiEntries.fromBody(records.get(h.id()).body()), records.get(h.id()), h.score(),
                        h.highlights()))
                .toList();
        Map<String, Long> byOrganisation = new LinkedHashMap<>();
        for (SearchResult.FacetCount c : result.facets().getOrDefault(ApiEntries.FILTER_FIELDS.get("organisation"),
                List.of())) {
            byOrganisation.put(c.value(), c.count());
        }
        return new Found(result.total(), hits, byOrganisation);
    }
}
