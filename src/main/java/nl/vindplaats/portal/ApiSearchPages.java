package nl.vindplaats.portal;

import io.javalin.http.Context;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.register.ApiEntry;
import nl.vindplaats.register.ApiListing;
import nl.vindplaats.register.ApiListing.Facet;
import nl.vindplaats.http.QueryParams;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API list, {@code /apis}: the register's entries with filters on type, organisation, lifecycle,
 * reachability (the probes' up/down) and a lowest API Design Rules score, as links with their counts.
 */
public final class ApiSearchPages {
    static final int PER_PAGE = 20;
    private static final int SHOWN = 10;
    /** The lowest scores offered, highest first. */
    private static final List<Integer> SCORE_STEPS = List.of(100, 80, 50);
    private static final Map<Facet, String> PARAMETERS = new EnumMap<>(Map.of(Facet.TYPE, "type",
            Facet.ORGANISATION, "organisatie", Facet.LIFECYCLE, "levenscyclus", Facet.AVAILABILITY,
            "beschikbaarheid"));

    private final ApiListing apis;

    ApiSearchPages(ApiListing apis) {
        this.apis = apis;
    }

    public record ApiSearchModel(String query, long total, List<ResultItem> items, List<Facets.FacetBlock> facets,
                                 List<Facets.Chosen> chosen, SearchPages.Paging paging, boolean pageMissing,
                                 String withoutFilters) {
    }

    private record State(String words, Map<Facet, String> chosen, Integer score, int page) {
        String url(Map<Facet, String> values, Integer minimum, int toPage) {
            Map<String, String> query = new LinkedHashMap<>();
            if (!words.isEmpty()) {
                query.put("q", words);
            }
            values.forEach((facet, value) -> query.put(PARAMETERS.get(facet), value));
            if (minimum != null) {
                query.put("score", minimum.toString());
            }
            if (toPage > 1) {
                query.put("pagina", Integer.toString(toPage));
            }
            return Links.url("/apis", query);
        }

        String with(Facet facet, String value) {
            Map<Facet, String> values = new EnumMap<>(Facet.class);
            values.putAll(chosen);
            if (value == null) {
                values.remove(facet);
            } else {
                values.put(facet, value);
            }
            return url(values, score, 1);
        }
    }

    void search(Context ctx) {
        String words = Optional.ofNullable(ctx.queryParam("q")).map(String::strip).orElse("");
        Map<Facet, String> chosen = new EnumMap<>(Facet.class);
        PARAMETERS.forEach((facet, parameter) -> {
            String value = ctx.queryParam(parameter);
            if (value != null && !value.isBlank()) {
                chosen.put(facet, value.strip());
            }
        });
        Integer score = score(ctx.queryParam("score"));
        State state = new State(words, chosen, score, SearchPages.page(ctx.queryParam("pagina")));
        ApiListing.Faceted found = apis.search(words, chosen, score, SCORE_STEPS, (state.page() - 1) * PER_PAGE,
                PER_PAGE);
        List<ResultItem> items = new ArrayList<>();
        for (ApiListing.Hit hit : found.hits()) {
            ApiEntry e = hit.entry();
            String detail = Texts.current().code("lifecycle", e.lifecycleStatus())
                    + (e.adrScore() == null ? "" : " · API Design Rules " + e.adrScore() + "%")
                    + ("down".equals(e.availability()) ? " · " + Texts.t("apis.result.down") : "");
            items.add(new ResultItem(Kind.API, "/apis/" + Links.path(e.id()),
                    Highlight.of(e.serviceName(), hit.highlights().get(ApiListing.TITLE_FIELD)),
                    Highlight.of(CombinedSearch.shorten(e.description()), hit.highlights()),
                    e.organisation() == null ? null : e.organisation().label(), detail,
                    Dutch.date(hit.record().modified()), Dutch.isoDate(hit.record().modified())));
        }
        List<Facets.FacetBlock> blocks = new ArrayList<>();
        List<Facets.Chosen> chosenList = new ArrayList<>();
        for (Facet facet : List.of(Facet.TYPE, Facet.ORGANISATION, Facet.LIFECYCLE, Facet.AVAILABILITY)) {
            List<ApiListing.FacetValue> values = found.facets().getOrDefault(facet, List.of());
            String title = Texts.t("apis.facet." + facet.name().toLowerCase(java.util.Locale.ROOT));
            blocks.add(new Facets.FacetBlock("facet-" + PARAMETERS.get(facet), title,
                    options(facet, values, state)));
            String value = chosen.get(facet);
            if (value != null) {
                String label = facet == Facet.ORGANISATION ? values.stream().filter(v -> v.value().equals(value))
                        .map(ApiListing.FacetValue::label).findFirst().orElse(value) : label(facet, value);
                chosenList.add(new Facets.Chosen(title, label, state.with(facet, null),
                        facet == Facet.ORGANISATION ? Texts.dutchValue() : null));
            }
        }
        List<Facets.Option> scores = new ArrayList<>();
        found.minimumScores().forEach((step, count) -> {
            boolean selected = step.equals(score);
            scores.add(new Facets.Option(scoreLabel(step), count, state.url(chosen, selected ? null : step, 1),
                    selected, List.of()));
        });
        blocks.add(new Facets.FacetBlock("facet-score", Texts.t("apis.facet.score"), scores));
        if (score != null) {
            chosenList.add(new Facets.Chosen(Texts.t("apis.facet.score"), scoreLabel(score), state.url(chosen, null, 1)));
        }
        int pages = (int) Math.min(SearchPages.MAX_PAGES, (found.total() + PER_PAGE - 1) / PER_PAGE);
        Pages.render(ctx, 200, "api-search.jte", new ApiSearchModel(words, found.total(), items, blocks, chosenList,
                paging(state, pages), state.page() > Math.max(1, pages), state.url(Map.of(), null, 1)));
    }

    private static String scoreLabel(int step) {
        return step == 100 ? "100%" : Texts.t("apis.score.atLeast", String.valueOf(step));
    }

    private static List<Facets.Option> options(Facet facet, List<ApiListing.FacetValue> values, State state) {
        String selected = state.chosen().get(facet);
        List<Facets.Option> options = new ArrayList<>();
        for (ApiListing.FacetValue v : values) {
            boolean isSelected = v.value().equals(selected);
            if (options.size() < SHOWN || isSelected) {
                boolean organisation = facet == Facet.ORGANISATION;
                options.add(new Facets.Option(organisation ? v.label() : label(facet, v.value()), v.count(),
                        state.with(facet, isSelected ? null : v.value()), isSelected, List.of(),
                        organisation ? Texts.dutchValue() : null));
            }
        }
        return options;
    }

    /**
     * A lifecycle's, reachability's or type's name in the page's language ({@code apis.<group>.<value>} in the
     * texts); a type without one (REST/JSON, GraphQL, …) as the register names it.
     */
    private static String label(Facet facet, String value) {
        String group = switch (facet) {
            case LIFECYCLE -> "apis.status";
            case AVAILABILITY -> "apis.availability";
            case TYPE -> "apis.apiType";
            case ORGANISATION -> "apis.organisation";
        };
        String named = Texts.current().code(group, value);
        return named.equals(value) ? ApiListing.label(facet, value) : named;
    }

    private static Integer score(String text) {
        String given = QueryParams.given(text);
        return given == null ? null : QueryParams.wholeNumber(given, 0, 0, 100,
                fault -> PortalErrors.refuse(400, "error.score", text));
    }

    private static SearchPages.Paging paging(State state, int pages) {
        int page = state.page();
        List<SearchPages.PageLink> links = new ArrayList<>();
        for (int n = Math.max(1, page - 4); n <= Math.min(pages, page + 4); n++) {
            links.add(new SearchPages.PageLink(n, state.url(state.chosen(), state.score(), n), n == page));
        }
        return new SearchPages.Paging(page, pages,
                page > 1 && page <= pages ? state.url(state.chosen(), state.score(), page - 1) : null,
                page < pages ? state.url(state.chosen(), state.score(), page + 1) : null, links);
    }
}
