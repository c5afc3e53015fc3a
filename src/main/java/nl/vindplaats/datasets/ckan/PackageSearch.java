package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.base.Json;
import nl.vindplaats.datasets.CkanErrors;
import nl.vindplaats.datasets.Datasets;
import nl.vindplaats.datasets.Donl;
import nl.vindplaats.datasets.Groups;
import nl.vindplaats.datasets.Licenses;
import nl.vindplaats.datasets.PackageView;
import nl.vindplaats.datasets.SolrSyntax;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.Condition;
import nl.vindplaats.search.QuerySyntax;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.search.SearchResult;
import nl.vindplaats.http.QueryParams;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * package_search with CKAN's parameters and result shape. Plain words in {@code q} are searched
 * like CKAN's dismax (name^4 title^4 tags^2 groups^2 text, every word must match); a {@code q} with
 * {@code field:} and every {@code fq} use the fielded syntax ({@link SolrSyntax}). Private, draft
 * and deleted datasets stay hidden unless asked for and allowed.
 */
final class PackageSearch {
    static final int ROWS_MAX = 1000;
    private static final Set<String> PARAMETERS = Set.of("q", "fq", "fq_list", "sort", "rows", "start", "facet",
            "facet.field", "facet.limit", "facet.mincount", "fl", "qf", "include_private", "include_drafts",
            "include_deleted", "use_default_schema", "wt", "bf", "boost", "tie", "defType", "mm", "df",
            "q.op", "hl", "hl.fl");
    private static final Set<String> SORTABLE_NUMBERS = Set.of("metadata_modified", "metadata_created",
            "num_resources", "num_tags");
    private static final Set<String> SORTABLE_KEYWORDS = Set.of("name", "title_string", "id", "license_id", "state",
            "owner_org", "organization", "type", "url", "version");
    private static final Pattern FIELDED = Pattern.compile("(^|[\\s(+\\-])[\\w.*-]+:");

    private final Organisations organisations;
    private final Groups groups;
    private final PackageView view;
    private final SearchIndex index;
    private final String defaultSort;

    PackageSearch(Organisations organisations, Groups groups, PackageView view, SearchIndex index, String defaultSort) {
        this.organisations = organisations;
        this.groups = groups;
        this.view = view;
        this.index = index;
        this.defaultSort = defaultSort;
    }

    Action action() {
        return Action.read("package_search", "Searches datasets. Parameters: q (default *:*; plain words, or "
                + "field:value syntax), fq, fq_list, sort (default 'score desc, metadata_modified desc'), rows "
                + "(10, at most 1000), start, facet, facet.field (JSON list), facet.limit (50; -1 for all), "
                + "facet.mincount (1), fl, include_private, include_drafts, include_deleted. Returns {count, "
                + "results, facets, search_facets, sort}.", this::search);
    }

    private Object search(Call call) {
        List<String> unknown = new ArrayList<>();
        call.data().fieldNames().forEachRemaining(name -> {
            if (!PARAMETERS.contains(name) && !name.startsWith("ext_")) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw CkanErrors.searchQuery("Invalid search parameters: " + pyList(unknown));
        }
        int rows = Math.min(call.natural("rows", 10), ROWS_MAX);
        int start = call.natural("start", 0);
        boolean includePrivate = call.flag("include_private", false);
        boolean includeDrafts = call.flag("include_drafts", false);
        boolean includeDeleted = call.flag("include_deleted", false);
        List<String> facetFields = facetFields(call);
        int facetLimit = facetLimit(call);
        int facetMinCount = call.natural("facet.mincount", 1);
        boolean facet = call.flag("facet", true);
        String sortText = call.text("sort") == null || call.text("sort").isBlank() ? defaultSort : call.text("sort");

        SearchQuery.Builder query = SearchQuery.of(Datasets.KIND);
        List<Condition> scored = new ArrayList<>();
        List<Condition> filterConditions = new ArrayList<>();
        String q = call.text("q");
        if (q != null && q.strip().startsWith("{!")) {
            throw CkanErrors.searchQuery("Local parameters are not supported.");
        }
        if (q != null && !q.isBlank() && !q.strip().equals("*:*")) {
            if (FIELDED.matcher(q).find()) {
                scored.add(parse(q));
            } else {
                query.text(q, Datasets.DISMAX).exact(Datasets.DISMAX_EXACT).matchIn(Datasets.f("text"));
            }
        }
        List<String> filters = new ArrayList<>();
        if (call.text("fq") != null) {
            filters.add(call.text("fq"));
        }
        filters.addAll(call.list("fq_list"));
        boolean statedState = false;
        for (String fq : filters) {
            if (fq.isBlank()) {
                continue;
            }
            if (fq.contains("{!")) {
                throw CkanErrors.searchQuery("Local parameters are not supported.");
            }
            statedState |= fq.contains("+state");
            filterConditions.add(parse(fq));
        }
        if (!statedState) {
            List<String> states = new ArrayList<>(List.of(Datasets.ACTIVE));
            if (includeDrafts) {
                states.add(Datasets.DRAFT);
            }
            if (includeDeleted && call.caller().sysadmin()) {
                states.add(Datasets.DELETED);
            }
            query.filter(Datasets.f("state"), states);
        }
        if (!includePrivate) {
            query.filter(Datasets.f("capacity"), "public");
        }
        if (!call.caller().seesEverything()) {
            query.filter(Datasets.f("permission_labels"), call.caller().labels());
        }
        if (!scored.isEmpty() || !filterConditions.isEmpty()) {
            query.extra(Condition.allOf(scored, filterConditions));
        }
        sort(sortText).forEach(query::sortBy);
        if (facet && !facetFields.isEmpty()) {
            query.facets(facetFields.stream().map(Datasets::f).toList(), facetLimit);
        }
        query.page(start, rows);
        if (!index.isHealthy()) {
            throw CkanErrors.searchConnection();
        }
        SearchResult result;
        try {
            result = index.search(query.build());
        } catch (SearchIndex.Unavailable e) {
            throw CkanErrors.searchConnection();
        } catch (RuntimeException e) {
            if (!index.isHealthy()) {
                throw CkanErrors.searchConnection();
            }
            // e.g. a wildcard or regular expression too complex to run
            throw CkanErrors.searchQuery(String.valueOf(e.getMessage()));
        }

        // A JSON tree, not maps: it is written without looking up a serializer for every value.
        ObjectNode out = Json.object();
        out.put("count", result.total());
        out.put("sort", sortText);
        PackageView.Session session = view.session();
        List<String> fl = call.list("fl");
        ArrayNode results = out.putArray("results");
        if (fl.isEmpty()) {
            result.hits().forEach(hit -> results.addRawValue(session.listed(hit.summary())));
        } else {
            for (SearchResult.Hit hit : result.hits()) {
                ObjectNode dict = session.listedDict(hit.summary());
                ObjectNode only = results.addObject();
                fl.forEach(f -> only.set(f, dict.get(f)));
            }
        }
        ObjectNode facets = out.putObject("facets");
        ObjectNode searchFacets = out.putObject("search_facets");
        for (String field : facetFields) {
            ObjectNode counts = facets.putObject(field);
            List<FacetItem> items = new ArrayList<>();
            for (SearchResult.FacetCount c : result.facets().getOrDefault(Datasets.f(field), List.of())) {
                if (c.count() >= facetMinCount) {
                    counts.put(c.value(), c.count());
                    items.add(new FacetItem(c.value(), displayName(field, c.value()), c.count()));
                }
            }
            items.sort(Comparator.comparing(FacetItem::displayName).reversed());
            ObjectNode entry = searchFacets.putObject(field);
            entry.put("title", field);
            ArrayNode itemList = entry.putArray("items");
            for (FacetItem item : items) {
                itemList.addObject().put("name", item.name()).put("display_name", item.displayName())
                        .put("count", item.count());
            }
        }
        return out;
    }

    private record FacetItem(String name, String displayName, long count) {
    }

    private static Condition parse(String text) {
        try {
            return SolrSyntax.query(text);
        } catch (QuerySyntax.UnknownField e) {
            throw new nl.vindplaats.http.ApiError(409, CkanErrors.SEARCH, "Search error: \"" + e.getMessage() + "\"",
                    List.of());
        }
    }

    private String displayName(String field, String value) {
        return switch (field) {
            // The organization facet holds slugs, the others ids.
            case "organization" -> organisations.bySlug(value).or(() -> organisations.byId(value))
                    .map(o -> o.organisation().name()).orElse(value);
            case "owner_org", "authority", "publisher" ->
                    organisations.find(value).map(o -> o.organisation().name()).orElse(value);
            case "groups" -> groups.find(value).map(g -> g.body().path("title").asText(""))
                    .filter(t -> !t.isEmpty()).orElse(value);
            case "license_id" -> Licenses.find(value).map(Licenses.License::title).orElse(value);
            default -> Donl.displayName(field, value);
        };
    }

    /** facet.field is a JSON list (or one field name as a JSON string); anything else is a ValidationError. */
    private static List<String> facetFields(Call call) {
        JsonNode raw = call.data().get("facet.field");
        if (raw == null || raw.isNull()) {
            return List.of();
        }
        JsonNode parsed = raw;
        if (raw.isTextual()) {
            try {
                parsed = Json.MAPPER.readTree(raw.asText());
            } catch (java.io.IOException e) {
                throw CkanErrors.validation("facet.field", "Could not parse as valid JSON");
            }
        }
        List<String> fields = new ArrayList<>();
        if (parsed instanceof ArrayNode array) {
            array.forEach(f -> fields.add(f.asText()));
        } else if (parsed.isTextual()) {
            fields.add(parsed.asText());
        } else {
            throw CkanErrors.validation("facet.field", "Not a list");
        }
        return fields;
    }

    private static int facetLimit(Call call) {
        int limit = QueryParams.wholeNumber(QueryParams.given(call.text("facet.limit")), 50, Integer.MIN_VALUE,
                Integer.MAX_VALUE, fault -> CkanErrors.validation("facet.limit", "Invalid integer"));
        return limit < 0 ? 100_000 : limit;
    }

    /** Parses CKAN's sort: comma-separated "field direction" pairs; anything else is refused. */
    static List<SearchQuery.SortKey> sort(String text) {
        List<SearchQuery.SortKey> keys = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] words = part.strip().split("\\s+");
            if (words.length != 2 || !(words[1].equalsIgnoreCase("asc") || words[1].equalsIgnoreCase("desc"))) {
                throw CkanErrors.searchQuery("Invalid \"sort\" parameter");
            }
            boolean descending = words[1].equalsIgnoreCase("desc");
            String field = words[0];
            if (field.equals("score") || field.equals("rank")) {
                keys.add(SearchQuery.SortKey.relevance());
            } else if (SORTABLE_NUMBERS.contains(field)) {
                keys.add(SearchQuery.SortKey.number(Datasets.f(field), descending));
            } else if (SORTABLE_KEYWORDS.contains(field)) {
                keys.add(SearchQuery.SortKey.keyword(Datasets.f(field), descending));
            } else if (field.equals("title")) {
                keys.add(SearchQuery.SortKey.keyword(Datasets.f("title_string"), descending));
            } else {
                throw CkanErrors.searchQuery("Invalid \"sort\" parameter");
            }
        }
        return keys;
    }

    /** A list as Python prints it, as CKAN's messages show it: ['a', 'b']. */
    static String pyList(List<String> items) {
        return "[" + String.join(", ", items.stream().map(i -> "'" + i + "'").toList()) + "]";
    }
}
