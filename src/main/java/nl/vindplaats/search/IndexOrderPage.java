package nl.vindplaats.search;

import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A page in the index order, without facets or a total: the open data lists. Each segment keeps its documents
 * in that order, so a segment's first matches are its best, and it is read only up to offset + limit of
 * them. Segments are merged on their numeric keys; the id is read only where two segments tie and for the
 * page itself (Lucene's sort would look it up among the sorted ids, a compressed block each time, for every
 * one of offset + limit hits: the largest cost of a list).
 */
final class IndexOrderPage {
    private IndexOrderPage() {
    }

    static SearchResult of(IndexSearcher searcher, Query query, Sort indexOrder, int offset, int wanted)
            throws IOException {
        // One more than wanted per segment: a segment cut off there tells that more match than the page shows.
        List<Run> runs = searcher.search(query, FirstMatches.upTo(wanted + 1));
        long total = 0;
        PriorityQueue<RunCursor> heads = new PriorityQueue<>();
        for (Run run : runs) {
            total += run.size;
            if (run.size > 0) {
                RunCursor cursor = new RunCursor(run, indexOrder);
                cursor.readKeys();
                heads.add(cursor);
            }
        }
        List<RunCursor> pickedFrom = new ArrayList<>();
        List<Integer> pickedDocs = new ArrayList<>();
        for (int taken = 0; taken < wanted && !heads.isEmpty(); taken++) {
            RunCursor head = heads.poll();
            if (taken >= offset) {
                pickedFrom.add(head);
                pickedDocs.add(head.doc());
            }
            if (head.advance()) {
                heads.add(head);
            }
        }
        List<SearchResult.Hit> hits = new ArrayList<>(pickedDocs.size());
        for (int i = 0; i < pickedDocs.size(); i++) {
            RunCursor from = pickedFrom.get(i);
            int doc = pickedDocs.get(i); // a run's picks come in its document order, so its doc values read forward
            hits.add(new SearchResult.Hit(from.pageId(doc), 0f, Map.of(), from.pageSummary(doc)));
        }
        return new SearchResult(total, hits, Map.of());
    }

    /** A segment's first matches, in document order, which is the index order within the segment. */
    private static final class Run {
        final LeafReaderContext leaf;
        int[] docs = new int[16];
        int size;

        Run(LeafReaderContext leaf) {
            this.leaf = leaf;
        }
    }

    /** Collects each segment's first matches, up to a number per segment. */
    private static final class FirstMatches extends SimpleCollector {
        private final int perSegment;
        private final List<Run> runs = new ArrayList<>();
        private Run run;

        private FirstMatches(int perSegment) {
            this.perSegment = perSegment;
        }

        static CollectorManager<FirstMatches, List<Run>> upTo(int perSegment) {
            return new CollectorManager<>() {
                @Override
                public FirstMatches newCollector() {
                    return new FirstMatches(perSegment);
                }

                @Override
                public List<Run> reduce(Collection<FirstMatches> collectors) {
                    return collectors.stream().flatMap(c -> c.runs.stream()).toList();
                }
            };
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) {
            run = new Run(context);
            runs.add(run);
        }

        @Override
        public void collect(int doc) {
            if (run.size == run.docs.length) {
                run.docs = Arrays.copyOf(run.docs, run.size * 2);
            }
            run.docs[run.size++] = doc;
            if (run.size == perSegment) {
                throw new CollectionTerminatedException(); // on to the next segment
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    /** A run's head while runs are merged: its document's numeric keys, and its id only when keys tie. */
    private static final class RunCursor implements Comparable<RunCursor> {
        private final Run run;
        private final SortField[] keys;
        private final NumericDocValues[] values;
        private final long[] head;
        private int pos;
        private BinaryDocValues tieIds;
        private int tieDoc = -1;
        private BytesRef tieId;
        private BinaryDocValues pageIds;
        private BinaryDocValues pageSummaries;

        RunCursor(Run run, Sort order) throws IOException {
            this.run = run;
            SortField[] all = order.getSort();
            this.keys = Arrays.copyOf(all, all.length - 1); // the last one is the id
            this.values = new NumericDocValues[keys.length];
            this.head = new long[keys.length];
            for (int k = 0; k < keys.length; k++) {
                values[k] = DocValues.getNumeric(run.leaf.reader(), keys[k].getField());
            }
        }

        int doc() {
            return run.docs[pos];
        }

        void readKeys() throws IOException {
            for (int k = 0; k < keys.length; k++) {
                head[k] = values[k].advanceExact(doc()) ? values[k].longValue() : (Long) keys[k].getMissingValue();
            }
        }

        boolean advance() throws IOException {
            if (++pos == run.size) {
                return false;
            }
            readKeys();
            return true;
        }

        @Override
        public int compareTo(RunCursor other) {
            for (int k = 0; k < keys.length; k++) {
                int c = Long.compare(head[k], other.head[k]);
                if (c != 0) {
                    return keys[k].getReverse() ? -c : c;
                }
            }
            return tieId().compareTo(other.tieId());
        }

        private BytesRef tieId() {
            if (tieDoc != doc()) {
                try {
                    if (tieIds == null) {
                        tieIds = DocValues.getBinary(run.leaf.reader(), IndexFields.ID_BYTES);
                    }
                    tieIds.advanceExact(doc());
                    tieId = BytesRef.deepCopyOf(tieIds.binaryValue());
                    tieDoc = doc();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return tieId;
        }

        /** The id of a picked document; picks of one run are asked for in its document order. */
        String pageId(int doc) throws IOException {
            if (pageIds == null) {
                pageIds = DocValues.getBinary(run.leaf.reader(), IndexFields.ID_BYTES);
            }
            pageIds.advanceExact(doc);
            return pageIds.binaryValue().utf8ToString();
        }

        byte[] pageSummary(int doc) throws IOException {
            if (pageSummaries == null) {
                pageSummaries = DocValues.getBinary(run.leaf.reader(), IndexFields.SUMMARY);
            }
            return pageSummaries.advanceExact(doc) ? BytesRef.deepCopyOf(pageSummaries.binaryValue()).bytes : null;
        }
    }
}
