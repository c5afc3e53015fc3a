package nl.vindplaats.portal;

import io.javalin.http.Context;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.datasets.DatasetCatalogue;
import nl.vindplaats.documents.Publications;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.QueryParams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The home page ({@code /}) and the search page ({@code /zoeken}): one search over all three kinds. */
public final class SearchPages {
    static final int PER_PAGE = 20;
    /** Deeper pages are not shown: each kind is searched to the end of the page asked for, as search engines do. */
    static final int MAX_PAGES = 50;
    private static final int FACET_SHOWN = 10;

    private final CombinedSearch search;
    private final Organisations organisations;
    private final Publications publications;

    SearchPages(CombinedSearch search, Organisations organisations, Publications publications) {
        this.search = search;
        this.organisations = organisations;
        this.publications = publications;
    }

    /** One count of the kind filter, or one organisation of the organisation filter. */
    public record FacetItem(String label, long count, String url, boolean selected) {
    }

    public record PageLink(int number, String url, boolean current) {
    }

    /** @param previousUrl null on the first page; {@code nextUrl} null on the last */
    public record Paging(int page, int pages, String previousUrl, String nextUrl, List<PageLink> links) {
    }

    public record KindCount(Kind kind, long count, String url) {
    }

    public record HomeModel(List<KindCount> counts, List<ResultItem> newest, List<FacetItem> organisations) {
    }

    /** A hidden field of the date form: a filter the form keeps when the dates are applied. */
    public record Hidden(String name, String value) {
    }

    /**
     * @param organisation the organisation filtered on, or null
     * @param facets       theme, Woo information category and format, each with its counts
     * @param chosen       the filters beyond kind and organisation, each with the link that takes it away
     * @param pageMissing  the page asked for lies past the last one
     */
    public record SearchModel(String query, Kind kind, Organisation organisation, long total, List<ResultItem> items,
                              List<FacetItem> kinds, List<FacetItem> organisations, List<Facets.FacetBlock> facets,
                              List<Facets.Chosen> chosen, String from, String to, List<Hidden> hidden,
                              Paging paging, boolean pageMissing, String withoutFilters, boolean filtered) {
    }

    void home(Context ctx) {
        CombinedSearch.Outcome outcome = search.run(new CombinedSearch.Request(null, null, null, 0, 6));
        List<KindCount> counts = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            counts.add(new KindCount(kind, outcome.totals().get(kind), Links.search(null, kind, null, 1)));
        }
        List<FacetItem> top = new ArrayList<>();
        for (Map.Entry<String, Long> e : outcome.byOrganisation().entrySet()) {
            if (top.size() == FACET_SHOWN) {
                break;
            }
            organisations.byId(e.getKey()).map(Organisations.Versioned::organisation).ifPresent(o ->
                    top.add(new FacetItem(o.name(), e.getValue(), "/organisaties/" + Links.path(o.slug()), false)));
        }
        Pages.render(ctx, 200, "home.jte", new HomeModel(counts, outcome.items(), top));
    }

    void search(Context ctx) {
        SearchFilters filters = SearchFilters.read(ctx, organisations);
        Texts texts = Texts.of(ctx);
        int page = page(ctx.queryParam("pagina"));
        CombinedSearch.Outcome outcome = search.run(filters.request((page - 1) * PER_PAGE, PER_PAGE));
        Kind kind = filters.kind();
        Organisation organisation = filters.organisation();

        List<FacetItem> kinds = new ArrayList<>();
        for (Kind k : Kind.values()) {
            boolean selected = k == kind;
            kinds.add(new FacetItem(texts.text("kind." + k.code() + ".many"), outcome.totals().get(k), filters.withKind(selected ? null : k).url(1),
                    selected));
        }
        List<FacetItem> byOrganisation = new ArrayList<>();
        if (organisation != null) {
            byOrganisation.add(new FacetItem(organisation.name(), outcome.total(),
                    filters.withOrganisation(null).url(1), true));
        } else {
            for (Map.Entry<String, Long> e : outcome.byOrganisation().entrySet()) {
                if (byOrganisation.size() == FACET_SHOWN) {
                    break;
                }
                organisations.byId(e.getKey()).map(Organisations.Versioned::organisation).ifPresent(o ->
                        byOrganisation.add(new FacetItem(o.name(), e.getValue(), filters.withOrganisation(o).url(1),
                                false)));
            }
        }
        List<Facets.FacetBlock> facets = List.of(
                block("facet-thema", texts.text("search.theme"), filters.theme(), topThemes(outcome.byTheme()),
                        v -> DatasetCatalogue.label(DatasetCatalogue.Facet.THEME, v), filters::withTheme),
                block("facet-informatiecategorie", texts.text("search.category"), filters.category(),
                        outcome.byCategory(), v -> publications.label(Publications.Facet.CATEGORY, v),
                        filters::withCategory),
                block("facet-formaat", texts.text("search.format"), filters.format(), outcome.byFormat(),
                        v -> DatasetCatalogue.label(DatasetCatalogue.Facet.FORMAT, v), filters::withFormat));
        List<Facets.Chosen> chosen = new ArrayList<>();
        if (filters.theme() != null) {
            chosen.add(new Facets.Chosen(texts.text("chosen.theme"), DatasetCatalogue.label(DatasetCatalogue.Facet.THEME,
                    filters.theme()), filters.withTheme(null).url(1)));
        }
        if (filters.category() != null) {
            chosen.add(new Facets.Chosen(texts.text("chosen.category"), publications.label(Publications.Facet.CATEGORY,
                    filters.category()), filters.withCategory(null).url(1)));
        }
        if (filters.format() != null) {
            chosen.add(new Facets.Chosen(texts.text("chosen.format"), DatasetCatalogue.label(DatasetCatalogue.Facet.FORMAT,
                    filters.format()), filters.withFormat(null).url(1)));
        }
        if (filters.from() != null) {
            chosen.add(new Facets.Chosen(texts.text("search.from"), texts.date(filters.from()),
                    filters.withDays(null, filters.to()).url(1)));
        }
        if (filters.to() != null) {
            chosen.add(new Facets.Chosen(texts.text("search.to"), texts.date(filters.to()),
                    filters.withDays(filters.from(), null).url(1)));
        }
        int pages = (int) Math.min(MAX_PAGES, (outcome.total() + PER_PAGE - 1) / PER_PAGE);
        Pages.render(ctx, 200, "search.jte", new SearchModel(filters.words(), kind, organisation, outcome.total(),
                outcome.items(), kinds, byOrganisation, facets, chosen,
                filters.from() == null ? "" : filters.from().toString(),
                filters.to() == null ? "" : filters.to().toString(), hidden(filters),
                paging(filters, page, pages), page > Math.max(1, pages), filters.withoutFilters().url(1),
                filters.filtered()));
    }

    /** Only the top themes are offered: a top theme takes in its sub themes, as on the dataset search. */
    private static Map<String, Long> topThemes(Map<String, Long> byTheme) {
        Map<String, Long> top = new LinkedHashMap<>();
        byTheme.forEach((theme, count) -> {
            if (DatasetCatalogue.isTopTheme(theme)) {
                top.put(theme, count);
            }
        });
        return top;
    }

    private static Facets.FacetBlock block(String id, String title, String chosen, Map<String, Long> counts,
                                           Function<String, String> label,
                                           Function<String, SearchFilters> choosing) {
        List<Facets.Option> options = new ArrayList<>();
        if (chosen != null) {
            options.add(new Facets.Option(label.apply(chosen), counts.getOrDefault(chosen, 0L),
                    choosing.apply(null).url(1), true, List.of()));
        } else {
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                if (options.size() == FACET_SHOWN) {
                    break;
                }
                options.add(new Facets.Option(label.apply(e.getKey()), e.getValue(),
                        choosing.apply(e.getKey()).url(1), false, List.of()));
            }
        }
        return new Facets.FacetBlock(id, title, options);
    }

    /** The filters other than the dates, kept by the date form. */
    private static List<Hidden> hidden(SearchFilters filters) {
        List<Hidden> hidden = new ArrayList<>();
        filters.withDays(null, null).parameters(1).forEach((name, value) -> hidden.add(new Hidden(name, value)));
        return hidden;
    }

    /** A page number as asked for: 1 when none; a 400 for one that is not a whole number from 1 to the last shown. */
    static int page(String text) {
        return QueryParams.wholeNumber(QueryParams.given(text), 1, 1, MAX_PAGES,
                fault -> fault == QueryParams.Fault.TOO_LARGE
                        ? PortalErrors.refuse(400, "error.page.deep", String.valueOf(MAX_PAGES))
                        : PortalErrors.refuse(400, "error.page.number", text));
    }

    private static Paging paging(SearchFilters filters, int page, int pages) {
        List<PageLink> links = new ArrayList<>();
        for (int n = Math.max(1, page - 4); n <= Math.min(pages, page + 4); n++) {
            links.add(new PageLink(n, filters.url(n), n == page));
        }
        return new Paging(page, pages, page > 1 && page <= pages ? filters.url(page - 1) : null,
                page < pages ? filters.url(page + 1) : null, links);
    }
}
