package nl.vindplaats.portal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A title cut into plain and marked pieces, so the template escapes each piece and wraps the marked ones in
 * {@code <mark>}: the index's highlight fragments are not HTML (their text is not escaped), so they are only read
 * for which words matched, and those words are marked in the title as stored.
 */
public record Highlight(List<Segment> segments) {
    public record Segment(String text, boolean marked) {
    }

    private static final Pattern MARKED = Pattern.compile("<em>(.*?)</em>", Pattern.DOTALL);

    public static Highlight plain(String text) {
        return new Highlight(List.of(new Segment(text == null ? "" : text, false)));
    }

    /**
     * {@code text} (null stays null: nothing to show) with the words the index marked in any field's fragments
     * marked: a description shows the words that matched anywhere in the record.
     */
    public static Highlight of(String text, java.util.Map<String, List<String>> fragmentsByField) {
        if (text == null) {
            return null;
        }
        List<String> all = new ArrayList<>();
        fragmentsByField.values().forEach(all::addAll);
        return of(text, all);
    }

    /** {@code text} with the words that the index marked in {@code fragments} (may be null or empty) marked. */
    public static Highlight of(String text, List<String> fragments) {
        if (text == null || text.isEmpty() || fragments == null || fragments.isEmpty()) {
            return plain(text);
        }
        Set<String> words = new LinkedHashSet<>();
        for (String fragment : fragments) {
            Matcher m = MARKED.matcher(fragment);
            while (m.find()) {
                if (!m.group(1).isBlank()) {
                    words.add(m.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        if (words.isEmpty()) {
            return plain(text);
        }
        // Found in the lower-cased text where lower-casing keeps every offset (nearly always): a case-blind
        // pattern over Unicode letters costs several times more than finding each word.
        String lower = text.toLowerCase(Locale.ROOT);
        List<int[]> marks = lower.length() == text.length() ? wholeWords(lower, words) : wholeWordsIgnoringCase(text, words);
        List<Segment> segments = new ArrayList<>();
        int at = 0;
        for (int[] mark : marks) {
            if (mark[0] > at) {
                segments.add(new Segment(text.substring(at, mark[0]), false));
            }
            segments.add(new Segment(text.substring(mark[0], mark[1]), true));
            at = mark[1];
        }
        if (at < text.length()) {
            segments.add(new Segment(text.substring(at), false));
        }
        return new Highlight(List.copyOf(segments));
    }

    /**
     * Where the words stand whole (no letter or digit on either side) in {@code text}, left to right and not
     * overlapping; where two start at one place, the one listed first.
     */
    static List<int[]> wholeWords(String text, Set<String> words) {
        List<int[]> found = new ArrayList<>();
        int rank = 0;
        for (String word : words) {
            for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
                int end = at + word.length();
                if (!wordCharacterBefore(text, at) && !wordCharacterAt(text, end)) {
                    found.add(new int[]{at, end, rank});
                }
            }
            rank++;
        }
        found.sort(Comparator.<int[]>comparingInt(m -> m[0]).thenComparingInt(m -> m[2]));
        List<int[]> marks = new ArrayList<>(found.size());
        int free = 0;
        for (int[] m : found) {
            if (m[0] >= free) {
                marks.add(new int[]{m[0], m[1]});
                free = m[1];
            }
        }
        return marks;
    }

    /** As {@link #wholeWords}, for a text whose lower case is longer than itself (İ): matched case-blind. */
    static List<int[]> wholeWordsIgnoringCase(String text, Set<String> words) {
        StringBuilder alternatives = new StringBuilder();
        for (String word : words) {
            alternatives.append(alternatives.isEmpty() ? "" : "|").append(Pattern.quote(word));
        }
        Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text);
        List<int[]> marks = new ArrayList<>();
        while (m.find()) {
            marks.add(new int[]{m.start(), m.end()});
        }
        return marks;
    }

    private static boolean wordCharacterBefore(String text, int at) {
        return at > 0 && isWordCharacter(text.codePointBefore(at));
    }

    private static boolean wordCharacterAt(String text, int at) {
        return at < text.length() && isWordCharacter(text.codePointAt(at));
    }

    /** A letter or a number (what {@code [\p{L}\p{N}]} matches). */
    private static boolean isWordCharacter(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isLetter(codePoint) || type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }
}
