package nl.vindplaats.portal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The words the index marked, marked again in a text as it is shown: whole words, whatever their case. */
class HighlightTest {

    private static String shown(Highlight highlight) {
        StringBuilder out = new StringBuilder();
        highlight.segments().forEach(s -> out.append(s.marked() ? "[" + s.text() + "]" : s.text()));
        return out.toString();
    }

    @Test
    void marksTheMatchedWordsWholeAndInTheirOwnCase() {
        Highlight h = Highlight.of("Subsidies voor de Gemeente; gemeentelijke subsidie, SUBSIDIE.",
                List.of("<em>subsidie</em> van de <em>gemeente</em>"));
        assertThat(shown(h)).isEqualTo("Subsidies voor de [Gemeente]; gemeentelijke [subsidie], [SUBSIDIE].");
    }

    @Test
    void lettersBeyondAsciiMatchWhateverTheirCase() {
        Highlight h = Highlight.of("Ééndaagse CAFÉ-bijeenkomst in het café", Map.of("titel", List.of("<em>café</em>")));
        assertThat(shown(h)).isEqualTo("Ééndaagse [CAFÉ]-bijeenkomst in het [café]");
    }

    /** A letter whose lower case is longer (İ) shifts every offset after it: the text is matched as it is. */
    @Test
    void aTextWhoseLowerCaseIsLongerIsMarkedAtTheRightPlaces() {
        Highlight h = Highlight.of("İzmir en de haven van İstanbul", List.of("<em>haven</em>"));
        assertThat(shown(h)).isEqualTo("İzmir en de [haven] van İstanbul");
    }

    @Test
    void withoutMarkedWordsTheTextIsPlain() {
        assertThat(shown(Highlight.of("Een titel", List.of("geen markering")))).isEqualTo("Een titel");
        assertThat(Highlight.of(null, Map.of())).isNull();
    }

    /** Finding each word in the lower-cased text marks exactly what a case-blind pattern of the words marks. */
    @Test
    void findingTheWordsMarksWhatACaseBlindPatternMarks() {
        List<String> texts = List.of("Gemeentelijke subsidies: de gemeente-subsidie (2024) en GEMEENTEN",
                "Ééndaagse CAFÉ-bijeenkomst; café's, cafés en café2 in het café", "subsidiesubsidie subsidie_x x1subsidie",
                "Straße, STRASSE en straße", "geen enkel woord", "Het woord staat aan het eind: Subsidie");
        List<java.util.Set<String>> wordSets = List.of(java.util.Set.of("subsidie"),
                new java.util.LinkedHashSet<>(List.of("gemeente", "gemeentelijke", "subsidies")),
                new java.util.LinkedHashSet<>(List.of("gemeentelijke", "gemeente")), java.util.Set.of("café"),
                java.util.Set.of("straße"), new java.util.LinkedHashSet<>(List.of("het", "het eind")));
        for (String text : texts) {
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            for (java.util.Set<String> words : wordSets) {
                assertThat(Highlight.wholeWords(lower, words)).as(text + " " + words)
                        .usingElementComparator(java.util.Arrays::compare)
                        .containsExactlyElementsOf(Highlight.wholeWordsIgnoringCase(text, words));
            }
        }
    }
}
