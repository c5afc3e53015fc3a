package nl.vindplaats.portal;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A description shortened for a result list: whitespace runs as one space, cut after a word near 240 characters. */
class ShortenTest {

    /** The rule written plainly, over the whole text. */
    private static String reference(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String plain = text.strip().replaceAll("\\s+", " ");
        if (plain.length() <= 240) {
            return plain;
        }
        int cut = plain.lastIndexOf(' ', 240);
        return plain.substring(0, cut > 120 ? cut : 240) + " …";
    }

    @Test
    void givesWhatTheRuleGivesOnAnyText() {
        Random random = new Random(18);
        String[] pieces = {"a", "woord", "Verkeersbesluit", " ", "  ", "\t", "\n", "\r\n", "\u000B", "\f", "é", "\u00A0",
                "\u2003", "x".repeat(130)};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(400);
            while (text.length() < length) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String t = text.toString();
            assertThat(CombinedSearch.shorten(t)).as("%s", t).isEqualTo(reference(t));
        }
    }

    @Test
    void aLongDescriptionIsCutAfterAWord() {
        String text = "Gegevens over  fietspaden\n" + "in de gemeente ".repeat(30);
        String shortened = CombinedSearch.shorten(text);
        String collapsed = "Gegevens over fietspaden " + "in de gemeente ".repeat(30).strip();
        assertThat(shortened).endsWith(" …").hasSizeLessThanOrEqualTo(242);
        String kept = shortened.substring(0, shortened.length() - 2);
        assertThat(collapsed).startsWith(kept + " ");
        assertThat(CombinedSearch.shorten(" \t ")).isNull();
    }
}
