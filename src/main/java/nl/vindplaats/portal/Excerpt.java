package nl.vindplaats.portal;

import nl.vindplaats.search.Passages;

import java.util.ArrayList;
import java.util.List;

/**
 * The passages of a document's extracted text where the search words occur, with those words marked. The words
 * are analysed as the index analyses the text (Dutch stemming: "bomen" finds "boom"); {@link Passages} picks
 * the best passages. The marks are control characters, not HTML, so that every piece stays text the
 * template escapes.
 */
final class Excerpt {
    private static final String OPEN = "\u0001";
    private static final String CLOSE = "\u0002";
    private static final int PASSAGES = 3;
    private static final int PASSAGE_CHARACTERS = 240;

    private Excerpt() {
    }

    /** Up to three passages, best first; empty when no word occurs or there are no words. */
    static List<Highlight> of(String text, String words) {
        if (text == null || text.isBlank() || words == null || words.isBlank()) {
            return List.of();
        }
        String plain = text.replace(OPEN, " ").replace(CLOSE, " ");
        List<String> passages = Passages.best(plain, words, PASSAGES, PASSAGE_CHARACTERS, OPEN, CLOSE);
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
