package nl.vindplaats.base;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dutch words for the generated corpora (the read benchmarks', the demo's), taken from the text of real Rijksoverheid
 * open data responses (src/main/resources/vocabulary/rijksoverheid), most frequent first. Words are drawn
 * with a skew towards the frequent ones, so a generated text has the word frequencies of real text
 * roughly: common words match many documents, rare words few.
 *
 * <p>Those responses hold only 384 distinct words, so every word of a text drawn from them alone occurs
 * in 5 to 25 % of a large corpus. {@link #withCompounds} adds the long tail a real catalogue has: Dutch
 * compounds of two of the words, drawn by Zipf's law over the whole list.
 */
public final class DutchVocabulary {
    private static final List<String> FILES = List.of("documents.xml", "02dbce21-c2a6-4310-9ed5-aab7b27467ac.xml",
            "0acb97b8-b3cf-4654-92c2-0fa4199c100c.xml", "3cd2285c-b7bc-46e7-9fcf-9bf3c9a3c20d.xml",
            "5afce6ec-a4ed-4c62-a6d5-168a59247678.xml", "b47815af-2b19-4268-a961-58b9591f4477.xml",
            "cb0edf75-382a-4048-82bb-6ae83aa615ce.xml", "e16712e7-b88c-4b3e-899e-f5ab4e26b2dc.xml");
    private static final Pattern TEXT_ELEMENT = Pattern.compile(
            "<(title|introduction|paragraph|paragraphtitle|content|summary|description|location|filetitle|subject|theme|department)>(.*?)</\\1>",
            Pattern.DOTALL);
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'-]*\\p{L}");

    private static final long COMPOUND_SEED = 20261126L;

    private final List<String> words;
    private final boolean zipf;

    private DutchVocabulary(List<String> words, boolean zipf) {
        this.words = List.copyOf(words);
        this.zipf = zipf;
    }

    public static DutchVocabulary load() {
        Map<String, Integer> counts = new HashMap<>();
        for (String file : FILES) {
            String xml = read("vocabulary/rijksoverheid/" + file);
            Matcher element = TEXT_ELEMENT.matcher(xml);
            while (element.find()) {
                String text = element.group(2).replace("<![CDATA[", " ").replace("]]>", " ")
                        .replaceAll("<[^>]*>", " ").replaceAll("&[a-z]+;", " ");
                Matcher word = WORD.matcher(text);
                while (word.find()) {
                    String w = word.group().toLowerCase(Locale.ROOT);
                    if (w.length() >= 2 && !w.startsWith("http")) {
                        counts.merge(w, 1, Integer::sum);
                    }
                }
            }
        }
        List<String> words = new ArrayList<>(counts.keySet());
        // Most frequent first; ties alphabetically, so the order (and every corpus) is deterministic.
        words.sort((a, b) -> counts.get(b).equals(counts.get(a)) ? a.compareTo(b) : counts.get(b) - counts.get(a));
        return new DutchVocabulary(words, false);
    }

    /**
     * These words, then {@code count} compounds of two of them ("begroting" + "openbaar" gives
     * "begrotingsopenbaar" or "begrotingopenbaar"), drawn by Zipf's law: the word of rank r with a chance
     * proportional to 1 / (r + 1). Real text of 14 million words (200,000 datasets' metadata) has a
     * vocabulary of some 100,000 words (Heaps' law), most of them rare.
     */
    public DutchVocabulary withCompounds(int count) {
        List<String> parts = words.stream().filter(w -> w.length() > 3 && w.chars().allMatch(Character::isLetter))
                .toList();
        Set<String> known = new HashSet<>(words);
        Set<String> compounds = new LinkedHashSet<>();
        SplittableRandom random = new SplittableRandom(COMPOUND_SEED);
        while (compounds.size() < count) {
            String first = parts.get(random.nextInt(parts.size()));
            String second = parts.get(random.nextInt(parts.size()));
            String compound = first + (random.nextInt(4) == 0 ? "s" : "") + second;
            if (!first.equals(second) && !known.contains(compound)) {
                compounds.add(compound);
            }
        }
        List<String> all = new ArrayList<>(words);
        all.addAll(compounds);
        return new DutchVocabulary(all, true);
    }

    public int size() {
        return words.size();
    }

    /** The word of this frequency rank (0 is the most frequent). */
    public String word(int rank) {
        return words.get(rank);
    }

    /** One word, skewed towards the frequent ones. */
    public String word(SplittableRandom random) {
        if (zipf) {
            // Inverse of Zipf's cumulative distribution for s = 1: P(rank < r) = ln(r + 1) / ln(size + 1).
            return words.get(Math.min(words.size() - 1, (int) Math.pow(words.size() + 1, random.nextDouble()) - 1));
        }
        return words.get((int) (words.size() * Math.pow(random.nextDouble(), 2.2)));
    }

    /** A sentence of {@code min} to {@code max} words, starting with a capital. */
    public String sentence(SplittableRandom random, int min, int max) {
        int n = min + random.nextInt(max - min + 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String w = word(random);
            if (i == 0) {
                w = w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
            } else {
                out.append(' ');
            }
            out.append(w);
        }
        return out.toString();
    }

    /** Several sentences, {@code words} words in all. */
    public String text(SplittableRandom random, int words) {
        StringBuilder out = new StringBuilder();
        int left = words;
        while (left > 0) {
            int n = Math.min(left, 6 + random.nextInt(12));
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(sentence(random, n, n)).append('.');
            left -= n;
        }
        return out.toString();
    }

    private static String read(String resource) {
        try (InputStream in = DutchVocabulary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
