package nl.vindplaats.datasets;

import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.search.SearchResult;
import nl.vindplaats.store.RecordStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public side of the datasets, for surfaces that are not CKAN (the portal): the datasets anyone may see
 * (active and public), found as package_search finds them, and shown as {@link Dataset}s.
 */
public final class DatasetCatalogue {
    /** The index field a search hit's title highlights are given under. */
    public static final String TITLE_FIELD = Datasets.f("title");

    private final Datasets datasets;
    private final SearchIndex index;

    public DatasetCatalogue(RecordStore store, SearchIndex index) {
        this.datasets = new Datasets(store, index);
        this.index = index;
    }

    /** A public dataset by name or id; empty for unknown, private, draft and deleted ones. */
    public Optional<Dataset> publicDataset(String nameOrId) {
        return datasets.find(nameOrId)
                .filter(r -> DatasetMapping.visibility(r).isPublic())
                .map(DatasetMapping::dataset);
    }

    public record Hit(DatasetSummary dataset, float score, Map<String, List<String>> highlights) {
    }

    /** @param byOrganisation organisation id → matching datasets, most first */
    public record Found(long total, List<Hit> hits, Map<String, Long> byOrganisation) {
    }

    /**
     * Public datasets matching the words as package_search matches plain words (best first), else newest first;
     * only those of the given organisations when any are given. Answered from the index alone.
     */
    public Found search(String words, List<String> organisationIds, int offset, int limit) {
        SearchQuery.Builder query = SearchQuery.of(Datasets.KIND)
                .filter(Datasets.f("state"), Datasets.ACTIVE)
                .filter(Datasets.f("capacity"), "public")
                .filter(Datasets.f("owner_org"), organisationIds)
                .facets(List.of(Datasets.f("owner_org")), 50)
                .page(offset, limit)
                .highlight(words != null && !words.isBlank());
        if (words != null && !words.isBlank()) {
            query.text(words, PackageSearch.DISMAX).exact(PackageSearch.DISMAX_EXACT).matchIn(Datasets.f("text"))
                    .sortBy(SearchQuery.SortKey.relevance());
        }
        query.sortBy(SearchQuery.SortKey.number(Datasets.f("metadata_modified"), true));
        SearchResult result = index.search(query.build());
        Map<String, Long> byOrganisation = new LinkedHashMap<>();
        for (SearchResult.FacetCount c : result.facets().getOrDefault(Datasets.f("owner_org"), List.of())) {
            byOrganisation.put(c.value(), c.count());
        }
        List<Hit> hits = result.hits().stream()
                .map(h -> new Hit(DatasetMapping.summary(h.summary()), h.score(), h.highlights())).toList();
        return new Found(result.total(), hits, byOrganisation);
    }
}
