package nl.vindplaats.search;

import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Facet counts of searches without words, kept for the searcher that counted them. Browsing a catalogue (its
 * landing page, one theme, one organisation) asks for the same counts over every match again and again, and they
 * only change when a reopen brings a new searcher. Searches with words are not kept: they seldom repeat.
 *
 * <p>Contract: {@link #get} answers only with counts that the very searcher asked about counted for the same query,
 * facets and limit, so a kept answer equals a fresh one. Only the newest searcher's counts are kept, at most
 * {@link #SIZE} of them, the least recently used going first. Thread-safe.
 */
final class FacetCache {
    static final int SIZE = 128;

    private record Key(Query query, List<String> facets, int limit) {
    }

    private record Kept(IndexSearcher searcher, Map<Key, FacetCounter.Counts> counts) {
    }

    private volatile Kept kept;

    FacetCounter.Counts get(IndexSearcher searcher, Query query, List<String> facets, int limit) {
        Kept current = kept;
        if (current == null || current.searcher() != searcher) {
            return null;
        }
        synchronized (current) {
            return current.counts().get(new Key(query, facets, limit));
        }
    }

    void put(IndexSearcher searcher, Query query, List<String> facets, int limit, FacetCounter.Counts counts) {
        Kept current = kept;
        if (current == null || current.searcher() != searcher) {
            // A reopen: the previous searcher's counts go (a search still on an older one replaces them only briefly).
            current = new Kept(searcher, new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, FacetCounter.Counts> eldest) {
                    return size() > SIZE;
                }
            });
            kept = current;
        }
        synchronized (current) {
            current.counts().put(new Key(query, facets, limit), counts);
        }
    }
}
