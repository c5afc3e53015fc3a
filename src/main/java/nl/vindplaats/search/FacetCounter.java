package nl.vindplaats.search;

import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the values of keyword fields over a query's matches. Each segment's values are read from its doc
 * values once, into plain arrays that live as long as the segment (as Solr and Elasticsearch keep them):
 * decoding doc values match by match was two fifths of a package_search with three facets (bench/RESULTS.md).
 */
final class FacetCounter {
    /** One segment's values of one field: document d has {@code ords[start[d] .. start[d + 1])}. */
    private record SegmentValues(int[] start, int[] ords, String[] labels) {
    }

    private final Map<IndexReader.CacheKey, Map<String, SegmentValues>> bySegment = new ConcurrentHashMap<>();

    /** The values of each field among the matches, most frequent first (ties by value), at most {@code limit}. */
    Map<String, List<SearchResult.FacetCount>> count(FacetsCollector matches, List<String> fields, int limit) {
        Map<String, List<SearchResult.FacetCount>> out = new LinkedHashMap<>();
        for (String field : fields) {
            Map<String, Long> counts = new HashMap<>();
            for (FacetsCollector.MatchingDocs matching : matches.getMatchingDocs()) {
                if (matching.totalHits() == 0) {
                    continue;
                }
                SegmentValues values = values(matching.context().reader(), field);
                int[] perOrd = new int[values.labels().length];
                try {
                    DocIdSetIterator docs = matching.bits().iterator();
                    for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                        for (int k = values.start()[doc]; k < values.start()[doc + 1]; k++) {
                            perOrd[values.ords()[k]]++;
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                for (int ord = 0; ord < perOrd.length; ord++) {
                    if (perOrd[ord] > 0) {
                        counts.merge(values.labels()[ord], (long) perOrd[ord], Long::sum);
                    }
                }
            }
            List<SearchResult.FacetCount> sorted = new ArrayList<>();
            counts.forEach((value, count) -> sorted.add(new SearchResult.FacetCount(value, count)));
            sorted.sort(Comparator.comparingLong(SearchResult.FacetCount::count).reversed()
                    .thenComparing(SearchResult.FacetCount::value));
            out.put(field, List.copyOf(sorted.subList(0, Math.min(limit, sorted.size()))));
        }
        return out;
    }

    private SegmentValues values(LeafReader segment, String field) {
        IndexReader.CacheHelper cache = segment.getCoreCacheHelper();
        if (cache == null) {
            return read(segment, field);
        }
        Map<String, SegmentValues> fields = bySegment.computeIfAbsent(cache.getKey(), key -> {
            cache.addClosedListener(bySegment::remove);
            return new ConcurrentHashMap<>();
        });
        return fields.computeIfAbsent(field, f -> read(segment, f));
    }

    private static SegmentValues read(LeafReader segment, String field) {
        try {
            SortedSetDocValues values;
            try {
                values = DocValues.getSortedSet(segment, field);
            } catch (IllegalStateException e) {
                return new SegmentValues(new int[segment.maxDoc() + 1], new int[0], new String[0]); // not a keyword field
            }
            int maxDoc = segment.maxDoc();
            int[] start = new int[maxDoc + 1];
            int[] ords = new int[Math.max(16, maxDoc)];
            int n = 0;
            int next = values.nextDoc();
            for (int doc = 0; doc < maxDoc; doc++) {
                start[doc] = n;
                if (doc == next) {
                    for (int i = 0; i < values.docValueCount(); i++) {
                        if (n == ords.length) {
                            ords = Arrays.copyOf(ords, n * 2);
                        }
                        ords[n++] = (int) values.nextOrd();
                    }
                    next = values.nextDoc();
                }
            }
            start[maxDoc] = n;
            String[] labels = new String[Math.toIntExact(values.getValueCount())];
            TermsEnum terms = values.termsEnum();
            int ord = 0;
            for (BytesRef term = terms.next(); term != null; term = terms.next()) {
                labels[ord++] = term.utf8ToString();
            }
            return new SegmentValues(start, Arrays.copyOf(ords, n), labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
