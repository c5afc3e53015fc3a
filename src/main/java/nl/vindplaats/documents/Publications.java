package nl.vindplaats.documents;

import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.search.SearchResult;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.valuelists.ValueLists;

import java.time.Clock;
import java.time.Instant;
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
        return Documents.WITHDRAWN.equals(record.state()) && !Documents.visibleFrom(record.body()).isAfter(now);
    }

    public record Hit(PublicationSummary publication, float score, Map<String, List<String>> highlights) {
    }

    /** @param byOrganisation publisher id → matching publications, most first */
    public record Found(long total, List<Hit> hits, Map<String, Long> byOrganisation) {
    }

    /**
     * Publications the public may see now, matching the words (best first), else newest first; only those of
     * the given publishers when any are given. Answered from the index alone.
     */
    public Found search(String words, List<String> publisherIds, int offset, int limit) {
        boolean text = words != null && !words.isBlank();
        SearchQuery.Builder query = Documents.publicDocuments(clock.instant())
                .filter("publisher", publisherIds)
                .text(words, TEXT_FIELDS)
                .facets(List.of("publisher"), 50)
                .highlight(text)
                .page(offset, limit);
        if (text) {
            query.sortBy(SearchQuery.SortKey.relevance());
        }
        query.sortBy(SearchQuery.SortKey.number("modified", true));
        SearchResult result = index.search(query.build());
        Map<String, Long> byOrganisation = new LinkedHashMap<>();
        for (SearchResult.FacetCount c : result.facets().getOrDefault("publisher", List.of())) {
            byOrganisation.put(c.value(), c.count());
        }
        List<Hit> hits = result.hits().stream()
                .map(h -> new Hit(PublicationMapping.summary(h.summary(), lists), h.score(), h.highlights())).toList();
        return new Found(result.total(), hits, byOrganisation);
    }
}
