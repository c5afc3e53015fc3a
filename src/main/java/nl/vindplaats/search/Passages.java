package nl.vindplaats.search;

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
import java.util.List;

/**
 * Highlights of a text that is not in the index (a document's extracted text): the passages where the search
 * words occur, best first. The words are analysed as the index analyses text (Dutch stemming: "bomen" finds
 * "boom"), and Lucene's highlighter picks the passages.
 *
 * <p>Contract: at most {@code passages} passages of about {@code characters} characters each, the words found
 * wrapped in {@code open} and {@code close} (which the caller chooses so that they cannot occur in the text); empty
 * when no word occurs, or there are no words. At most 32 words are looked for.
 */
public final class Passages {
    private static final String FIELD = "tekst";
    private static final int MAX_WORDS = 32;
    private static final Analyzer ANALYZER = new DutchText();

    private Passages() {
    }

    public static List<String> best(String text, String words, int passages, int characters, String open,
                                    String close) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        int terms = 0;
        try (TokenStream tokens = ANALYZER.tokenStream(FIELD, words)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken() && terms < MAX_WORDS) {
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
        Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter(open, close),
                new QueryTermScorer(query.build()));
        highlighter.setTextFragmenter(new SimpleFragmenter(characters));
        try {
            return List.of(highlighter.getBestFragments(ANALYZER, FIELD, text, passages));
        } catch (IOException | InvalidTokenOffsetsException e) {
            throw new IllegalStateException("highlighting a text in memory failed", e);
        }
    }
}
