package nl.vindplaats.portal;

import io.javalin.http.Context;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.documents.PublicationSummary;
import nl.vindplaats.documents.Publications;
import nl.vindplaats.documents.Publications.Facet;
import nl.vindplaats.http.ApiError;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The document search, {@code /documenten}: Woo documents with filters on information category, organisation,
 * document type (one value each, as links with their counts) and the days they were made public (a form). A
 * result links to its page with the words, so that the page shows the passages of the text where they occur.
 */
public final class DocumentSearchPages {
    static final int PER_PAGE = 20;
    private static final int SHOWN = 10;
    private static final Map<Facet, String> PARAMETERS = new EnumMap<>(Map.of(Facet.CATEGORY, "informatiecategorie",
            Facet.PUBLISHER, "organisatie", Facet.TYPE, "documentsoort"));
    /** The key of each facet's title in the texts. */
    private static final Map<Facet, String> TITLES = new EnumMap<>(Map.of(Facet.CATEGORY, "documents.facet.category",
            Facet.PUBLISHER, "documents.facet.publisher", Facet.TYPE, "documents.facet.type"));

    private final Publications publications;
    private final Organisations organisations;

    DocumentSearchPages(Publications publications, Organisations organisations) {
        this.publications = publications;
        this.organisations = organisations;
    }

    /** A hidden field of the date form: the other filters, kept when the dates change. */
    public record Hidden(String name, String value) {
    }

    /** @param from the first day asked for as written (yyyy-mm-dd), or ""; {@code to} the last */
    public record DocumentSearchModel(String query, long total, List<ResultItem> items, List<Facets.FacetBlock> facets,
                                      List<Facets.Chosen> chosen, String from, String to, List<Hidden> hidden,
                                      SearchPages.Paging paging, boolean pageMissing, String withoutFilters) {
    }

    private record State(String words, Map<Facet, String> chosen, LocalDate from, LocalDate to, int page) {
        String url(Map<Facet, String> values, LocalDate first, LocalDate last, int toPage) {
            Map<String, String> query = new LinkedHashMap<>();
            if (!words.isEmpty()) {
                query.put("q", words);
            }
            values.forEach((facet, value) -> query.put(PARAMETERS.get(facet), value));
            if (first != null) {
                query.put("van", first.toString());
            }
            if (last != null) {
                query.put("tot", last.toString());
            }
            if (toPage > 1) {
                query.put("pagina", Integer.toString(toPage));
            }
            return Links.url("/documenten", query);
        }

        String with(Facet facet, String value) {
            Map<Facet, String> values = new EnumMap<>(Facet.class);
            values.putAll(chosen);
            if (value == null) {
                values.remove(facet);
            } else {
                values.put(facet, value);
            }
            return url(values, from, to, 1);
        }

        String at(int toPage) {
            return url(chosen, from, to, toPage);
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
        LocalDate from = day(ctx.queryParam("van"), "van");
        LocalDate to = day(ctx.queryParam("tot"), "tot");
        if (from != null && to != null && from.isAfter(to)) {
            throw PortalErrors.refuse(400, "error.dates.order", from.toString(), to.toString());
        }
        State state = new State(words, chosen, from, to, SearchPages.page(ctx.queryParam("pagina")));

        Map<Facet, String> filter = new EnumMap<>(chosen);
        filter.computeIfPresent(Facet.PUBLISHER, (facet, slug) -> organisations.find(slug)
                .map(v -> v.organisation().id()).orElse(slug));
        Publications.Faceted found = publications.search(words, filter, from, to, (state.page() - 1) * PER_PAGE,
                PER_PAGE);
        List<ResultItem> items = new ArrayList<>();
        for (Publications.Hit hit : found.hits()) {
            PublicationSummary p = hit.publication();
            items.add(new ResultItem(Kind.DOCUMENT, Urls.document(p.id(), words),
                    Highlight.of(p.title(), hit.highlights().get(Publications.TITLE_FIELD)), null, null,
                    p.documentType(), Dutch.date(p.published()), p.published().toString(), Texts.dutchValue()));
        }
        List<Facets.FacetBlock> blocks = new ArrayList<>();
        List<Facets.Chosen> chosenList = new ArrayList<>();
        for (Facet facet : List.of(Facet.CATEGORY, Facet.PUBLISHER, Facet.TYPE)) {
            String title = Texts.t(TITLES.get(facet));
            blocks.add(new Facets.FacetBlock("facet-" + PARAMETERS.get(facet), title,
                    options(facet, found.facets().getOrDefault(facet, List.of()), state)));
            String value = chosen.get(facet);
            if (value != null) {
                chosenList.add(new Facets.Chosen(title, label(facet, value), state.with(facet, null),
                        Texts.dutchValue()));
            }
        }
        if (from != null) {
            chosenList.add(new Facets.Chosen(Texts.t("documents.chosen.from"), Texts.current().date(from),
                    state.url(chosen, null, to, 1)));
        }
        if (to != null) {
            chosenList.add(new Facets.Chosen(Texts.t("documents.chosen.to"), Texts.current().date(to),
                    state.url(chosen, from, null, 1)));
        }
        List<Hidden> hidden = new ArrayList<>();
        if (!words.isEmpty()) {
            hidden.add(new Hidden("q", words));
        }
        chosen.forEach((facet, value) -> hidden.add(new Hidden(PARAMETERS.get(facet), value)));
        int pages = (int) Math.min(SearchPages.MAX_PAGES, (found.total() + PER_PAGE - 1) / PER_PAGE);
        Pages.render(ctx, 200, "document-search.jte", new DocumentSearchModel(words, found.total(), items, blocks,
                chosenList, from == null ? "" : from.toString(), to == null ? "" : to.toString(), hidden,
                paging(state, pages), state.page() > Math.max(1, pages), state.url(Map.of(), null, null, 1)));
    }

    private List<Facets.Option> options(Facet facet, List<Publications.FacetValue> values, State state) {
        String selected = state.chosen().get(facet);
        List<Facets.Option> options = new ArrayList<>();
        for (Publications.FacetValue v : values) {
            String urlValue = facet == Facet.PUBLISHER ? organisations.byId(v.value())
                    .map(o -> o.organisation().slug()).orElse(null) : v.value();
            if (urlValue == null) {
                continue;
            }
            boolean isSelected = urlValue.equals(selected);
            if (options.size() < SHOWN || isSelected) {
                options.add(new Facets.Option(v.label(), v.count(), state.with(facet, isSelected ? null : urlValue),
                        isSelected, List.of(), Texts.dutchValue()));
            }
        }
        return options;
    }

    private String label(Facet facet, String urlValue) {
        if (facet == Facet.PUBLISHER) {
            return organisations.find(urlValue).map(v -> v.organisation().name()).orElse(urlValue);
        }
        return publications.label(facet, urlValue);
    }

    private static LocalDate day(String text, String parameter) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw PortalErrors.refuse(400, "error.date", parameter, text);
        }
    }

    private static SearchPages.Paging paging(State state, int pages) {
        int page = state.page();
        List<SearchPages.PageLink> links = new ArrayList<>();
        for (int n = Math.max(1, page - 4); n <= Math.min(pages, page + 4); n++) {
            links.add(new SearchPages.PageLink(n, state.at(n), n == page));
        }
        return new SearchPages.Paging(page, pages, page > 1 && page <= pages ? state.at(page - 1) : null,
                page < pages ? state.at(page + 1) : null, links);
    }
}
