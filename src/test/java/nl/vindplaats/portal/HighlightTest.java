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
}
