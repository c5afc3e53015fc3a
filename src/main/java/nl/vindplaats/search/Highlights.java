package nl.vindplaats.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The highlights of a page of hits: for each text field asked for, up to three passages per hit with the matching
 * words wrapped in {@code <em>}, read from the offsets the postings keep ({@link IndexFields}), in the stored text or,
 * where the search says so, in the text its feature reads from each hit's summary ({@link IndexedTexts}).
 *
 * <p>Contract: {@link #of} returns, per field, an array as long as the page, in the page's order; an entry is null
 * where the field has nothing to show, and passages within one entry are separated by U+2029 (paragraph
 * separator), which {@link SearchPass} splits. It only reads the searcher it is given.
 */
final class Highlights {
    private static final int PASSAGES = 3;

    private final Analyzer analyzer;
    /** The highlighters of the newest searcher asked for: each merges the field infos of every segment once. */
    private volatile ForSearcher current;

    private record ForSearcher(IndexSearcher searcher, UnifiedHighlighter marking, UnifiedHighlighter summarising) {
    }

    Highlights(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * The texts of the page's hits for the highlighter's call on this thread, where they come from summaries: the
     * highlighter asks for the texts of a batch of documents with no argument of the call's own.
     */
    private static final ThreadLocal<PageTexts> PAGE_TEXTS = new ThreadLocal<>();

    private record PageTexts(Map<Integer, byte[]> summaryByDoc, IndexedTexts texts) {
    }

    /**
     * {@code summaries}: a field without a match gets its first passages, unmarked; otherwise nothing.
     * {@code texts}: null, the texts are the stored fields; otherwise read from {@code pageSummaries} (in the page's
     * order) through it.
     */
    Map<String, String[]> of(IndexSearcher searcher, Query textQuery, Set<String> fields, ScoreDoc[] page,
                             boolean summaries, IndexedTexts texts, byte[][] pageSummaries) throws IOException {
        ForSearcher highlighters = current;
        if (highlighters == null || highlighters.searcher() != searcher) {
            // A reopen brings a new searcher; the one asked for last is kept.
            highlighters = new ForSearcher(searcher, highlighter(searcher, false), highlighter(searcher, true));
            current = highlighters;
        }
        UnifiedHighlighter highlighter = summaries ? highlighters.summarising() : highlighters.marking();
        String[] names = fields.toArray(String[]::new);
        int[] passages = new int[names.length];
        Arrays.fill(passages, PASSAGES);
        TopDocs topDocs = new TopDocs(new TotalHits(page.length, TotalHits.Relation.EQUAL_TO), page);
        if (texts == null) {
            return highlighter.highlightFields(names, textQuery, topDocs, passages);
        }
        Map<Integer, byte[]> summaryByDoc = new HashMap<>();
        for (int i = 0; i < page.length; i++) {
            summaryByDoc.put(page[i].doc, pageSummaries[i]);
        }
        PAGE_TEXTS.set(new PageTexts(summaryByDoc, texts));
        try {
            return highlighter.highlightFields(names, textQuery, topDocs, passages);
        } finally {
            PAGE_TEXTS.remove();
        }
    }

    /** Thread-safe (UnifiedHighlighter's contract), so one serves every search on its searcher. */
    private UnifiedHighlighter highlighter(IndexSearcher searcher, boolean summaries) {
        return new TextsFromSummaries(UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<em>", "</em>", "\u2029", false))
                .withHighlightPhrasesStrictly(true)
                // The query's terms looked up in the offsets the postings keep, not the whole query matched again
                // per document and field (a tenth of a full-text search with highlights).
                .withWeightMatches(false)
                // Without summaries, a field without a match costs nothing: most callers show only marked words.
                .withMaxNoHighlightPassages(summaries ? PASSAGES : 0));
    }

    /** Reads the texts from the page's summaries while a call has put them there, else from the stored fields. */
    private static final class TextsFromSummaries extends UnifiedHighlighter {
        TextsFromSummaries(UnifiedHighlighter.Builder builder) {
            super(builder);
        }

        @Override
        protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int cacheCharsThreshold)
                throws IOException {
            PageTexts page = PAGE_TEXTS.get();
            if (page == null) {
                return super.loadFieldValues(fields, docs, cacheCharsThreshold);
            }
            List<CharSequence[]> values = new ArrayList<>();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                byte[] summary = page.summaryByDoc().get(doc);
                CharSequence[] ofDoc = new CharSequence[fields.length];
                for (int f = 0; f < fields.length && summary != null; f++) {
                    ofDoc[f] = page.texts().of(summary, fields[f]);
                }
                values.add(ofDoc);
            }
            return values;
        }
    }
}
