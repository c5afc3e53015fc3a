package nl.vindplaats.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The highlights of a page of hits: for each text field asked for, up to three passages per hit with the matching
 * words wrapped in {@code <em>}, read from the offsets the postings keep ({@link IndexFields}).
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

    /** {@code summaries}: a field without a match gets its first passages, unmarked; otherwise nothing. */
    Map<String, String[]> of(IndexSearcher searcher, Query textQuery, Set<String> fields, ScoreDoc[] page,
                             boolean summaries) throws IOException {
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
        return highlighter.highlightFields(names, textQuery, topDocs, passages);
    }

    /** Thread-safe (UnifiedHighlighter's contract), so one serves every search on its searcher. */
    private UnifiedHighlighter highlighter(IndexSearcher searcher, boolean summaries) {
        return UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<em>", "</em>", "\u2029", false))
                .withHighlightPhrasesStrictly(true)
                // The query's terms looked up in the offsets the postings keep, not the whole query matched again
                // per document and field (a tenth of a full-text search with highlights).
                .withWeightMatches(false)
                // Without summaries, a field without a match costs nothing: most callers show only marked words.
                .withMaxNoHighlightPassages(summaries ? PASSAGES : 0)
                .build();
    }
}
