package nl.vindplaats.datasets;

import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.search.SearchResult;
import nl.vindplaats.store.RecordStore;

import java.time.Instant;
import java.util.ArrayList;
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
    private final Groups groups;
    private final SearchIndex index;
    private final RecordStore store;

    public DatasetCatalogue(RecordStore store, SearchIndex index) {
        this.datasets = new Datasets(store, index);
        this.groups = new Groups(store);
        this.store = store;
        this.index = index;
    }

    /** A public dataset by name or id; empty for unknown, private, draft and deleted ones. */
    public Optional<Dataset> publicDataset(String nameOrId) {
        return datasets.findStored(nameOrId)
                .filter(r -> CkanDatasetMapping.visibility(r).isPublic())
                .map(r -> ReadableDataset.of(CkanDatasetMapping.dataset(r)));
    }

    /** One version of a public dataset, from the change log. */
    public record Version(long number, java.time.Instant at, String cause, Dataset dataset) {
    }

    /** Every version of a public dataset (by name or id), oldest first; empty for one that is not public. */
    public List<Version> versions(String nameOrId) {
        return publicDataset(nameOrId).map(current -> store.history(Datasets.KIND, current.id()).stream()
                .map(c -> new Version(c.record().version(), c.record().modified(), c.cause(),
                        ReadableDataset.of(CkanDatasetMapping.dataset(c.record()))))
                .toList()).orElse(List.of());
    }

    public record Hit(DatasetSummary dataset, float score, Map<String, List<String>> highlights) {
    }

    /**
     * @param byOrganisation organisation id → matching datasets, most first
     * @param byTheme        theme URI → matching datasets (top themes and sub themes), most first
     * @param byFormat       resource format → matching datasets, most first
     */
    public record Found(long total, List<Hit> hits, Map<String, Long> byOrganisation, Map<String, Long> byTheme,
                        Map<String, Long> byFormat) {
    }

    /**
     * Public datasets matching the words as package_search matches plain words (best first), else newest first;
     * only those of the given organisations when any are given. Answered from the index alone.
     */
    public Found search(String words, List<String> organisationIds, int offset, int limit) {
        return search(words, organisationIds, null, null, null, null, offset, limit);
    }

    /**
     * As {@link #search(String, List, int, int)}, narrowed further to one theme (a top theme takes in its sub
     * themes), one resource format and the moments the datasets were last changed ({@code from} inclusive,
     * {@code until} exclusive; either may be null).
     */
    public Found search(String words, List<String> organisationIds, String theme, String format, Instant from,
                        Instant until, int offset, int limit) {
        SearchQuery.Builder query = matching(words, organisationIds, theme, format, from, until)
                .facets(List.of(Datasets.f("owner_org"), Facet.THEME.indexField(), Facet.FORMAT.indexField()), 500)
                .page(offset, limit)
                .highlight(words != null && !words.isBlank(), DatasetCatalogue::indexedText);
        query.sortBy(SearchQuery.SortKey.number(Datasets.f("metadata_modified"), true));
        SearchResult result = index.search(query.build());
        List<Hit> hits = result.hits().stream()
                .map(h -> new Hit(CkanDatasetMapping.summary(h.summary()), h.score(), h.highlights())).toList();
        return new Found(result.total(), hits, counts(result, Datasets.f("owner_org")),
                counts(result, Facet.THEME.indexField()), counts(result, Facet.FORMAT.indexField()));
    }

    /** How many public datasets {@link #search(String, List, String, String, Instant, Instant, int, int)} finds. */
    public long count(String words, List<String> organisationIds, String theme, String format, Instant from,
                      Instant until) {
        return index.search(matching(words, organisationIds, theme, format, from, until).page(0, 0).build()).total();
    }

    /** The public datasets that match, best first where words are given. */
    private static SearchQuery.Builder matching(String words, List<String> organisationIds, String theme,
                                                String format, Instant from, Instant until) {
        SearchQuery.Builder query = SearchQuery.of(Datasets.KIND)
                .filter(Datasets.f("state"), Datasets.ACTIVE)
                .filter(Datasets.f("capacity"), "public")
                .filter(Datasets.f("owner_org"), organisationIds)
                .range(Datasets.f("metadata_modified"), from == null ? null : from.toEpochMilli(),
                        until == null ? null : until.toEpochMilli() - 1);
        if (theme != null) {
            query.filter(Facet.THEME.indexField(), theme);
        }
        if (format != null) {
            query.filter(Facet.FORMAT.indexField(), format);
        }
        if (words != null && !words.isBlank()) {
            query.text(words, Datasets.DISMAX).exact(Datasets.DISMAX_EXACT).matchIn(Datasets.f("text"))
                    .sortBy(SearchQuery.SortKey.relevance());
        }
        return query;
    }

    private static Map<String, Long> counts(SearchResult result, String field) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SearchResult.FacetCount c : result.facets().getOrDefault(field, List.of())) {
            counts.put(c.value(), c.count());
        }
        return counts;
    }

    /** The facets of the dataset search page, as data.overheid.nl shows them (its Solr facet fields). */
    public enum Facet {
        ORGANISATION("owner_org"), THEME("theme"), LICENCE("license_id"), FORMAT("res_format"),
        STATUS("dataset_status"), GROUP("groups");

        private final String field;

        Facet(String field) {
            this.field = field;
        }

        String indexField() {
            return Datasets.f(field);
        }
    }

    /** One value of a facet: the value filtered on, its label from the value lists, and its matches. */
    public record FacetValue(String value, String label, long count) {
    }

    /** @param facets per facet its values, most matches first */
    public record Faceted(long total, List<Hit> hits, Map<Facet, List<FacetValue>> facets) {
    }

    /**
     * Public datasets matching the words (best first, else newest first) and every chosen value (one per
     * facet; a top theme takes in its sub themes, as both are indexed), with every facet counted over the
     * matches, as CKAN counts them. Answered from the index alone.
     */
    public Faceted search(String words, Map<Facet, String> chosen, int offset, int limit) {
        boolean text = words != null && !words.isBlank();
        List<String> fields = new ArrayList<>();
        for (Facet facet : Facet.values()) {
            fields.add(facet.indexField());
        }
        SearchQuery.Builder query = SearchQuery.of(Datasets.KIND)
                .filter(Datasets.f("state"), Datasets.ACTIVE)
                .filter(Datasets.f("capacity"), "public")
                // every theme is shown (data.overheid.nl does not cut its theme facet), so the limit is high
                .facets(fields, 500)
                .page(offset, limit)
                .highlight(text, DatasetCatalogue::indexedText);
        chosen.forEach((facet, value) -> query.filter(facet.indexField(), value));
        if (text) {
            query.text(words, Datasets.DISMAX).exact(Datasets.DISMAX_EXACT).matchIn(Datasets.f("text"))
                    .sortBy(SearchQuery.SortKey.relevance());
        }
        query.sortBy(SearchQuery.SortKey.number(Datasets.f("metadata_modified"), true));
        SearchResult result = index.search(query.build());
        Map<Facet, List<FacetValue>> facets = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            List<FacetValue> values = new ArrayList<>();
            for (SearchResult.FacetCount c : result.facets().getOrDefault(facet.indexField(), List.of())) {
                values.add(new FacetValue(c.value(), label(facet, c.value()), c.count()));
            }
            facets.put(facet, List.copyOf(values));
        }
        List<Hit> hits = result.hits().stream()
                .map(h -> new Hit(CkanDatasetMapping.summary(h.summary()), h.score(), h.highlights())).toList();
        return new Faceted(result.total(), hits, facets);
    }

    /** The texts a result list marks words in: of the highlighted fields only the title is shown (and stored). */
    private static String indexedText(byte[] summary, String field) {
        return field.equals(Datasets.f("title")) ? CkanDatasetMapping.indexedTitle(summary) : null;
    }

    /** A value's label as a person reads it: the value list's Dutch label; organisations keep their id. */
    public static String label(Facet facet, String value) {
        return switch (facet) {
            case FORMAT -> CkanDatasetMapping.fileTypeLabel(value);
            case ORGANISATION, GROUP -> value;
            default -> Donl.displayName(facet.field, value);
        };
    }

    /** The top theme above this theme; empty for a top theme itself and for a value not in the hierarchy. */
    public static Optional<String> topThemeOf(String theme) {
        return Donl.topTheme(theme);
    }

    public static boolean isTopTheme(String theme) {
        return Donl.topThemes().contains(theme);
    }

    /** A CKAN group as its page shows it. */
    public record Group(String id, String name, String title, String description) {
    }

    /** An active group by name or id. */
    public Optional<Group> group(String nameOrId) {
        return groups.find(nameOrId).filter(r -> Datasets.ACTIVE.equals(r.state())).map(r -> new Group(r.id(),
                r.body().path("name").asText(), r.body().path("title").asText(r.body().path("name").asText()),
                r.body().path("description").asText(null)));
    }
}
