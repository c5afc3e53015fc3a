package nl.vindplaats.search;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
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
     * One segment's values of one field: document d has {@code ords[start[d] .. start[d + 1])}, or, when no
     * document has more than one value, {@code single[d]} (-1 for none).
     */
    private record SegmentValues(int[] start, int[] ords, int[] single, String[] labels) {
    }

    private final Map<IndexReader.CacheKey, Map<String, SegmentValues>> bySegment = new ConcurrentHashMap<>();

    /** Collects every match and counts the values of {@code fields}; the {@code limit} most frequent are kept. */
    CollectorManager<Collector, Counts> counting(List<String> fields, int limit) {
        return new CollectorManager<>() {
            @Override
            public Collector newCollector() {
                return new SegmentCounts(fields);
            }

            @Override
            public Counts reduce(Collection<Collector> collectors) {
                List<SegmentCounts.Segment> segments = new ArrayList<>();
                long total = 0;
                for (Collector c : collectors) {
                    segments.addAll(((SegmentCounts) c).segments);
                    total += ((SegmentCounts) c).total;
                }
                Map<String, List<SearchResult.FacetCount>> facets = new LinkedHashMap<>();
                for (int f = 0; f < fields.size(); f++) {
                    facets.put(fields.get(f), mostFrequent(segments, f, limit));
                }
                return new Counts(total, facets);
            }
        };
    }

    private final class SegmentCounts implements Collector {
        private record Segment(SegmentValues[] values, int[][] counts) {
        }

        private final List<String> fields;
        private final List<Segment> segments = new ArrayList<>();
        private long total;

        SegmentCounts(List<String> fields) {
            this.fields = fields;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) {
            SegmentValues[] values = new SegmentValues[fields.size()];
            int[][] counts = new int[fields.size()][];
            for (int f = 0; f < values.length; f++) {
                values[f] = values(context.reader(), fields.get(f));
                counts[f] = new int[values[f].labels().length];
            }
            Segment segment = new Segment(values, counts);
            segments.add(segment);
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                }

                @Override
                public void collect(int doc) {
                    total++;
                    for (int f = 0; f < values.length; f++) {
                        SegmentValues v = values[f];
                        int[] perOrd = counts[f];
                        if (v.single() != null) {
                            int ord = v.single()[doc];
                            if (ord >= 0) {
                                perOrd[ord]++;
                            }
                        } else {
                            for (int k = v.start()[doc], end = v.start()[doc + 1]; k < end; k++) {
                                perOrd[v.ords()[k]]++;
                            }
                        }
                    }
                }
            };
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
        try {
            SortedSetDocValues values;
            try {
                values = DocValues.getSortedSet(segment, field);
            } catch (IllegalStateException e) {
                return new SegmentValues(new int[segment.maxDoc() + 1], new int[0], null, new String[0]); // not a keyword field
            }
            int maxDoc = segment.maxDoc();
            int[] start = new int[maxDoc + 1];
            int[] ords = new int[Math.max(16, maxDoc)];
            boolean singleValued = true;
            int n = 0;
            int next = values.nextDoc();
            for (int doc = 0; doc < maxDoc; doc++) {
                start[doc] = n;
                if (doc == next) {
                    singleValued &= values.docValueCount() == 1;
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
            if (singleValued) {
                int[] single = new int[maxDoc];
                for (int doc = 0; doc < maxDoc; doc++) {
                    single[doc] = start[doc + 1] > start[doc] ? ords[start[doc]] : -1;
                }
                return new SegmentValues(null, null, single, labels);
            }
            return new SegmentValues(start, Arrays.copyOf(ords, n), null, labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
