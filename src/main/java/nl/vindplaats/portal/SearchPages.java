package nl.vindplaats.portal;

import io.javalin.http.Context;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.http.ApiError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The home page ({@code /}) and the search page ({@code /zoeken}): one search over all three kinds. */
public final class SearchPages {
    static final int PER_PAGE = 20;
    /** Deeper pages are not shown: each kind is searched to the end of the page asked for, as search engines do. */
    static final int MAX_PAGES = 50;
    private static final int FACET_SHOWN = 10;

    private final CombinedSearch search;
    private final Organisations organisations;

    SearchPages(CombinedSearch search, Organisations organisations) {
        this.search = search;
        this.organisations = organisations;
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

    /**
     * @param organisation the organisation filtered on, or null
     * @param pageMissing  the page asked for lies past the last one
     */
    public record SearchModel(String query, Kind kind, Organisation organisation, long total, List<ResultItem> items,
                              List<FacetItem> kinds, List<FacetItem> organisations, Paging paging,
                              boolean pageMissing, String withoutFilters) {
        public boolean filtered() {
            return kind != null || organisation != null;
        }
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
        String words = Optional.ofNullable(ctx.queryParam("q")).map(String::strip).orElse("");
        Kind kind = null;
        String kindCode = ctx.queryParam("soort");
        if (kindCode != null && !kindCode.isBlank()) {
            kind = Kind.of(kindCode).orElseThrow(() -> new ApiError(400, PortalErrors.DUTCH,
                    "Soort ‘" + kindCode + "’ bestaat niet; kies api, dataset of document.", List.of()));
        }
        Organisation organisation = null;
        String slug = ctx.queryParam("organisatie");
        if (slug != null && !slug.isBlank()) {
            organisation = organisations.bySlug(slug).map(Organisations.Versioned::organisation)
                    .orElseThrow(() -> new ApiError(404, PortalErrors.DUTCH,
                            "De organisatie ‘" + slug + "’ is niet bekend.", List.of()));
        }
        int page = page(ctx.queryParam("pagina"));
        String orgSlug = organisation == null ? null : organisation.slug();
        CombinedSearch.Outcome outcome = search.run(new CombinedSearch.Request(words, kind,
                organisation == null ? null : organisation.id(), (page - 1) * PER_PAGE, PER_PAGE));

        List<FacetItem> kinds = new ArrayList<>();
        for (Kind k : Kind.values()) {
            boolean selected = k == kind;
            kinds.add(new FacetItem(k.plural(), outcome.totals().get(k),
                    Links.search(words, selected ? null : k, orgSlug, 1), selected));
        }
        List<FacetItem> byOrganisation = new ArrayList<>();
        if (organisation != null) {
            byOrganisation.add(new FacetItem(organisation.name(), outcome.total(), Links.search(words, kind, null, 1),
                    true));
        } else {
            for (Map.Entry<String, Long> e : outcome.byOrganisation().entrySet()) {
                if (byOrganisation.size() == FACET_SHOWN) {
                    break;
                }
                Kind chosenKind = kind;
                organisations.byId(e.getKey()).map(Organisations.Versioned::organisation).ifPresent(o ->
                        byOrganisation.add(new FacetItem(o.name(), e.getValue(),
                                Links.search(words, chosenKind, o.slug(), 1), false)));
            }
        }
        int pages = (int) Math.min(MAX_PAGES, (outcome.total() + PER_PAGE - 1) / PER_PAGE);
        Pages.render(ctx, 200, "search.jte", new SearchModel(words, kind, organisation, outcome.total(),
                outcome.items(), kinds, byOrganisation, paging(words, kind, orgSlug, page, pages),
                page > Math.max(1, pages), Links.search(words, null, null, 1)));
    }

    /** A page number as asked for: 1 when none; a 400 for one that is not a whole number from 1 to the last shown. */
    static int page(String text) {
        if (text == null || text.isBlank()) {
            return 1;
        }
        int page;
        try {
            page = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            page = 0;
        }
        if (page < 1) {
            throw new ApiError(400, PortalErrors.DUTCH, "Het paginanummer ‘" + text + "’ is geen geheel getal van 1 of meer.",
                    List.of());
        }
        if (page > MAX_PAGES) {
            throw new ApiError(400, PortalErrors.DUTCH, "Er worden hoogstens " + MAX_PAGES
                    + " pagina's getoond; maak de zoekvraag preciezer of kies een filter.", List.of());
        }
        return page;
    }

    private static Paging paging(String words, Kind kind, String orgSlug, int page, int pages) {
        List<PageLink> links = new ArrayList<>();
        for (int n = Math.max(1, page - 4); n <= Math.min(pages, page + 4); n++) {
            links.add(new PageLink(n, Links.search(words, kind, orgSlug, n), n == page));
        }
        return new Paging(page, pages, page > 1 && page <= pages ? Links.search(words, kind, orgSlug, page - 1) : null,
                page < pages ? Links.search(words, kind, orgSlug, page + 1) : null, links);
    }
}
