package nl.vindplaats.portal;

import io.javalin.http.Context;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.datasets.DatasetCatalogue;
import nl.vindplaats.datasets.DatasetCatalogue.Facet;
import nl.vindplaats.datasets.DatasetSummary;
import nl.vindplaats.http.ApiError;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dataset search at CKAN's own URLs: {@code /dataset} (with the facets data.overheid.nl shows), and the
 * datasets of one organisation ({@code /organization/{name}}) or one group ({@code /group/{name}}). The filters
 * are CKAN's query parameters ({@code q}, {@code page}, {@code organization}, {@code groups}, {@code res_format},
 * {@code license_id}, plus DCAT-AP-DONL's {@code theme} and {@code dataset_status}), one value each.
 */
public final class DatasetSearchPages {
    /** CKAN's {@code ckan.datasets_per_page}. */
    static final int PER_PAGE = 20;
    private static final int SHOWN = 10;
    /** The query parameter of each facet, as CKAN names its fields. */
    private static final Map<Facet, String> PARAMETERS = new EnumMap<>(Map.of(Facet.ORGANISATION, "organization",
            Facet.GROUP, "groups", Facet.THEME, "theme", Facet.LICENCE, "license_id", Facet.FORMAT, "res_format",
            Facet.STATUS, "dataset_status"));
    /** The facets in data.overheid.nl's order, with the keys of their titles in the texts. */
    private static final Map<Facet, String> TITLES = titles();

    private final DatasetCatalogue catalogue;
    private final Organisations organisations;

    DatasetSearchPages(DatasetCatalogue catalogue, Organisations organisations) {
        this.catalogue = catalogue;
        this.organisations = organisations;
    }

    private static Map<Facet, String> titles() {
        Map<Facet, String> titles = new LinkedHashMap<>();
        titles.put(Facet.THEME, "datasets.facet.theme");
        titles.put(Facet.ORGANISATION, "datasets.facet.organisation");
        titles.put(Facet.LICENCE, "datasets.facet.licence");
        titles.put(Facet.FORMAT, "datasets.facet.format");
        titles.put(Facet.STATUS, "datasets.facet.status");
        titles.put(Facet.GROUP, "datasets.facet.group");
        return titles;
    }

    /**
     * @param heading the page's h1; {@code intro} a line under it, or null; {@code organisationUrl} the page of
     *                the organisation this page lists, or null
     * @param action  where the search form goes: this page
     */
    public record DatasetSearchModel(String heading, String intro, String organisationUrl, String action, String query, long total,
                                     List<ResultItem> items, List<Facets.FacetBlock> facets, List<Facets.Chosen> chosen,
                                     SearchPages.Paging paging, boolean pageMissing, String withoutFilters) {
    }

    /** The URL state of one search: its base path, words, chosen values (as in the URL) and page. */
    private record State(String base, String words, Map<Facet, String> chosen, int page) {
        String url(Map<Facet, String> values, int toPage) {
            Map<String, String> query = new LinkedHashMap<>();
            if (!words.isEmpty()) {
                query.put("q", words);
            }
            values.forEach((facet, value) -> query.put(PARAMETERS.get(facet), value));
            if (toPage > 1) {
                query.put("page", Integer.toString(toPage));
            }
            return Links.url(base, query);
        }

        String with(Facet facet, String value) {
            Map<Facet, String> values = new EnumMap<>(Facet.class);
            values.putAll(chosen);
            if (value == null) {
                values.remove(facet);
            } else {
                values.put(facet, value);
            }
            return url(values, 1);
        }
    }

    void search(Context ctx) {
        State state = state(ctx, "/dataset", null);
        render(ctx, state, null, Texts.t("datasets.title"), null, null);
    }

    void organisation(Context ctx) {
        String name = ctx.pathParam("name");
        Organisation organisation = organisations.find(name).map(Organisations.Versioned::organisation)
                .orElseThrow(() -> PortalErrors.refuse(404, "error.organisation", name));
        State state = state(ctx, "/organization/" + Links.path(organisation.slug()), Facet.ORGANISATION);
        render(ctx, state, Map.entry(Facet.ORGANISATION, organisation.id()), Texts.t("datasets.organisation", organisation.name()),
                null, Urls.organisation(organisation));
    }

    void group(Context ctx) {
        String name = ctx.pathParam("name");
        DatasetCatalogue.Group group = catalogue.group(name).orElseThrow(() -> PortalErrors.refuse(404, "error.group", name));
        State state = state(ctx, "/group/" + Links.path(group.name()), Facet.GROUP);
        render(ctx, state, Map.entry(Facet.GROUP, group.name()), Texts.t("datasets.group", group.title()), group.description(),
                null);
    }

    private State state(Context ctx, String base, Facet fixed) {
        String words = Optional.ofNullable(ctx.queryParam("q")).map(String::strip).orElse("");
        Map<Facet, String> chosen = new EnumMap<>(Facet.class);
        PARAMETERS.forEach((facet, parameter) -> {
            String value = ctx.queryParam(parameter);
            if (facet != fixed && value != null && !value.isBlank()) {
                chosen.put(facet, value.strip());
            }
        });
        return new State(base, words, chosen, SearchPages.page(ctx.queryParam("page")));
    }

    private void render(Context ctx, State state, Map.Entry<Facet, String> fixed, String heading, String intro,
                        String organisationUrl) {
        Map<Facet, String> filter = new EnumMap<>(Facet.class);
        state.chosen().forEach((facet, value) -> filter.put(facet, facet == Facet.ORGANISATION
                ? organisationId(value) : value));
        if (fixed != null) {
            filter.put(fixed.getKey(), fixed.getValue());
        }
        DatasetCatalogue.Faceted found = catalogue.search(state.words(), filter, (state.page() - 1) * PER_PAGE,
                PER_PAGE);
        List<ResultItem> items = new ArrayList<>();
        for (DatasetCatalogue.Hit hit : found.hits()) {
            DatasetSummary d = hit.dataset();
            items.add(new ResultItem(Kind.DATASET, "/dataset/" + Links.path(d.name()),
                    Highlight.of(d.title(), hit.highlights().get(DatasetCatalogue.TITLE_FIELD)),
                    Highlight.of(CombinedSearch.shorten(d.description()), hit.highlights()),
                    organisationName(d.organisationId()), null, Dutch.date(d.modified()),
                    Dutch.isoDate(d.modified())));
        }
        List<Facets.FacetBlock> blocks = new ArrayList<>();
        List<Facets.Chosen> chosen = new ArrayList<>();
        for (Map.Entry<Facet, String> entry : TITLES.entrySet()) {
            Facet facet = entry.getKey();
            if (fixed != null && fixed.getKey() == facet) {
                continue;
            }
            List<DatasetCatalogue.FacetValue> values = found.facets().getOrDefault(facet, List.of());
            String title = Texts.t(entry.getValue());
            blocks.add(new Facets.FacetBlock("facet-" + PARAMETERS.get(facet), title,
                    options(facet, values, state)));
            String value = state.chosen().get(facet);
            if (value != null) {
                chosen.add(new Facets.Chosen(title, label(facet, value), state.with(facet, null),
                        labelLang(facet, value)));
            }
        }
        int pages = (int) Math.min(SearchPages.MAX_PAGES, (found.total() + PER_PAGE - 1) / PER_PAGE);
        Pages.render(ctx, 200, "dataset-search.jte", new DatasetSearchModel(heading, intro, organisationUrl,
                state.base(), state.words(), found.total(), items, blocks, chosen,
                paging(state, pages), state.page() > Math.max(1, pages), state.url(Map.of(), 1)));
    }

    private List<Facets.Option> options(Facet facet, List<DatasetCatalogue.FacetValue> values, State state) {
        String selected = state.chosen().get(facet);
        List<Facets.Option> options = new ArrayList<>();
        for (DatasetCatalogue.FacetValue v : values) {
            String urlValue = facet == Facet.ORGANISATION ? organisationSlug(v.value()) : v.value();
            if (urlValue == null) {
                continue;
            }
            if (facet == Facet.THEME && !DatasetCatalogue.isTopTheme(v.value())
                    && DatasetCatalogue.topThemeOf(v.value()).isPresent()) {
                continue; // a sub theme is listed under its top theme
            }
            boolean isSelected = urlValue.equals(selected);
            List<Facets.Option> children = new ArrayList<>();
            if (facet == Facet.THEME && selectedUnder(v.value(), selected)) {
                for (DatasetCatalogue.FacetValue sub : values) {
                    if (DatasetCatalogue.topThemeOf(sub.value()).filter(v.value()::equals).isPresent()) {
                        boolean subSelected = sub.value().equals(selected);
                        children.add(new Facets.Option(sub.label(), sub.count(),
                                state.with(facet, subSelected ? v.value() : sub.value()), subSelected, List.of(),
                                labelLang(facet, sub.value())));
                    }
                }
            }
            if (options.size() < SHOWN || isSelected || !children.isEmpty()) {
                options.add(new Facets.Option(facet == Facet.ORGANISATION ? label(facet, urlValue) : v.label(), v.count(),
                        state.with(facet, isSelected ? null : urlValue), isSelected, List.copyOf(children),
                        labelLang(facet, v.value())));
            }
        }
        return options;
    }

    /**
     * The language of a value's label where it is not the page's: themes, statuses, DCAT-AP-DONL's licences and
     * organisations have Dutch labels only; formats are codes and CKAN's licences and groups have their own titles.
     */
    private static String labelLang(Facet facet, String value) {
        return switch (facet) {
            case THEME, STATUS, ORGANISATION -> Texts.dutchValue();
            case LICENCE -> value.startsWith("http") ? Texts.dutchValue() : null;
            default -> null;
        };
    }

    /** Whether the chosen theme is this top theme or one of its sub themes. */
    private static boolean selectedUnder(String topTheme, String selected) {
        return selected != null && (selected.equals(topTheme)
                || DatasetCatalogue.topThemeOf(selected).filter(topTheme::equals).isPresent());
    }

    private String label(Facet facet, String urlValue) {
        if (facet == Facet.ORGANISATION) {
            return organisations.find(urlValue).map(v -> v.organisation().name()).orElse(urlValue);
        }
        if (facet == Facet.GROUP) {
            return catalogue.group(urlValue).map(DatasetCatalogue.Group::title).orElse(urlValue);
        }
        return DatasetCatalogue.label(facet, urlValue);
    }

    /** An organisation chosen by slug (or id) as the index keeps it: its id; an unknown one matches nothing. */
    private String organisationId(String slugOrId) {
        return organisations.find(slugOrId).map(v -> v.organisation().id()).orElse(slugOrId);
    }

    private String organisationSlug(String id) {
        return organisations.byId(id).map(v -> v.organisation().slug()).orElse(null);
    }

    private String organisationName(String id) {
        return id == null ? null : organisations.byId(id).map(v -> v.organisation().name()).orElse(null);
    }

    private static SearchPages.Paging paging(State state, int pages) {
        int page = state.page();
        List<SearchPages.PageLink> links = new ArrayList<>();
        for (int n = Math.max(1, page - 4); n <= Math.min(pages, page + 4); n++) {
            links.add(new SearchPages.PageLink(n, state.url(state.chosen(), n), n == page));
        }
        return new SearchPages.Paging(page, pages,
                page > 1 && page <= pages ? state.url(state.chosen(), page - 1) : null,
                page < pages ? state.url(state.chosen(), page + 1) : null, links);
    }
}
