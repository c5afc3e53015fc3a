package nl.vindplaats.portal;

import io.javalin.http.Context;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.http.ApiError;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The filters of the search page ({@code /zoeken}) and its feed ({@code /zoeken.atom}), read from the same
 * parameters: {@code q}, {@code soort}, {@code organisatie} (slug), {@code thema} (a dataset theme URI),
 * {@code informatiecategorie} (a Woo information category URI), {@code formaat} (a dataset resource format)
 * and {@code van}/{@code tot} (inclusive days). A theme or format is only a dataset's, a category only a
 * document's, so choosing one narrows the kinds that can match.
 */
record SearchFilters(String words, Kind kind, Organisation organisation, String theme, String category,
                     String format, LocalDate from, LocalDate to) {

    static SearchFilters read(Context ctx, Organisations organisations) {
        String words = Optional.ofNullable(ctx.queryParam("q")).map(String::strip).orElse("");
        Kind kind = null;
        String kindCode = ctx.queryParam("soort");
        if (kindCode != null && !kindCode.isBlank()) {
            kind = Kind.of(kindCode).orElseThrow(() -> PortalErrors.refuse(400, "error.kind", kindCode));
        }
        Organisation organisation = null;
        String slug = ctx.queryParam("organisatie");
        if (slug != null && !slug.isBlank()) {
            organisation = organisations.bySlug(slug).map(Organisations.Versioned::organisation)
                    .orElseThrow(() -> PortalErrors.refuse(404, "error.organisation.unknown", slug));
        }
        LocalDate from = day(ctx.queryParam("van"), "van");
        LocalDate to = day(ctx.queryParam("tot"), "tot");
        if (from != null && to != null && from.isAfter(to)) {
            throw PortalErrors.refuse(400, "error.dates.order", from.toString(), to.toString());
        }
        return new SearchFilters(words, kind, organisation, value(ctx, "thema"), value(ctx, "informatiecategorie"),
                value(ctx, "formaat"), from, to);
    }

    private static String value(Context ctx, String parameter) {
        String value = ctx.queryParam(parameter);
        return value == null || value.isBlank() ? null : value.strip();
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

    /** Any filter beyond the words. */
    boolean filtered() {
        return kind != null || organisation != null || theme != null || category != null || format != null
                || from != null || to != null;
    }

    String organisationSlug() {
        return organisation == null ? null : organisation.slug();
    }

    CombinedSearch.Request request(int offset, int limit) {
        return new CombinedSearch.Request(words, kind, organisation == null ? null : organisation.id(), theme,
                category, format, from, to, offset, limit);
    }

    SearchFilters withKind(Kind value) {
        return new SearchFilters(words, value, organisation, theme, category, format, from, to);
    }

    SearchFilters withOrganisation(Organisation value) {
        return new SearchFilters(words, kind, value, theme, category, format, from, to);
    }

    SearchFilters withTheme(String value) {
        return new SearchFilters(words, kind, organisation, value, category, format, from, to);
    }

    SearchFilters withCategory(String value) {
        return new SearchFilters(words, kind, organisation, theme, value, format, from, to);
    }

    SearchFilters withFormat(String value) {
        return new SearchFilters(words, kind, organisation, theme, category, value, from, to);
    }

    SearchFilters withDays(LocalDate first, LocalDate last) {
        return new SearchFilters(words, kind, organisation, theme, category, format, first, last);
    }

    SearchFilters withoutFilters() {
        return new SearchFilters(words, null, null, null, null, null, null, null);
    }

    /** The search page at this page number with these filters; empty values left out. */
    String url(int page) {
        return url("/zoeken", page);
    }

    String url(String base, int page) {
        return Links.url(base, parameters(page));
    }

    /** The query parameters of these filters, in the order the links use; empty values left out. */
    Map<String, String> parameters(int page) {
        Map<String, String> query = new LinkedHashMap<>();
        if (words != null && !words.isBlank()) {
            query.put("q", words.strip());
        }
        if (kind != null) {
            query.put("soort", kind.code());
        }
        if (organisation != null) {
            query.put("organisatie", organisation.slug());
        }
        if (theme != null) {
            query.put("thema", theme);
        }
        if (category != null) {
            query.put("informatiecategorie", category);
        }
        if (format != null) {
            query.put("formaat", format);
        }
        if (from != null) {
            query.put("van", from.toString());
        }
        if (to != null) {
            query.put("tot", to.toString());
        }
        if (page > 1) {
            query.put("pagina", Integer.toString(page));
        }
        return query;
    }
}
