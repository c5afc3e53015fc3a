package nl.vindplaats.register;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import nl.vindplaats.base.Json;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.InvalidParam;
import nl.vindplaats.http.Requests;
import nl.vindplaats.search.SearchResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The register's reads of API entries: the list ({@code GET /apis}), full-text search with highlights
 * ({@code /apis/_search}), the filter groups with counts ({@code /apis/filters}), all filtered by the same query
 * parameters and paged by {@link RegisterPaging}; and one entry ({@code /apis/{id}}) as JSON with its probe summary,
 * or as JSON-LD (a DCAT data service) for a client that asks for it.
 */
final class ApiEntryReads {
    private static final Set<String> OAS_STATUSES = Set.of("unknown", "valid", "invalid", "unreachable");

    private final ApiEntries entries;
    private final Probes probes;
    private final String publicBaseUrl;

    ApiEntryReads(ApiEntries entries, Probes probes, String publicBaseUrl) {
        this.entries = entries;
        this.probes = probes;
        this.publicBaseUrl = publicBaseUrl;
    }

    void list(Context ctx) {
        respondWithPage(ctx, ctx.queryParam("q"), false);
    }

    void search(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw ApiError.invalid("q", "required: the words to search for");
        }
        respondWithPage(ctx, q, true);
    }

    private void respondWithPage(Context ctx, String q, boolean highlight) {
        RegisterPaging.Page page = RegisterPaging.page(ctx);
        Map<String, List<String>> filters = filters(ctx);
        ApiEntries.Found found = entries.search(q, filters, List.of(), page.offset(), page.perPage(), highlight);
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (int i = 0; i < found.entries().size(); i++) {
            ObjectNode item = ApiEntryJson.itemJson(found.entries().get(i));
            if (highlight) {
                SearchResult.Hit hit = found.hits().get(i);
                ObjectNode marked = item.putObject("highlights");
                hit.highlights().forEach((field, fragments) -> marked.set(
                        field.substring(ApiEntries.PREFIX.length()), Json.MAPPER.valueToTree(fragments)));
            }
            items.add(item);
        }
        RegisterPaging.headers(ctx, page, found.total());
        ctx.json(items);
    }

    /** Filter groups with counts; each group counts under the other groups' active filters, so choices can be combined. */
    void filterGroups(Context ctx) {
        Map<String, List<String>> active = filters(ctx);
        String q = ctx.queryParam("q");
        ArrayNode groups = Json.MAPPER.createArrayNode();
        for (String group : List.of("organisation", "status", "auth", "apiType", "adrScore", "oasStatus",
                "availability")) {
            Map<String, List<String>> others = new LinkedHashMap<>(active);
            others.remove(group);
            boolean organisation = group.equals("organisation");
            String field = organisation ? ApiEntries.ORGANISATION_FACET : ApiEntries.FILTER_FIELDS.get(group);
            ApiEntries.Found found = entries.search(q, others, List.of(field), 0, 0, false);
            ObjectNode g = groups.addObject().put("key", group).put("label", FilterLabels.group(group));
            ArrayNode options = g.putArray("options");
            List<SearchResult.FacetCount> counts = new ArrayList<>(found.facets().getOrDefault(field, List.of()));
            if (group.equals("adrScore")) {
                counts.sort((a, b) -> Integer.compare(Integer.parseInt(b.value()), Integer.parseInt(a.value())));
            }
            for (SearchResult.FacetCount count : counts) {
                String value = count.value();
                String label = FilterLabels.value(group, value);
                if (organisation) {
                    int split = value.indexOf(ApiEntries.LABEL_SEPARATOR);
                    label = value.substring(split + 1);
                    value = value.substring(0, split);
                }
                options.addObject().put("value", value).put("label", label).put("count", count.count())
                        .put("selected", active.getOrDefault(group, List.of()).contains(value));
            }
        }
        ctx.json(groups);
    }

    void show(Context ctx) {
        ApiEntries.Versioned v = RegisterApi.existing(entries, ctx.pathParam("id"));
        ctx.header("Vary", "Accept").header("ETag", Requests.etag(v.version()));
        if (prefersJsonLd(ctx.header("Accept"))) {
            ctx.contentType("application/ld+json")
                    .result(Json.write(JsonLd.dataService(v.entry(), baseUrl(ctx) + RegisterApi.BASE)));
            return;
        }
        ObjectNode json = ApiEntryJson.itemJson(v);
        json.set("probe", Json.MAPPER.valueToTree(probes.summary(v.entry())));
        ctx.json(json);
    }

    /** The configured public URL, or else the one this request reached us at. */
    private String baseUrl(Context ctx) {
        return publicBaseUrl != null ? publicBaseUrl : ctx.scheme() + "://" + ctx.host();
    }

    private Map<String, List<String>> filters(Context ctx) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        List<InvalidParam> invalid = new ArrayList<>();
        for (String param : ApiEntries.FILTER_FIELDS.keySet()) {
            List<String> values = ctx.queryParams(param).stream()
                    .flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(v -> !v.isEmpty()).toList();
            if (values.isEmpty()) {
                continue;
            }
            Set<String> allowed = switch (param) {
                case "status" -> ApiEntry.LIFECYCLES;
                case "auth" -> ApiEntry.AUTHENTICATIONS;
                case "apiType" -> ApiEntry.API_TYPES;
                case "oasStatus" -> OAS_STATUSES;
                case "availability" -> ApiEntry.AVAILABILITIES;
                default -> null;
            };
            for (String value : values) {
                if (allowed != null && !allowed.contains(value)) {
                    invalid.add(new InvalidParam(param, "'" + value + "' is not one of "
                            + ApiEntryJson.sorted(allowed)));
                } else if (param.equals("adrScore") && !value.matches("100|[1-9]?\\d")) {
                    invalid.add(new InvalidParam(param, "a whole number from 0 to 100"));
                }
            }
            filters.put(param, values);
        }
        if (!invalid.isEmpty()) {
            throw ApiError.badRequest("The filters are not valid.", invalid);
        }
        return filters;
    }

    /** True when the client asks for JSON-LD at least as much as for plain JSON. */
    static boolean prefersJsonLd(String accept) {
        if (accept == null) {
            return false;
        }
        double ld = 0;
        double json = 0;
        for (String part : accept.split(",")) {
            String[] pieces = part.strip().split(";");
            String type = pieces[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException ignored) {
                        q = 0;
                    }
                }
            }
            if (type.equals("application/ld+json")) {
                ld = Math.max(ld, q);
            } else if (type.equals("application/json")) {
                json = Math.max(json, q);
            }
        }
        return ld > 0 && ld >= json;
    }
}
