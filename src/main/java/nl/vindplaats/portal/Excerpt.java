package nl.vindplaats.portal;

import nl.vindplaats.search.DutchText;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryTermScorer;
import org.apache.lucene.search.highlight.SimpleFragmenter;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The passages of a document's extracted text where the search words occur, with those words marked. The words
 * are analysed as the index analyses the text (Dutch stemming: "bomen" finds "boom"), and Lucene's highlighter
 * picks the best passages. The marks are control characters, not HTML, so that every piece stays text the
 * template escapes.
 */
final class Excerpt {
    private static final String FIELD = "tekst";
    private static final String OPEN = "\u0001";
    private static final String CLOSE = "\u0002";
    private static final int PASSAGES = 3;
    private static final int PASSAGE_CHARACTERS = 240;
    private static final Analyzer ANALYZER = new DutchText();

    private Excerpt() {
    }

    /** Up to three passages, best first; empty when no word occurs or there are no words. */
    static List<Highlight> of(String text, String words) {
        if (text == null || text.isBlank() || words == null || words.isBlank()) {
            return List.of();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        int terms = 0;
        try (TokenStream tokens = ANALYZER.tokenStream(FIELD, words)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken() && terms < 32) {
                query.add(new TermQuery(new Term(FIELD, term.toString())), BooleanClause.Occur.SHOULD);
                terms++;
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown: the words are in memory
        }
        if (terms == 0) {
            return List.of();
        }
        String plain = text.replace(OPEN, " ").replace(CLOSE, " ");
        Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter(OPEN, CLOSE),
                new QueryTermScorer(query.build()));
        highlighter.setTextFragmenter(new SimpleFragmenter(PASSAGE_CHARACTERS));
        String[] passages;
        try {
            passages = highlighter.getBestFragments(ANALYZER, FIELD, plain, PASSAGES);
        } catch (IOException | InvalidTokenOffsetsException e) {
            throw new IllegalStateException("highlighting a text in memory failed", e);
        }
        List<Highlight> excerpt = new ArrayList<>();
        for (String passage : passages) {
            excerpt.add(segments(passage.strip().replaceAll("\\s+", " ")));
        }
        return List.copyOf(excerpt);
    }

    private static Highlight segments(String passage) {
        List<Highlight.Segment> segments = new ArrayList<>();
        int at = 0;
        while (at < passage.length()) {
            int open = passage.indexOf(OPEN, at);
            if (open < 0) {
                segments.add(new Highlight.Segment(passage.substring(at), false));
                break;
            }
            if (open > at) {
                segments.add(new Highlight.Segment(passage.substring(at, open), false));
            }
            int close = passage.indexOf(CLOSE, open);
            segments.add(new Highlight.Segment(passage.substring(open + 1, close), true));
            at = close + 1;
        }
        return new Highlight(List.copyOf(segments));
    }
}
