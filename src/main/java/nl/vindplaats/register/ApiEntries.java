package nl.vindplaats.register;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.search.IndexDocument;
import nl.vindplaats.search.IndexProjection;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.search.SearchResult;
import nl.vindplaats.store.NewVersion;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** API entries as records of kind {@value ApiEntry#KIND}: written to the store, found through the index. */
public final class ApiEntries {
    /** The index fields a list can be filtered on, by the query parameter that names them. */
    /** Index field names are shared by all kinds, so ours carry a prefix. */
    static final String PREFIX = "api_";
    static final String ORGANISATION_FACET = "api_organisationFacet";
    static final char LABEL_SEPARATOR = '\u001f';
    static final Map<String, Float> TEXT_FIELDS = Map.of("api_name", 3f, "api_organisationName", 2f,
            "api_description", 1f);

    /** An entry as stored, with the version an update must name. */
    public record Versioned(ApiEntry entry, long version, StoredRecord record) {
    }

    public record Found(long total, List<Versioned> entries, List<SearchResult.Hit> hits,
                        Map<String, List<SearchResult.FacetCount>> facets) {
    }

    public static final Map<String, String> FILTER_FIELDS = filterFields();

    private final RecordStore store;
    private final SearchIndex index;

    public ApiEntries(RecordStore store, SearchIndex index) {
        this.store = store;
        this.index = index;
    }

    private static Map<String, String> filterFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String param : List.of("organisation", "status", "auth", "apiType", "adrScore", "oasStatus",
                "availability")) {
            fields.put(param, PREFIX + param);
        }
        return fields;
    }

    public static IndexProjection projection() {
        return IndexProjection.of(ApiEntry.KIND, record -> {
            ApiEntry e = StoredApiEntry.entry(record.body());
            IndexDocument.Builder doc = IndexDocument.builder(ApiEntry.KIND, record.id())
                    .text("api_name", e.serviceName())
                    .text("api_description", e.description())
                    .keyword("api_status", e.lifecycleStatus())
                    .keyword("api_auth", e.authentication())
                    .keyword("api_apiType", e.apiType())
                    .keyword("api_oasStatus", e.specification() == null ? ApiEntry.Specification.UNKNOWN
                            : e.specification().status())
                    .keyword("api_availability", e.availability() == null ? "unknown" : e.availability())
                    .keyword("api_referenceImplementation", Boolean.toString(e.referenceImplementation()))
                    .keyword("api_nameSort", e.serviceName() == null ? null : e.serviceName().toLowerCase(Locale.ROOT))
                    .number("api_modified", record.modified().toEpochMilli());
            if (e.organisation() != null) {
                doc.text("api_organisationName", e.organisation().label())
                        .keyword("api_organisation", organisationKey(e.organisation()))
                        .keyword("api_organisationOin", e.organisation().oin())
                        // value and label in one facet, so filter groups need no lookup per organisation
                        .keyword(ORGANISATION_FACET, organisationKey(e.organisation()) + LABEL_SEPARATOR
                                + e.organisation().label());
            }
            if (e.tags() != null) {
                e.tags().forEach(t -> doc.text("api_description", t));
            }
            if (e.adrScore() != null) {
                doc.keyword("api_adrScore", Integer.toString(e.adrScore())).number("api_adrScoreValue", (long) e.adrScore());
            }
            return Optional.of(doc.build());
        });
    }

    /** The value an organisation is filtered by: its TOOI URI, or its OIN when the URI is not known. */
    public static String organisationKey(ApiEntry.OrganisationRef ref) {
        return ref.uri() != null ? ref.uri() : ref.oin();
    }

    public Optional<Versioned> get(String id) {
        return store.get(ApiEntry.KIND, id).map(ApiEntries::versioned);
    }

    public Versioned create(ApiEntry entry, String cause) {
        return versioned(store.create(newVersion(entry, cause)));
    }

    /** Creates many new entries in one write (one commit, one index refresh). */
    public List<Versioned> createAll(List<ApiEntry> batch, String cause) {
        return store.createAll(batch.stream().map(e -> newVersion(e, cause)).toList()).stream()
                .map(ApiEntries::versioned).toList();
    }

    public Versioned update(ApiEntry entry, long expectedVersion, String cause) {
        return versioned(store.update(newVersion(entry, cause), expectedVersion));
    }

    /**
     * Entries matching the words (all of them) and the filters (field → any of the values), ordered
     * by id without words and by relevance with them.
     */
    public Found search(String words, Map<String, List<String>> filters, List<String> facets, int offset, int limit,
                        boolean highlight) {
        SearchQuery.Builder query = SearchQuery.of(ApiEntry.KIND).text(words, TEXT_FIELDS).page(offset, limit)
                .highlightWithSummaries(highlight).facets(facets, 200); // the register's _search shows summaries too
        filters.forEach((param, values) -> query.filter(FILTER_FIELDS.get(param), values));
        if (words != null && !words.isBlank()) {
            query.sortBy(SearchQuery.SortKey.relevance());
        }
        query.sortBy(SearchQuery.SortKey.id(false));
        SearchResult result = index.search(query.build());
        List<Versioned> entries = new ArrayList<>(store.getAll(ApiEntry.KIND, result.ids()).stream()
                .map(ApiEntries::versioned).toList());
        return new Found(result.total(), entries, result.hits(), result.facets());
    }

    public static NewVersion newVersion(ApiEntry entry, String cause) {
        String organisation = entry.organisation() == null ? null : entry.organisation().uri();
        return new NewVersion(ApiEntry.KIND, entry.id(), null, organisation, entry.lifecycleStatus(), StoredApiEntry.body(entry), cause);
    }

    static Versioned versioned(StoredRecord record) {
        return new Versioned(StoredApiEntry.entry(record.body()), record.version(), record);
    }
}
