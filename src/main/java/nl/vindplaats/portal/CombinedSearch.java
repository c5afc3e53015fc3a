package nl.vindplaats.portal;

import nl.vindplaats.access.Organisations;
import nl.vindplaats.datasets.DatasetCatalogue;
import nl.vindplaats.datasets.DatasetSummary;
import nl.vindplaats.documents.PublicationSummary;
import nl.vindplaats.documents.Publications;
import nl.vindplaats.register.ApiEntry;
import nl.vindplaats.register.ApiListing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One search over APIs, datasets and documents: each kind is searched through its own feature's search (from
 * the index), and the pages are merged into one list — by score when words were typed, else newest first. Every
 * kind is counted, whichever is chosen, so that the kind filter shows what each would give.
 */
final class CombinedSearch {
    private final DatasetCatalogue datasets;
    private final Publications publications;
    private final ApiListing apis;
    private final Organisations organisations;

    CombinedSearch(DatasetCatalogue datasets, Publications publications, ApiListing apis, Organisations organisations) {
        this.datasets = datasets;
        this.publications = publications;
        this.apis = apis;
        this.organisations = organisations;
    }

    /**
     * @param kind           the one kind to list, or null for all
     * @param organisationId the one organisation whose records to list (its id), or null for all
     * @param theme          a dataset theme, or null; only datasets have one
     * @param category       a Woo information category, or null; only documents have one
     * @param format         a dataset resource format, or null; only datasets have one
     * @param from           the first day (in the Netherlands) of the date each result shows, or null
     * @param to             the last such day, or null
     */
    record Request(String words, Kind kind, String organisationId, String theme, String category, String format,
                   LocalDate from, LocalDate to, int offset, int limit) {
        Request(String words, Kind kind, String organisationId, int offset, int limit) {
            this(words, kind, organisationId, null, null, null, null, null, offset, limit);
        }

        /** Whether a record of this kind can match the filters at all. */
        boolean admits(Kind candidate) {
            return switch (candidate) {
                case DATASET -> category == null;
                case DOCUMENT -> theme == null && format == null;
                case API -> theme == null && format == null && category == null;
            };
        }
    }

    /**
     * @param total          matches of the chosen kind(s)
     * @param totals         matches per kind, whatever kind was chosen
     * @param byOrganisation organisation id → matches of the chosen kind(s), most first
     * @param byTheme        dataset theme → matching datasets (empty when datasets are not listed)
     * @param byCategory     Woo information category → matching documents (empty when documents are not listed)
     * @param byFormat       resource format → matching datasets (empty when datasets are not listed)
     */
    record Outcome(long total, List<ResultItem> items, Map<Kind, Long> totals, Map<String, Long> byOrganisation,
                   Map<String, Long> byTheme, Map<String, Long> byCategory, Map<String, Long> byFormat) {
    }

    private record Candidate(float score, Instant modified, String id, ResultItem item) {
    }

    Outcome run(Request request) {
        String words = request.words() == null || request.words().isBlank() ? null : request.words().strip();
        List<String> organisation = request.organisationId() == null ? List.of() : List.of(request.organisationId());
        int wanted = request.offset() + request.limit();
        Map<Kind, Long> totals = new EnumMap<>(Kind.class);
        Map<String, Long> byOrganisation = new LinkedHashMap<>();
        Map<String, Long> byTheme = Map.of();
        Map<String, Long> byCategory = Map.of();
        Map<String, Long> byFormat = Map.of();
        List<Candidate> candidates = new ArrayList<>();
        Instant from = request.from() == null ? null : Dutch.startOf(request.from());
        Instant until = request.to() == null ? null : Dutch.startOf(request.to().plusDays(1));

        if (!request.admits(Kind.DATASET)) {
            totals.put(Kind.DATASET, 0L);
        } else if (!chosen(Kind.DATASET, request)) {
            totals.put(Kind.DATASET, datasets.count(words, organisation, request.theme(), request.format(), from, until));
        } else {
            DatasetCatalogue.Found ds = datasets.search(words, organisation, request.theme(), request.format(), from,
                    until, 0, wanted);
            totals.put(Kind.DATASET, ds.total());
            byTheme = ds.byTheme();
            byFormat = ds.byFormat();
            ds.byOrganisation().forEach((org, n) -> byOrganisation.merge(org, n, Long::sum));
            for (DatasetCatalogue.Hit hit : ds.hits()) {
                DatasetSummary d = hit.dataset();
                candidates.add(new Candidate(hit.score(), d.modified(), d.id(), new ResultItem(Kind.DATASET,
                        "/dataset/" + Links.path(d.name()),
                        Highlight.of(d.title(), hit.highlights().get(DatasetCatalogue.TITLE_FIELD)),
                        Highlight.of(shorten(d.description()), hit.highlights()), organisationName(d.organisationId()), null,
                        Dutch.date(d.modified()), Dutch.isoDate(d.modified()))));
            }
        }

        if (!request.admits(Kind.DOCUMENT)) {
            totals.put(Kind.DOCUMENT, 0L);
        } else if (!chosen(Kind.DOCUMENT, request)) {
            totals.put(Kind.DOCUMENT, publications.count(words, organisation, request.category(), request.from(),
                    request.to()));
        } else {
            Publications.Found docs = publications.search(words, organisation, request.category(), request.from(),
                    request.to(), 0, wanted);
            totals.put(Kind.DOCUMENT, docs.total());
            byCategory = docs.byCategory();
            docs.byOrganisation().forEach((org, n) -> byOrganisation.merge(org, n, Long::sum));
            for (Publications.Hit hit : docs.hits()) {
                PublicationSummary p = hit.publication();
                candidates.add(new Candidate(hit.score(), p.modified(), p.id(), new ResultItem(Kind.DOCUMENT,
                        Urls.document(p.id(), words),
                        Highlight.of(p.title(), hit.highlights().get(Publications.TITLE_FIELD)), null, null,
                        p.documentType(), Dutch.date(p.published()), p.published().toString(),
                        Texts.dutchValue())));
            }
        }

        if (!request.admits(Kind.API)) {
            totals.put(Kind.API, 0L);
        } else if (!chosen(Kind.API, request)) {
            totals.put(Kind.API, apis.count(words, organisation, from, until));
        } else {
            ApiListing.Found found = apis.search(words, organisation, from, until, 0, wanted);
            totals.put(Kind.API, found.total());
            found.byOrganisation().forEach((org, n) -> byOrganisation.merge(org, n, Long::sum));
            for (ApiListing.Hit hit : found.hits()) {
                ApiEntry e = hit.entry();
                candidates.add(new Candidate(hit.score(), hit.record().modified(), e.id(), new ResultItem(Kind.API,
                        "/apis/" + Links.path(e.id()),
                        Highlight.of(e.serviceName(), hit.highlights().get(ApiListing.TITLE_FIELD)),
                        Highlight.of(shorten(e.description()), hit.highlights()), e.organisation() == null ? null : e.organisation().label(),
                        Texts.current().code("lifecycle", e.lifecycleStatus()), Dutch.date(hit.record().modified()),
                        Dutch.isoDate(hit.record().modified()))));
            }
        }

        Comparator<Candidate> newest = Comparator.comparing(Candidate::modified,
                Comparator.nullsLast(Comparator.reverseOrder()));
        Comparator<Candidate> order = words == null ? newest
                : Comparator.comparing(Candidate::score, Comparator.reverseOrder()).thenComparing(newest);
        candidates.sort(order.thenComparing(Candidate::id));
        List<ResultItem> page = candidates.stream().skip(request.offset()).limit(request.limit())
                .map(Candidate::item).toList();
        long total = request.kind() == null ? totals.values().stream().mapToLong(Long::longValue).sum()
                : totals.get(request.kind());
        Map<String, Long> sorted = new LinkedHashMap<>();
        byOrganisation.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new Outcome(total, page, totals, sorted, byTheme, byCategory, byFormat);
    }

    private static boolean chosen(Kind kind, Request request) {
        return request.kind() == null || request.kind() == kind;
    }

    private String organisationName(String id) {
        return id == null ? null : organisations.byId(id).map(v -> v.organisation().name()).orElse(null);
    }

    /** The first sentences of a description, up to about 240 characters. */
    static String shorten(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        // Whitespace runs become one space, as far as the cut can reach: descriptions can be long.
        String stripped = text.strip();
        StringBuilder collapsed = new StringBuilder(Math.min(stripped.length(), 242));
        for (int i = 0; i < stripped.length() && collapsed.length() <= 240; i++) {
            char c = stripped.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
            if (!space) {
                collapsed.append(c);
            } else if (collapsed.charAt(collapsed.length() - 1) != ' ') {
                collapsed.append(' ');
            }
        }
        String plain = collapsed.toString();
        if (plain.length() <= 240) {
            return plain;
        }
        int cut = plain.lastIndexOf(' ', 240);
        return plain.substring(0, cut > 120 ? cut : 240) + " …";
    }
}
