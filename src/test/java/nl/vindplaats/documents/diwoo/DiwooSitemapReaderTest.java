package nl.vindplaats.documents.diwoo;

import nl.vindplaats.documents.MetadataValidator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.valuelists.ValueLists;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading DiWoo sitemaps: robots.txt's indexes, an index's sitemaps, a sitemap's entries with their metadata read
 * back into PLOOI metadata; XML with a DOCTYPE (an external entity, an entity bomb) refused before it is parsed.
 */
public class DiwooSitemapReaderTest {
    static final String KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/";
    /** The shape of open.minvws.nl's Woo-index sitemap (minvws/nl-rdo-woo-web, WooIndexTest snapshot). */
    static final String MINVWS_SITEMAP = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
                    xmlns:diwoo="https://standaarden.overheid.nl/diwoo/metadata/">
              <url>
                <loc>https://open.minvws.nl/dossier/VWS-WOO/12345/document/doc-1/download</loc>
                <lastmod>2024-05-01</lastmod>
                <diwoo:Document>
                  <diwoo:DiWoo>
                    <diwoo:creatiedatum>2024-04-02</diwoo:creatiedatum>
                    <diwoo:publisher resource="https://identifier.overheid.nl/tooi/id/ministerie/mnre1025">ministerie van Volksgezondheid, Welzijn en Sport</diwoo:publisher>
                    <diwoo:titelcollectie>
                      <diwoo:officieleTitel>Besluit op het Woo-verzoek over mondkapjes</diwoo:officieleTitel>
                    </diwoo:titelcollectie>
                    <diwoo:classificatiecollectie>
                      <diwoo:informatiecategorieen>
                        <diwoo:informatiecategorie resource="https://identifier.overheid.nl/tooi/def/thes/kern/c_3baef532">Woo-verzoeken en -besluiten</diwoo:informatiecategorie>
                      </diwoo:informatiecategorieen>
                    </diwoo:classificatiecollectie>
                    <diwoo:documenthandelingen>
                      <diwoo:documenthandeling>
                        <diwoo:soortHandeling resource="https://identifier.overheid.nl/tooi/def/thes/kern/c_641ecd76">vaststelling</diwoo:soortHandeling>
                        <diwoo:atTime>2024-04-02T00:00:00+02:00</diwoo:atTime>
                      </diwoo:documenthandeling>
                    </diwoo:documenthandelingen>
                    <diwoo:isPartOf resource="https://open.minvws.nl/dossier/VWS-WOO/12345/document/main/download"/>
                  </diwoo:DiWoo>
                </diwoo:Document>
              </url>
            </urlset>
            """.strip();

    static final String XXE_INDEX = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE sitemapindex [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>https://example.org/&xxe;</loc></sitemap>
            </sitemapindex>
            """.strip();

    /** A billion laughs inside the DiWoo metadata (there is no metadata file of its own: it sits in the sitemap). */
    static final String BILLION_LAUGHS_SITEMAP = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE urlset [
              <!ENTITY lol "lol">
              <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
                    xmlns:diwoo="https://standaarden.overheid.nl/diwoo/metadata/">
              <url>
                <loc>https://example.org/doc.pdf</loc>
                <diwoo:Document><diwoo:DiWoo>
                  <diwoo:titelcollectie><diwoo:officieleTitel>&lol9;</diwoo:officieleTitel></diwoo:titelcollectie>
                </diwoo:DiWoo></diwoo:Document>
              </url>
            </urlset>
            """.strip();

    @Test
    void robotsTxtNamesTheDiwooIndexesResolvedAgainstItsUrl() {
        String robots = """
                User-agent: *
                Disallow:

                Sitemap: https://woo.example.nl/sitemap-pages.xml
                sitemap: /sitemaps/sitemapindex-diwoo-infocat015.xml
                Sitemap: https://woo.example.nl/sitemapindex-diwoo-infocat001.xml
                """;
        assertThat(DiwooSitemapReader.diwooIndexes(robots, URI.create("https://woo.example.nl/robots.txt")))
                .containsExactly("https://woo.example.nl/sitemaps/sitemapindex-diwoo-infocat015.xml",
                        "https://woo.example.nl/sitemapindex-diwoo-infocat001.xml");
    }

    @Test
    void anIndexListsItsSitemapsWithTheirLastmod() throws Exception {
        String index = """
                <?xml version="1.0" encoding="UTF-8"?>
                <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <sitemap><loc>https://woo.example.nl/sitemaps/diwoo-infocat015-1.xml</loc>
                    <lastmod>2024-05-01T10:00:00.000Z</lastmod></sitemap>
                  <sitemap><loc>https://woo.example.nl/sitemaps/diwoo-infocat015-2.xml</loc></sitemap>
                </sitemapindex>
                """.strip();
        assertThat(DiwooSitemapReader.sitemaps(bytes(index))).containsExactly(
                new DiwooSitemapReader.SitemapRef("https://woo.example.nl/sitemaps/diwoo-infocat015-1.xml",
                        "2024-05-01T10:00:00.000Z"),
                new DiwooSitemapReader.SitemapRef("https://woo.example.nl/sitemaps/diwoo-infocat015-2.xml", null));
    }

    @Test
    void aRealShapedEntryBecomesAValidDocumentThoughPlooiWouldAskMore() throws Exception {
        List<DiwooSitemapReader.Entry> entries = new ArrayList<>();
        DiwooSitemapReader.entries(bytes(MINVWS_SITEMAP), entries::add);
        assertThat(entries).hasSize(1);
        DiwooSitemapReader.Entry entry = entries.getFirst();
        assertThat(entry.loc()).endsWith("/doc-1/download");
        assertThat(entry.lastmod()).isEqualTo("2024-05-01");

        ObjectNode metadata = DiwooMetadataReader.read(entry.document(), entry.loc());
        assertThat(metadata.at("/document/identifiers/0").asText()).as("known by its loc").isEqualTo(entry.loc());
        assertThat(metadata.at("/document/publisher/id").asText())
                .isEqualTo("https://identifier.overheid.nl/tooi/id/ministerie/mnre1025");
        assertThat(metadata.at("/document/titelcollectie/officieleTitel").asText())
                .isEqualTo("Besluit op het Woo-verzoek over mondkapjes");
        assertThat(metadata.at("/document/classificatiecollectie/informatiecategorieen/0/id").asText())
                .isEqualTo(KERN + "c_3baef532");
        assertThat(metadata.at("/document/documenthandelingen/0/soortHandeling/id").asText())
                .isEqualTo(KERN + "c_641ecd76");
        assertThat(metadata.at("/documentrelaties/role").asText()).isEqualTo(DiwooMapping.IS_ATTACHMENT_OF);

        MetadataValidator validator = new MetadataValidator(ValueLists.shared().join());
        assertThat(validator.validate(metadata).valid()).as("PLOOI requires language, themas, documentsoorten")
                .isFalse();
        MetadataValidator.Result harvested = validator.validateHarvested(metadata);
        assertThat(harvested.errors()).isEmpty();
    }

    @Test
    void anExternalEntityInAnIndexIsRefusedUnparsed() {
        assertThatThrownBy(() -> DiwooSitemapReader.sitemaps(bytes(XXE_INDEX)))
                .isInstanceOf(DiwooSitemapReader.Unreadable.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void anEntityBombInTheMetadataIsRefusedUnparsed() {
        assertThatThrownBy(() -> DiwooSitemapReader.entries(bytes(BILLION_LAUGHS_SITEMAP), e -> { }))
                .isInstanceOf(DiwooSitemapReader.Unreadable.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void anUndeclaredEntityInTheMetadataIsNotWellFormed() {
        String sitemap = MINVWS_SITEMAP.replace("over mondkapjes", "over &xxe;");
        assertThatThrownBy(() -> DiwooSitemapReader.entries(bytes(sitemap), e -> { }))
                .isInstanceOf(DiwooSitemapReader.Unreadable.class).hasMessageContaining("undeclared entity reference &xxe;");
    }

    @Test
    void metadataNestedBeyondReasonIsRefused() {
        String deep = "<x>".repeat(1000) + "</x>".repeat(1000);
        String sitemap = MINVWS_SITEMAP.replace("<diwoo:creatiedatum>", deep + "<diwoo:creatiedatum>");
        assertThatThrownBy(() -> DiwooSitemapReader.entries(bytes(sitemap), e -> { }))
                .isInstanceOf(DiwooSitemapReader.Unreadable.class).hasMessageContaining("nested deeper");
    }

    @Test
    void aPageSitemapIsNoIndex() {
        assertThatThrownBy(() -> DiwooSitemapReader.sitemaps(bytes(MINVWS_SITEMAP)))
                .isInstanceOf(DiwooSitemapReader.Unreadable.class).hasMessageContaining("sitemapindex");
    }

    private static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** The metadata a DiWoo harvest reads from open.minvws.nl's sitemap entry (before it is validated). */
    public static ObjectNode minvwsMetadata() throws Exception {
        List<DiwooSitemapReader.Entry> entries = new ArrayList<>();
        DiwooSitemapReader.entries(MINVWS_SITEMAP.getBytes(StandardCharsets.UTF_8), entries::add);
        return DiwooMetadataReader.read(entries.getFirst().document(), entries.getFirst().loc());
    }
}
