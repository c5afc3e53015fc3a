package nl.vindplaats.register;

import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.search.SearchResult;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;

import java.time.Instant;
import java.util.ArrayList;
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
        return store.get(ApiEntry.KIND, id).map(r -> StoredApiEntry.entry(r.body()));
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
        return search(words, organisationKeys, null, null, offset, limit);
    }

    /**
     * As {@link #search(String, List, int, int)}, narrowed to the entries last changed between two moments
     * ({@code from} inclusive, {@code until} exclusive; either may be null).
     */
    public Found search(String words, List<String> organisationKeys, Instant from, Instant until, int offset,
                        int limit) {
        SearchQuery.Builder query = matching(words, organisationKeys, from, until)
                .facets(List.of(ApiEntries.FILTER_FIELDS.get("organisation")), 50)
                .highlight(words != null && !words.isBlank()).page(offset, limit);
        query.sortBy(SearchQuery.SortKey.number("api_modified", true));
        SearchResult result = index.search(query.build());
        Map<String, StoredRecord> records = new LinkedHashMap<>();
        store.getAll(ApiEntry.KIND, result.ids()).forEach(r -> records.put(r.id(), r));
        List<Hit> hits = result.hits().stream().filter(h -> records.containsKey(h.id()))
                .map(h -> new Hit(StoredApiEntry.entry(records.get(h.id()).body()), records.get(h.id()), h.score(),
                        h.highlights()))
                .toList();
        Map<String, Long> byOrganisation = new LinkedHashMap<>();
        for (SearchResult.FacetCount c : result.facets().getOrDefault(ApiEntries.FILTER_FIELDS.get("organisation"),
                List.of())) {
            byOrganisation.put(c.value(), c.count());
        }
        return new Found(result.total(), hits, byOrganisation);
    }

    /** How many entries {@link #search(String, List, Instant, Instant, int, int)} finds. */
    public long count(String words, List<String> organisationKeys, Instant from, Instant until) {
        return index.search(matching(words, organisationKeys, from, until).page(0, 0).build()).total();
    }

    /** The entries that match, best first where words are given. */
    private static SearchQuery.Builder matching(String words, List<String> organisationKeys, Instant from,
                                                Instant until) {
        SearchQuery.Builder query = SearchQuery.of(ApiEntry.KIND).text(words, ApiEntries.TEXT_FIELDS)
                .filter(ApiEntries.FILTER_FIELDS.get("organisation"), organisationKeys)
                .range("api_modified", from == null ? null : from.toEpochMilli(),
                        until == null ? null : until.toEpochMilli() - 1);
        if (words != null && !words.isBlank()) {
            query.sortBy(SearchQuery.SortKey.relevance());
        }
        return query;
    }

    /** The filters of the API list page, as the register's own filter groups name them. */
    public enum Facet {
        TYPE("apiType"), ORGANISATION("organisation"), LIFECYCLE("status"), AVAILABILITY("availability");

        private final String group;

        Facet(String group) {
            this.group = group;
        }

        /** The facet's title in Dutch, as the register's pages show it. */
        public String title() {
            return FilterLabels.group(group);
        }
    }

    /** One value of a facet: the value filtered on, its Dutch label, its matches. */
    public record FacetValue(String value, String label, long count) {
    }

    /** @param minimumScores for each lowest design-rules score offered, the matches at or above it */
    public record Faceted(long total, List<Hit> hits, Map<Facet, List<FacetValue>> facets,
                          Map<Integer, Long> minimumScores) {
    }

    /**
     * Entries matching the words, each chosen value (one per facet; an organisation by its TOOI URI or OIN) and
     * a lowest design-rules score (null: any), every facet counted over the matches.
     */
    public Faceted search(String words, Map<Facet, String> chosen, Integer minimumScore, List<Integer> scoreSteps,
                          int offset, int limit) {
        boolean text = words != null && !words.isBlank();
        List<String> fields = new ArrayList<>();
        for (Facet facet : Facet.values()) {
            fields.add(facetField(facet));
        }
        SearchQuery.Builder query = base(words, chosen).facets(fields, 200).highlight(text).page(offset, limit)
                .range("api_adrScoreValue", minimumScore == null ? null : minimumScore.longValue(), null);
        if (text) {
            query.sortBy(SearchQuery.SortKey.relevance());
        }
        query.sortBy(SearchQuery.SortKey.number("api_modified", true));
        SearchResult result = index.search(query.build());
        Map<String, StoredRecord> records = new LinkedHashMap<>();
        store.getAll(ApiEntry.KIND, result.ids()).forEach(r -> records.put(r.id(), r));
        List<Hit> hits = result.hits().stream().filter(h -> records.containsKey(h.id()))
                .map(h -> new Hit(StoredApiEntry.entry(records.get(h.id()).body()), records.get(h.id()), h.score(),
                        h.highlights()))
                .toList();
        Map<Facet, List<FacetValue>> facets = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            List<FacetValue> values = new ArrayList<>();
            for (SearchResult.FacetCount c : result.facets().getOrDefault(facetField(facet), List.of())) {
                if (facet == Facet.ORGANISATION) {
                    int cut = c.value().indexOf(ApiEntries.LABEL_SEPARATOR);
                    values.add(new FacetValue(c.value().substring(0, cut), c.value().substring(cut + 1), c.count()));
                } else {
                    values.add(new FacetValue(c.value(), FilterLabels.value(facet.group, c.value()), c.count()));
                }
            }
            facets.put(facet, List.copyOf(values));
        }
        Map<Integer, Long> scores = new LinkedHashMap<>();
        for (Integer step : scoreSteps) {
            scores.put(step, index.search(base(words, chosen).range("api_adrScoreValue", step.longValue(), null)
                    .page(0, 1).build()).total());
        }
        return new Faceted(result.total(), hits, facets, scores);
    }

    /** A value's Dutch label (an organisation's as the register holds it is in the facet values). */
    public static String label(Facet facet, String value) {
        return FilterLabels.value(facet.group, value);
    }

    private static SearchQuery.Builder base(String words, Map<Facet, String> chosen) {
        SearchQuery.Builder query = SearchQuery.of(ApiEntry.KIND).text(words, ApiEntries.TEXT_FIELDS);
        chosen.forEach((facet, value) -> query.filter(ApiEntries.FILTER_FIELDS.get(facet.group), value));
        return query;
    }

    private static String facetField(Facet facet) {
        return facet == Facet.ORGANISATION ? ApiEntries.ORGANISATION_FACET : ApiEntries.FILTER_FIELDS.get(facet.group);
    }
}
