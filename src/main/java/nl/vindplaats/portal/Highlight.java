package nl.vindplaats.portal;

import java.util.ArrayList;
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
    /** The patterns of the last word sets asked for: every result of a page marks the same words. */
    private static final java.util.Map<String, Pattern> RECENT = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Pattern> eldest) {
                    return size() > 64;
                }
            });

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
        StringBuilder alternatives = new StringBuilder();
        for (String word : words) {
            alternatives.append(alternatives.isEmpty() ? "" : "|").append(Pattern.quote(word));
        }
        // Matched in the lower-cased text where lower-casing keeps every offset (nearly always): a case-blind
        // match of Unicode letters costs several times more than a plain one.
        String lower = text.toLowerCase(Locale.ROOT);
        boolean sameOffsets = lower.length() == text.length();
        Matcher m = RECENT.computeIfAbsent((sameOffsets ? "" : "\u0000") + alternatives, key -> Pattern.compile(
                "(?<![\\p{L}\\p{N}])(?:" + (sameOffsets ? key : key.substring(1)) + ")(?![\\p{L}\\p{N}])",
                sameOffsets ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)).matcher(sameOffsets ? lower : text);
        List<Segment> segments = new ArrayList<>();
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                segments.add(new Segment(text.substring(at, m.start()), false));
            }
            segments.add(new Segment(text.substring(m.start(), m.end()), true));
            at = m.end();
        }
        if (at < text.length()) {
            segments.add(new Segment(text.substring(at), false));
        }
        return new Highlight(List.copyOf(segments));
    }
}
