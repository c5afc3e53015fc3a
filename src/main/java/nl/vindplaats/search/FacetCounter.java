package nl.vindplaats.search;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the values of keyword fields over a query's matches, while the query collects them. Each segment's
 * values are read from its doc values once, into plain arrays that live as long as the segment (as Solr and
 * Elasticsearch keep them): decoding doc values match by match was two fifths of a package_search with three
 * facets, and collecting the matches into a bit set to count them afterwards another fifth (bench/RESULTS.md).
 */
final class FacetCounter {
    /** The counts of a search: the values of each field, most frequent first (ties by value), and the total. */
    record Counts(long total, Map<String, List<SearchResult.FacetCount>> facets) {
    }

    /**
     * One segment's values of one field, laid out so that most documents cost one read: {@code first[d]} is
     * document d's only value, -1 for none, or for several values {@code -2 - i}, where {@code more[i]} is their
     * number and {@code more[i + 1 ..]} the values. Counting is bound by memory reads, not by arithmetic.
     */
    private record SegmentValues(int[] first, int[] more, String[] labels) {
        void count(int doc, int[] perOrd) {
            int ord = first[doc];
            if (ord >= 0) {
                perOrd[ord]++;
            } else if (ord < -1) {
                int at = -2 - ord;
                for (int k = at + 1, end = at + 1 + more[at]; k < end; k++) {
                    perOrd[more[k]]++;
                }
            }
        }
    }

    private final Map<IndexReader.CacheKey, Map<String, SegmentValues>> bySegment = new ConcurrentHashMap<>();

    /** Collects every match and counts the values of {@code fields}; the {@code limit} most frequent are kept. */
    CollectorManager<SegmentCounts, Counts> counting(List<String> fields, int limit) {
        return new CollectorManager<>() {
            @Override
            public SegmentCounts newCollector() {
                return new SegmentCounts(fields);
            }

            @Override
            public Counts reduce(Collection<SegmentCounts> collectors) {
                List<SegmentCounts.Segment> segments = new ArrayList<>();
                long total = 0;
                for (SegmentCounts c : collectors) {
                    segments.addAll(c.segments);
                    total += c.total;
                }
                Map<String, List<SearchResult.FacetCount>> facets = new LinkedHashMap<>();
                for (int f = 0; f < fields.size(); f++) {
                    facets.put(fields.get(f), mostFrequent(segments, f, limit));
                }
                return new Counts(total, facets);
            }
        };
    }

    /** One slice's counts, segment by segment. */
    final class SegmentCounts extends SimpleCollector {
        private record Segment(SegmentValues[] values, int[][] counts) {
        }

        private final List<String> fields;
        private final List<Segment> segments = new ArrayList<>();
        private SegmentValues[] values;
        private int[][] counts;
        private long total;

        SegmentCounts(List<String> fields) {
            this.fields = fields;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) {
            values = new SegmentValues[fields.size()];
            counts = new int[fields.size()][];
            for (int f = 0; f < values.length; f++) {
                values[f] = values(context.reader(), fields.get(f));
                counts[f] = new int[values[f].labels().length];
            }
            segments.add(new Segment(values, counts));
        }

        @Override
        public void collect(int doc) {
            total++;
            for (int f = 0; f < values.length; f++) {
                values[f].count(doc, counts[f]);
            }
        }
    }

    /** The field's {@code limit} most frequent values over every segment, ties by value. */
    private static List<SearchResult.FacetCount> mostFrequent(List<SegmentCounts.Segment> segments, int field,
                                                              int limit) {
        Comparator<SearchResult.FacetCount> order = Comparator.comparingLong(SearchResult.FacetCount::count)
                .reversed().thenComparing(SearchResult.FacetCount::value);
        // The least of the best so far on top, so a value that cannot be among them costs one comparison.
        PriorityQueue<SearchResult.FacetCount> best = new PriorityQueue<>(order.reversed());
        java.util.function.Consumer<SearchResult.FacetCount> offer = candidate -> {
            if (best.size() < limit) {
                best.add(candidate);
            } else if (limit > 0 && order.compare(candidate, best.peek()) < 0) {
                best.poll();
                best.add(candidate);
            }
        };
        List<SegmentCounts.Segment> counted = segments.stream()
                .filter(s -> Arrays.stream(s.counts()[field]).anyMatch(c -> c > 0)).toList();
        if (counted.size() == 1) {
            // One segment (an index merged into one, or one with matches): its values are distinct already.
            SegmentCounts.Segment only = counted.getFirst();
            int[] perOrd = only.counts()[field];
            for (int ord = 0; ord < perOrd.length; ord++) {
                if (perOrd[ord] > 0) {
                    offer.accept(new SearchResult.FacetCount(only.values()[field].labels()[ord], perOrd[ord]));
                }
            }
        } else {
            Map<String, Long> merged = new HashMap<>();
            for (SegmentCounts.Segment segment : counted) {
                int[] perOrd = segment.counts()[field];
                for (int ord = 0; ord < perOrd.length; ord++) {
                    if (perOrd[ord] > 0) {
                        merged.merge(segment.values()[field].labels()[ord], (long) perOrd[ord], Long::sum);
                    }
                }
            }
            merged.forEach((value, count) -> offer.accept(new SearchResult.FacetCount(value, count)));
        }
        List<SearchResult.FacetCount> sorted = new ArrayList<>(best);
        sorted.sort(order);
        return List.copyOf(sorted);
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
        int maxDoc = segment.maxDoc();
        int[] first = new int[maxDoc];
        Arrays.fill(first, -1);
        try {
            SortedSetDocValues values;
            try {
                values = DocValues.getSortedSet(segment, field);
            } catch (IllegalStateException e) {
                return new SegmentValues(first, new int[0], new String[0]); // not a keyword field
            }
            int[] more = new int[16];
            int n = 0;
            for (int doc = values.nextDoc(); doc != SortedSetDocValues.NO_MORE_DOCS; doc = values.nextDoc()) {
                int count = values.docValueCount();
                if (count == 1) {
                    first[doc] = (int) values.nextOrd();
                    continue;
                }
                if (n + 1 + count > more.length) {
                    more = Arrays.copyOf(more, Math.max(more.length * 2, n + 1 + count));
                }
                first[doc] = -2 - n;
                more[n++] = count;
                for (int i = 0; i < count; i++) {
                    more[n++] = (int) values.nextOrd();
                }
            }
            String[] labels = new String[Math.toIntExact(values.getValueCount())];
            TermsEnum terms = values.termsEnum();
            int ord = 0;
            for (BytesRef term = terms.next(); term != null; term = terms.next()) {
                labels[ord++] = term.utf8ToString();
            }
            return new SegmentValues(first, Arrays.copyOf(more, n), labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
