package nl.vindplaats.documents;

import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.search.SearchResult;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.valuelists.ValueLists;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public side of the documents, for surfaces that are not a document API (the portal): what anyone may see
 * now, found as the open data lists find it, and shown as {@link Publication}s.
 */
public final class Publications {
    /** The index field a search hit's title highlights are given under. */
    public static final String TITLE_FIELD = "titel";
    /** As {@link Documents#ofPublisher} weighs the fields. */
    private static final Map<String, Float> TEXT_FIELDS = Map.of("titel", 3f, "omschrijving", 2f,
            "onderwerpen", 2f, "tekst", 1f);

    private final Documents documents;
    private final SearchIndex index;
    private final ValueLists lists;
    private final Clock clock;

    public Publications(RecordStore store, SearchIndex index, ValueLists lists, Clock clock) {
        this.documents = new Documents(store, index);
        this.index = index;
        this.lists = lists;
        this.clock = clock;
    }

    /**
     * A publication the public may look up: published and past its embargo, or withdrawn (a withdrawn one is
     * shown as such). Empty for an unknown one and for one still under embargo, which does not exist yet for
     * the public.
     */
    public Optional<Publication> find(String id) {
        Instant now = clock.instant();
        return documents.get(id)
                .filter(r -> Documents.publiclyVisible(r, now) || withdrawnAfterPublication(r, now))
                .map(r -> PublicationMapping.publication(r, documents.history(id), lists));
    }

    private static boolean withdrawnAfterPublication(StoredRecord record, Instant now) {
        return Documents.WITHDRAWN.equals(record.state()) && !Documents.visibleFrom(record).isAfter(now);
    }

    public record Hit(PublicationSummary publication, float score, Map<String, List<String>> highlights) {
    }

    /**
     * @param byOrganisation publisher id → matching publications, most first
     * @param byCategory     Woo information category URI → matching publications, most first
     */
    public record Found(long total, List<Hit> hits, Map<String, Long> byOrganisation, Map<String, Long> byCategory) {
    }

    /**
     * Publications the public may see now, matching the words (best first), else newest first; only those of
     * the given publishers when any are given. Answered from the index alone.
     */
    public Found search(String words, List<String> publisherIds, int offset, int limit) {
        return search(words, publisherIds, null, null, null, offset, limit);
    }

    /**
     * As {@link #search(String, List, int, int)}, narrowed further to one Woo information category and the days
     * the publications were made public ({@code from}, {@code to}: inclusive, either may be null).
     */
    public Found search(String words, List<String> publisherIds, String category, LocalDate from, LocalDate to,
                        int offset, int limit) {
        SearchQuery.Builder query = matching(words, publisherIds, category, from, to)
                .facets(List.of("publisher", Facet.CATEGORY.field), 200)
                .highlight(words != null && !words.isBlank())
                .page(offset, limit);
        query.sortBy(SearchQuery.SortKey.number("modified", true));
        SearchResult result = index.search(query.build());
        List<Hit> hits = result.hits().stream()
                .map(h -> new Hit(PublicationMapping.summary(h.summary(), lists), h.score(), h.highlights())).toList();
        return new Found(result.total(), hits, counts(result, "publisher"), counts(result, Facet.CATEGORY.field));
    }

    /** How many publications {@link #search(String, List, String, LocalDate, LocalDate, int, int)} finds. */
    public long count(String words, List<String> publisherIds, String category, LocalDate from, LocalDate to) {
        return index.search(matching(words, publisherIds, category, from, to).page(0, 0).build()).total();
    }

    /** The publications the public may see now that match, best first where words are given. */
    private SearchQuery.Builder matching(String words, List<String> publisherIds, String category, LocalDate from,
                                        LocalDate to) {
        SearchQuery.Builder query = Documents.publicDocuments(clock.instant())
                .filter("publisher", publisherIds)
                .text(words, TEXT_FIELDS)
                .range(Documents.PUBLISHED_DAY, from == null ? null : from.toEpochDay(),
                        to == null ? null : to.toEpochDay());
        if (category != null) {
            query.filter(Facet.CATEGORY.field, category);
        }
        if (words != null && !words.isBlank()) {
            query.sortBy(SearchQuery.SortKey.relevance());
        }
        return query;
    }

    private static Map<String, Long> counts(SearchResult result, String field) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SearchResult.FacetCount c : result.facets().getOrDefault(field, List.of())) {
            counts.put(c.value(), c.count());
        }
        return counts;
    }

    /** The text extracted from a publication's file, for one the public may see now; empty when there is none. */
    public Optional<String> extractedText(String id) {
        Instant now = clock.instant();
        return documents.get(id).filter(r -> Documents.publiclyVisible(r, now))
                .map(r -> StoredPublication.of(r).text())
                .map(text -> text.content() == null ? "" : text.content())
                .filter(text -> !text.isBlank());
    }

    /** The filters of the document search page, with the index field each counts and filters on. */
    public enum Facet {
        CATEGORY("informatiecategorie", ValueLists.INFORMATIECATEGORIEEN),
        PUBLISHER("publisher", null),
        TYPE("documentsoort", ValueLists.DOCUMENTSOORTEN);

        private final String field;
        private final String list;

        Facet(String field, String list) {
            this.field = field;
            this.list = list;
        }
    }

    /** One value of a facet, with its label from the value lists and its matches. */
    public record FacetValue(String value, String label, long count) {
    }

    public record Faceted(long total, List<Hit> hits, Map<Facet, List<FacetValue>> facets) {
    }

    /**
     * Publications the public may see now matching the words (best first, else newest first), each chosen value
     * (one per facet) and the days they were made public ({@code from}, {@code to}: inclusive, either may be
     * null), with every facet counted over the matches. Answered from the index alone.
     */
    public Faceted search(String words, Map<Facet, String> chosen, LocalDate from, LocalDate to, int offset,
                          int limit) {
        boolean text = words != null && !words.isBlank();
        List<String> fields = new ArrayList<>();
        for (Facet facet : Facet.values()) {
            fields.add(facet.field);
        }
        SearchQuery.Builder query = Documents.publicDocuments(clock.instant())
                .text(words, TEXT_FIELDS)
                .range(Documents.PUBLISHED_DAY, from == null ? null : from.toEpochDay(),
                        to == null ? null : to.toEpochDay())
                .facets(fields, 200)
                .highlight(text)
                .page(offset, limit);
        chosen.forEach((facet, value) -> query.filter(facet.field, value));
        if (text) {
            query.sortBy(SearchQuery.SortKey.relevance());
        }
        query.sortBy(SearchQuery.SortKey.number("modified", true));
        SearchResult result = index.search(query.build());
        Map<Facet, List<FacetValue>> facets = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            List<FacetValue> values = new ArrayList<>();
            for (SearchResult.FacetCount c : result.facets().getOrDefault(facet.field, List.of())) {
                values.add(new FacetValue(c.value(), label(facet, c.value()), c.count()));
            }
            facets.put(facet, List.copyOf(values));
        }
        List<Hit> hits = result.hits().stream()
                .map(h -> new Hit(PublicationMapping.summary(h.summary(), lists), h.score(), h.highlights())).toList();
        return new Faceted(result.total(), hits, facets);
    }

    /** A value's Dutch label from its value list (organisations from the organisation lists); else the value. */
    public String label(Facet facet, String value) {
        return (facet.list == null ? lists.organisation(value) : lists.find(facet.list, value))
                .map(nl.vindplaats.valuelists.ValueItem::label).orElse(value);
    }
}
