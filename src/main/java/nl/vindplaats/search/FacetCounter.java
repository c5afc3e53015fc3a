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
import org.apache.lucene.util.LongHeap;

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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the values of keyword fields over a query's matches, while the query collects them. Each segment's
 * values are read from its doc values once, into plain arrays that live as long as the segment (as Solr and
 * Elasticsearch keep them): decoding doc values match by match was two fifths of a package_search with three
 * facets, and collecting the matches into a bit set to count them afterwards another fifth.
 */
final class FacetCounter {
    /** The counts of a search: the values of each field, most frequent first (ties by value), and the total. */
    record Counts(long total, Map<String, List<SearchResult.FacetCount>> facets) {
    }

    /**
     * One segment's values of one field, laid out so that most documents cost one read: {@code first[d]} is
     * document d's only value, -1 for none, or for several values {@code -2 - i}, where {@code more[i]} is their
     * number and {@code more[i + 1 ..]} the values.
     */
    private record SegmentValues(int[] first, int[] more, String[] labels) {
        void count(int doc, int[] counts, int offset) {
            int ord = first[doc];
            if (ord >= 0) {
                counts[offset + ord]++;
            } else if (ord < -1) {
                int at = -2 - ord;
                for (int k = at + 1, end = at + 1 + more[at]; k < end; k++) {
                    counts[offset + more[k]]++;
                }
            }
        }
    }

    /**
     * The fields a search counts, numbered jointly from 1: field f's value ord is {@code offsets[f] + ord}, and
     * {@code counts[0]} counts nothing. Where that numbering fits in a char, {@code rows} also holds every
     * document's values of all these fields side by side, so that a match costs one memory read instead of one
     * or two per field: counting waits on memory, not on arithmetic.
     */
    private record FieldSet(SegmentValues[] fields, int[] offsets, Rows rows) {
        int size() {
            return offsets[fields.length];
        }

        void count(int[] docs, int n, int[] counts) {
            for (int i = 0; i < n; i++) {
                int doc = docs[i];
                if (rows == null || !rows.count(doc, counts)) {
                    for (int f = 0; f < fields.length; f++) {
                        fields[f].count(doc, counts, offsets[f]);
                    }
                }
            }
        }
    }

    /**
     * {@code width} cells per document, each a value's joint number, 0 after the last. A document with more values
     * than fit starts with {@link #OVERFLOW} and is counted field by field.
     */
    private record Rows(char[] cells, int width) {
        static final char OVERFLOW = Character.MAX_VALUE;
        /** Two rows to a cache line: a wider row would cost every document a read more. */
        static final int MAX_WIDTH = 16;

        /**
         * False when the document's values did not fit in its row. Every cell is counted, the empty ones into
         * {@code counts[0]}: without a branch on the number of values, the reads of the next documents' rows can
         * start before this one's are counted.
         */
        boolean count(int doc, int[] counts) {
            int at = doc * width;
            if (cells[at] == OVERFLOW) {
                return false;
            }
            for (int end = at + width; at < end; at++) {
                counts[cells[at]]++;
            }
            return true;
        }

        static Rows of(SegmentValues[] fields, int[] offsets, int maxDoc) {
            if (offsets[fields.length] > OVERFLOW || (long) maxDoc * MAX_WIDTH > Integer.MAX_VALUE) {
                return null;
            }
            int[] docsWithValues = new int[MAX_WIDTH + 2];
            for (int doc = 0; doc < maxDoc; doc++) {
                docsWithValues[Math.min(valueCount(fields, doc), MAX_WIDTH + 1)]++;
            }
            // The narrowest row that holds every value of 999 in 1000 documents.
            int width = 1;
            for (long fit = docsWithValues[0] + docsWithValues[1]; width < MAX_WIDTH && fit * 1000 < maxDoc * 999L; ) {
                fit += docsWithValues[++width];
            }
            char[] cells = new char[maxDoc * width];
            for (int doc = 0; doc < maxDoc; doc++) {
                int at = doc * width;
                if (valueCount(fields, doc) > width) {
                    cells[at] = OVERFLOW;
                    continue;
                }
                for (int f = 0; f < fields.length; f++) {
                    SegmentValues field = fields[f];
                    int ord = field.first()[doc];
                    if (ord >= 0) {
                        cells[at++] = (char) (offsets[f] + ord);
                    } else if (ord < -1) {
                        int i = -2 - ord;
                        for (int k = i + 1, end = i + 1 + field.more()[i]; k < end; k++) {
                            cells[at++] = (char) (offsets[f] + field.more()[k]);
                        }
                    }
                }
            }
            return new Rows(cells, width);
        }

        private static int valueCount(SegmentValues[] fields, int doc) {
            int n = 0;
            for (SegmentValues field : fields) {
                int ord = field.first()[doc];
                n += ord >= 0 ? 1 : ord == -1 ? 0 : field.more()[-2 - ord];
            }
            return n;
        }
    }

    /** A segment's values of each field, and of the field sets searches asked for (at most {@link #MAX_SETS}). */
    private record SegmentCache(Map<String, SegmentValues> fields, Map<List<String>, FieldSet> sets) {
    }

    /** Each field set's rows take two to sixteen bytes per document; clients choose the sets, so they are bounded. */
    private static final int MAX_SETS = 32;

    private final Map<IndexReader.CacheKey, SegmentCache> bySegment = new ConcurrentHashMap<>();

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
                    facets.put(fields.get(f), List.copyOf(mostFrequent(segments, f, limit)));
                }
                // Unmodifiable: counts may be shared by several searches (FacetCache).
                return new Counts(total, java.util.Collections.unmodifiableMap(facets));
            }
        };
    }

    /** One slice's counts, segment by segment. */
    final class SegmentCounts extends SimpleCollector {
        private record Segment(FieldSet set, int[] counts) {
        }

        private final List<String> fields;
        private final List<Segment> segments = new ArrayList<>();
        /** Matches are counted a batch at a time, so that the memory reads for several of them overlap. */
        private final int[] batch = new int[256];
        private int batched;
        private FieldSet set;
        private int[] counts;
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
            countBatch();
            set = fieldSet(context.reader(), fields);
            counts = new int[set.size()];
            segments.add(new Segment(set, counts));
        }

        @Override
        public void collect(int doc) {
            batch[batched++] = doc;
            if (batched == batch.length) {
                countBatch();
            }
        }

        @Override
        public void finish() {
            countBatch();
        }

        private void countBatch() {
            if (batched > 0) {
                set.count(batch, batched, counts);
                total += batched;
                batched = 0;
            }
        }
    }

    /**
     * The field's {@code limit} most frequent values over every segment, ties by value in the order of their UTF-8
     * bytes: the order the index keeps them in, as Solr breaks ties.
     */
    private static List<SearchResult.FacetCount> mostFrequent(List<SegmentCounts.Segment> segments, int field,
                                                              int limit) {
        List<SegmentCounts.Segment> counted = new ArrayList<>();
        int distinct = 0;
        for (SegmentCounts.Segment segment : segments) {
            int values = 0;
            for (int ord = segment.set().offsets()[field]; ord < segment.set().offsets()[field + 1]; ord++) {
                values += segment.counts()[ord] > 0 ? 1 : 0;
            }
            if (values > 0) {
                counted.add(segment);
                distinct += values;
            }
        }
        if (limit <= 0 || counted.isEmpty()) {
            return List.of();
        }
        if (counted.size() == 1) {
            // One segment (an index merged into one, or one with matches): its values are distinct and numbered in
            // their order already, so each value is one number, its count above its place in that order.
            SegmentCounts.Segment only = counted.getFirst();
            String[] labels = only.set().fields()[field].labels();
            int offset = only.set().offsets()[field];
            LongHeap best = new LongHeap(Math.min(limit, distinct));
            for (int ord = 0; ord < labels.length; ord++) {
                int count = only.counts()[offset + ord];
                if (count > 0) {
                    best.insertWithOverflow((long) count << 32 | (Integer.MAX_VALUE - ord));
                }
            }
            SearchResult.FacetCount[] top = new SearchResult.FacetCount[best.size()];
            for (int i = top.length - 1; i >= 0; i--) {
                long value = best.pop();
                top[i] = new SearchResult.FacetCount(labels[Integer.MAX_VALUE - (int) value], value >>> 32);
            }
            return List.of(top);
        }
        Map<String, Long> merged = new HashMap<>();
        for (SegmentCounts.Segment segment : counted) {
            String[] labels = segment.set().fields()[field].labels();
            int offset = segment.set().offsets()[field];
            for (int ord = 0; ord < labels.length; ord++) {
                int count = segment.counts()[offset + ord];
                if (count > 0) {
                    merged.merge(labels[ord], (long) count, Long::sum);
                }
            }
        }
        return merged.entrySet().stream()
                .map(e -> new SearchResult.FacetCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(SearchResult.FacetCount::count).reversed()
                        .thenComparing(count -> new BytesRef(count.value())))
                .limit(limit).toList();
    }

    private FieldSet fieldSet(LeafReader segment, List<String> names) {
        IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
        SegmentCache cache = helper == null ? new SegmentCache(new HashMap<>(), new HashMap<>())
                : bySegment.computeIfAbsent(helper.getKey(), key -> {
                    helper.addClosedListener(bySegment::remove);
                    return new SegmentCache(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
                });
        FieldSet known = cache.sets().get(names);
        if (known != null) {
            return known;
        }
        SegmentValues[] fields = new SegmentValues[names.size()];
        int[] offsets = new int[names.size() + 1];
        offsets[0] = 1;
        for (int f = 0; f < fields.length; f++) {
            fields[f] = cache.fields().computeIfAbsent(names.get(f), name -> read(segment, name));
            offsets[f + 1] = offsets[f] + fields[f].labels().length;
        }
        if (cache.sets().size() >= MAX_SETS) {
            return new FieldSet(fields, offsets, null);
        }
        return cache.sets().computeIfAbsent(List.copyOf(names),
                key -> new FieldSet(fields, offsets, Rows.of(fields, offsets, segment.maxDoc())));
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
