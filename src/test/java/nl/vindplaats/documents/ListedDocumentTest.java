package nl.vindplaats.documents;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** A list item's summary in the index, and the slugs list items show. */
class ListedDocumentTest {

    @Test
    void aSummaryReadsBackAsItWasWritten() {
        ListedDocument listed = new ListedDocument("0b6a1c3e-5d2f-4a7b-9c8d-1e2f3a4b5c6d",
                "https://identifier.overheid.nl/tooi/def/thes/kern/c_06a67c95", "bezwaarschrift",
                "Één besluit over de ‘Zuidas’ — 2026", "<p>" + "Lange omschrijving. ".repeat(5_000) + "</p>",
                LocalDate.of(2022, 11, 28), Instant.EPOCH, Instant.parse("2022-11-28T20:05:12.005Z"),
                Instant.parse("2026-11-26T07:30:00.001Z"));
        assertThat(ListedDocument.read(listed.bytes())).isEqualTo(listed);
    }

    @Test
    void slugsAreLowerCaseLettersAndDigitsJoinedBySingleHyphens() {
        assertThat(OpenDataDocument.slug("Ministerie van Onderwijs, Cultuur en Wetenschap"))
                .isEqualTo("ministerie-van-onderwijs-cultuur-en-wetenschap");
        assertThat(OpenDataDocument.slug("  Één café -- (Zuid) 2e  ")).isEqualTo("een-cafe-zuid-2e");
        assertThat(OpenDataDocument.slug("Woo-besluit")).isEqualTo("woo-besluit");
        assertThat(OpenDataDocument.slug("Straße")).isEqualTo("stra-e");
        assertThat(OpenDataDocument.slug("--")).isEmpty();
        assertThat(OpenDataDocument.slug(null)).isEmpty();
    }
}
