package nl.vindplaats.documents.diwoo;

import nl.vindplaats.documents.PublicationFile;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static nl.vindplaats.documents.OpenDataFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harvester's view: the Woo-index's walk over real HTTP, from the root's {@code robots.txt} to the
 * sitemap indexes it names, their sitemaps, and every {@code <loc>}, downloaded as the Woo-index would.
 * It must find every public document that has a file and a Woo category, each with that file, and
 * nothing else: no document without a file, no withdrawn or embargoed one.
 */
class WooIndexHarvestTest {
    static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static final String RESEARCH_REPORT = "https://identifier.overheid.nl/tooi/def/thes/kern/c_6f49bf34";
    static final Pattern DOCUMENT_ID = Pattern.compile(
            "/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/[^/]+$");
    static final HttpClient HARVESTER = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void theHarvesterFindsEveryPublicDocumentWithItsFileAndNothingElse() {
        TestService service = TestService.start(TestService.Store.SQLITE, c -> c.with(c.documents().withSitemapPageSize(2)));
        try {
            byte[] report = pdfWithPages("Onderzoek naar de zorg");
            String request1 = deliver(service, Spec.of("Woo-verzoek over windparken", DEFENSIE, WOO_REQUEST));
            String request2 = deliver(service, Spec.of("Woo-verzoek over dijken", OCW, WOO_REQUEST));
            String request3 = deliver(service, Spec.of("Woo-verzoek over bruggen", AZ, WOO_REQUEST));
            String research = deliver(service, Spec.of("Onderzoek naar de zorg", OCW, RESEARCH_REPORT), report);
            deliver(service, Spec.of("Woo-verzoek nog zonder bestand", AZ, WOO_REQUEST).withoutFile());
            String withdrawn = deliver(service, Spec.of("Woo-verzoek dat wordt ingetrokken", AZ, WOO_REQUEST));
            withdraw(service, withdrawn);
            deliver(service, Spec.of("Woo-verzoek onder embargo", AZ, WOO_REQUEST)
                    .embargoUntil(Instant.now().plus(Duration.ofDays(30)).toString()));
            deliver(service, Spec.of("Brief zonder Woo-categorie", AZ, BRIEF)); // DiWoo requires a category

            Map<String, byte[]> harvested = harvest(service.url("/"));
            assertThat(harvested.keySet()).containsExactlyInAnyOrder(request1, request2, request3, research);
            assertThat(harvested.get(request1)).isEqualTo(PDF);
            assertThat(harvested.get(research)).isEqualTo(report);
        } finally {
            service.destroy();
        }
    }

    /** Behind https (the public base URL), every URL the harvester is given is https: robots.txt's and each loc. */
    @Test
    void behindHttpsEveryLocIsHttps() {
        TestService service = TestService.start(TestService.Store.SQLITE,
                c -> c.with(c.server().withPublicBaseUrl("https://woo.example.nl")));
        try {
            String request = deliver(service, Spec.of("Woo-verzoek over windparken", DEFENSIE, WOO_REQUEST));
            String robots = service.get("/robots.txt").body();
            List<String> indexes = robots.lines().filter(l -> l.startsWith("Sitemap: "))
                    .map(l -> l.substring("Sitemap: ".length())).filter(WooSitemapsTest::isDiwooIndex).toList();
            assertThat(indexes).containsExactly("https://woo.example.nl/sitemapindex-diwoo-infocat014.xml");
            String sitemap = locs(service.get(path(indexes.getFirst())).body()).getFirst();
            assertThat(sitemap).startsWith("https://woo.example.nl/sitemaps/");
            String loc = locs(service.get(path(sitemap)).body()).getFirst();
            assertThat(loc).startsWith("https://woo.example.nl/binaries/").contains(request);
            HttpResponse<String> file = service.get(path(loc)); // this test reaches the service without TLS
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type")).contains("application/pdf");
        } finally {
            service.destroy();
        }
    }

    /**
     * The walk: robots.txt at the root of the host → every sitemap index it names → every sitemap → every
     * loc, downloaded. Each file must be valid against the official schemas and each loc a file (200,
     * a PDF or ZIP type), listed once. Returns document id → the downloaded bytes.
     */
    static Map<String, byte[]> harvest(String root) {
        HttpResponse<byte[]> robots = fetch(URI.create(root).resolve("/robots.txt").toString());
        assertThat(robots.statusCode()).isEqualTo(200);
        Map<String, byte[]> found = new LinkedHashMap<>();
        for (String index : new String(robots.body(), StandardCharsets.UTF_8).lines()
                .filter(l -> l.regionMatches(true, 0, "Sitemap:", 0, 8)).map(l -> l.substring(8).strip())
                .filter(WooSitemapsTest::isDiwooIndex).toList()) {
            assertThat(index).matches(".*/sitemapindex-diwoo-infocat\\d{3}\\.xml"); // or the Woo-index ignores it
            String indexXml = xmlAt(index);
            assertThat(DiwooSchemas.errorsOfIndex(indexXml)).isEmpty();
            for (String sitemap : locs(indexXml)) {
                String sitemapXml = xmlAt(sitemap);
                assertThat(DiwooSchemas.errorsOfSitemap(sitemapXml)).as(sitemap).isEmpty();
                for (String loc : locs(sitemapXml)) {
                    HttpResponse<byte[]> file = fetch(loc);
                    assertThat(file.statusCode()).as(loc).isEqualTo(200);
                    assertThat(file.headers().firstValue("Content-Type").orElse(""))
                            .isIn(PublicationFile.PDF, PublicationFile.ZIP);
                    Matcher id = DOCUMENT_ID.matcher(loc);
                    assertThat(id.find()).as(loc).isTrue();
                    found.put(id.group(1), file.body()); // a document in several categories is one document
                }
            }
        }
        return found;
    }

    static String xmlAt(String url) {
        HttpResponse<byte[]> r = fetch(url);
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static HttpResponse<byte[]> fetch(String url) {
        try {
            return HARVESTER.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("User-Agent", "woo-index-harvester-test").build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        }
    }

    /** The {@code <loc>} of every {@code <url>} or {@code <sitemap>}, in order. */
    static List<String> locs(String xml) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                    xml.getBytes(StandardCharsets.UTF_8)));
            NodeList locs = document.getElementsByTagNameNS(SITEMAP_NS, "loc");
            List<String> out = new ArrayList<>();
            for (int i = 0; i < locs.getLength(); i++) {
                out.add(((Element) locs.item(i)).getTextContent().strip());
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError("not XML: " + e.getMessage() + "\n" + xml, e);
        }
    }
}
