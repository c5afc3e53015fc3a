package nl.vindplaats.documents.diwoo;

import nl.vindplaats.documents.plooi.PlooiApiTest;
import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.Eventually;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static nl.vindplaats.documents.OpenDataFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A federation over DiWoo sitemaps: instance A publishes documents with real PDF files through the PLOOI delivery
 * API; instance B harvests A with a {@code diwoo} source, reading A's robots.txt, sitemap indexes, sitemaps and
 * files as the Woo-index does. Every document of A is then findable on B by the words of its PDF and its file is
 * the same bytes; a new version on A reaches B at the next run; a withdrawal on A withdraws on B at a full run; a
 * run with nothing changed changes nothing and fetches no file; a harvested document refuses PLOOI writes on B.
 */
class DiwooHarvestTest {
    static final String SOURCES = "/platform/v1/harvest-sources";

    @Test
    void bHarvestsTheDocumentsOfAFromItsDiwooSitemaps() {
        try (TestService a = TestService.start(TestService.Store.SQLITE);
             TestService b = TestService.start(TestService.Store.SQLITE,
                     c -> c.with(c.register().withAllowPrivateAddresses(true)))) {
            byte[] windPdf = pdfWithPages("Advies over het windmolenpark bij Zeewolde");
            byte[] dijkPdf = pdfWithPages("Inspectie van de rivierdijken", "Bijlage over kwelwater");
            byte[] brugPdf = pdfWithPages("Onderhoud van de ophaalbruggen");
            String wind = deliver(a, Spec.of("Woo-besluit windpark", AZ, WOO_REQUEST)
                    .description("Besluit op een Woo-verzoek."), windPdf);
            String dijk = deliver(a, Spec.of("Woo-besluit dijken", OCW, WOO_REQUEST), dijkPdf);
            String brug = deliver(a, Spec.of("Woo-besluit bruggen", AZ, WOO_REQUEST), brugPdf);

            HttpResponse<String> created = b.post(SOURCES, "{\"type\":\"diwoo\",\"url\":\"" + a.url("/")
                    + "\",\"organisation\":\"gm0344\",\"title\":\"Instantie A\"}", b.asAdmin());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String sourceId = TestService.json(created).path("id").asText();

            JsonNode first = run(b, sourceId, false);
            assertThat(first.path("state").asText()).as(first.toString()).isEqualTo("finished");
            assertThat(first.at("/counts/created").asInt()).as(first.toString()).isEqualTo(3);
            assertThat(first.at("/counts/failed").asInt()).as(first.toString()).isZero();

            // Findable on B by the words of each PDF, with the same file.
            String windOnB = findOnB(b, "windmolenpark");
            String dijkOnB = findOnB(b, "kwelwater");
            String brugOnB = findOnB(b, "ophaalbruggen");
            assertThat(fileOnB(b, windOnB)).isEqualTo(windPdf);
            assertThat(fileOnB(b, dijkOnB)).isEqualTo(dijkPdf);
            assertThat(fileOnB(b, brugOnB)).isEqualTo(brugPdf);

            // The metadata came back: title, publisher, description, the PLOOI document type DiWoo lacks.
            JsonNode onB = TestService.json(b.get(PLOOI + "/metadata/" + windOnB));
            JsonNode onA = TestService.json(a.get(PLOOI + "/metadata/" + wind));
            assertThat(onB.at("/document/titelcollectie/officieleTitel").asText()).isEqualTo("Woo-besluit windpark");
            assertThat(onB.at("/document/publisher/id").asText()).isEqualTo(AZ);
            assertThat(onB.at("/document/omschrijvingen/0").asText()).isEqualTo("Besluit op een Woo-verzoek.");
            assertThat(onB.at("/document/identifiers")).isEqualTo(onA.at("/document/identifiers"));
            assertThat(onB.at("/document/classificatiecollectie/documentsoorten"))
                    .isEqualTo(onA.at("/document/classificatiecollectie/documentsoorten"));
            assertThat(onB.at("/document/classificatiecollectie/informatiecategorieen"))
                    .isEqualTo(onA.at("/document/classificatiecollectie/informatiecategorieen"));
            assertThat(onB.at("/document/documenthandelingen")).isEqualTo(onA.at("/document/documenthandelingen"));
            assertThat(onB.at("/plooiIntern/oogst/bron").asText()).isEqualTo(sourceId);
            assertThat(onB.at("/plooiIntern/oogst/origineel").asText()).startsWith(a.url("/binaries/"))
                    .contains(wind);

            // Changed only through the harvest.
            HttpResponse<String> refused = PlooiApiTest.sendBytes(b, "PUT", PLOOI + "/documenten/" + windOnB,
                    "application/pdf", PDF, b.asAdmin());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(TestService.json(refused).path("title").asText()).isEqualTo("Conflictfout");
            assertThat(TestService.json(refused).path("detail").asText()).contains(a.url("/"));
            assertThat(b.delete(PLOOI + "/documenten/" + windOnB, b.asAdmin()).statusCode()).isEqualTo(409);

            // Nothing changed on A: nothing changes on B, and no file is fetched (robots.txt, index, sitemap).
            awaitTextExtraction(b, windOnB);
            JsonNode unchanged = run(b, sourceId, false);
            assertThat(unchanged.at("/counts/unchanged").asInt()).as(unchanged.toString()).isEqualTo(3);
            assertThat(unchanged.at("/counts/created").asInt() + unchanged.at("/counts/updated").asInt()).isZero();
            assertThat(unchanged.at("/requests/requests").asInt()).as(unchanged.toString()).isEqualTo(3);

            // A new version on A (a new file) reaches B at the next run, as a new version there.
            byte[] windPdf2 = pdfWithPages("Herzien advies over het windmolenpark met zonnepanelen");
            HttpResponse<String> replaced = PlooiApiTest.sendBytes(a, "PUT", PLOOI + "/documenten/" + wind,
                    "application/pdf", windPdf2, a.asAdmin());
            assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(202);
            awaitTextExtraction(a, wind);
            JsonNode changed = run(b, sourceId, false);
            assertThat(changed.at("/counts/updated").asInt()).as(changed.toString()).isEqualTo(1);
            assertThat(changed.at("/counts/unchanged").asInt()).as(changed.toString()).isEqualTo(2);
            assertThat(findOnB(b, "zonnepanelen")).isEqualTo(windOnB);
            assertThat(fileOnB(b, windOnB)).isEqualTo(windPdf2);
            assertThat(versionCauses(b, windOnB)).containsExactly("aanlevering", "wijziging");

            // A withdrawal on A withdraws on B at the next full run; its history stays.
            withdraw(a, brug);
            JsonNode full = run(b, sourceId, true);
            assertThat(full.at("/counts/withdrawn").asInt()).as(full.toString()).isEqualTo(1);
            assertThat(full.at("/counts/unchanged").asInt()).as(full.toString()).isEqualTo(2);
            assertThat(TestService.json(b.get("/v1/documents?q=ophaalbruggen&output=json"))).isEmpty();
            assertThat(versionCauses(b, brugOnB)).containsExactly("aanlevering", "intrekking");
            assertThat(dijk).isNotEqualTo(dijkOnB); // B's own ids, derived from the source and the identifier
        }
    }

    /**
     * A source with an XXE in its index, or an entity bomb in a sitemap's metadata, fails the run with the reason and
     * nothing is read from it; a real-shaped (open.minvws.nl) entry whose loc is no PDF fails alone, and is taken in
     * once its loc serves one.
     */
    @Test
    void unsafeXmlFailsTheRunAndAFileThatIsNoPdfFailsItsDocument() throws Exception {
        java.util.Map<String, String> served = new java.util.concurrent.ConcurrentHashMap<>();
        com.sun.net.httpserver.HttpServer site = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        String root = "http://127.0.0.1:" + site.getAddress().getPort();
        byte[] pdf = pdfWithPages("Besluit over mondkapjes");
        site.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = path.equals("/doc.pdf") && served.containsKey("pdf") ? pdf
                    : served.getOrDefault(path, "").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        site.start();
        try (TestService b = TestService.start(TestService.Store.SQLITE,
                c -> c.with(c.register().withAllowPrivateAddresses(true)))) {
            served.put("/robots.txt", "Sitemap: " + root + "/sitemapindex-diwoo-infocat008.xml\n");
            served.put("/sitemapindex-diwoo-infocat008.xml", DiwooSitemapReaderTest.XXE_INDEX);
            HttpResponse<String> created = b.post(SOURCES, "{\"type\":\"diwoo\",\"url\":\"" + root
                    + "/\",\"organisation\":\"gm0344\"}", b.asAdmin());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String sourceId = TestService.json(created).path("id").asText();
            JsonNode xxe = run(b, sourceId, false);
            assertThat(xxe.path("state").asText()).isEqualTo("failed");
            assertThat(xxe.path("message").asText()).contains("DOCTYPE");

            served.put("/sitemapindex-diwoo-infocat008.xml", "<sitemapindex xmlns=\""
                    + DiwooSitemapReader.SITEMAP_NS + "\"><sitemap><loc>" + root + "/sitemap-1.xml</loc></sitemap>"
                    + "</sitemapindex>");
            served.put("/sitemap-1.xml", DiwooSitemapReaderTest.BILLION_LAUGHS_SITEMAP);
            JsonNode bomb = run(b, sourceId, false);
            assertThat(bomb.path("state").asText()).isEqualTo("failed");
            assertThat(bomb.path("message").asText()).contains("DOCTYPE");

            String loc = root + "/doc.pdf";
            served.put("/sitemap-1.xml", DiwooSitemapReaderTest.MINVWS_SITEMAP.replaceAll("<loc>[^<]*</loc>",
                    "<loc>" + loc + "</loc>"));
            served.put("/doc.pdf", "<html>a landing page, not the file</html>");
            JsonNode html = run(b, sourceId, false);
            assertThat(html.path("state").asText()).as(html.toString()).isEqualTo("finished");
            assertThat(html.at("/failures/0/reason").asText()).contains("no PDF");

            served.put("pdf", "");
            JsonNode taken = run(b, sourceId, false);
            assertThat(taken.at("/counts/created").asInt()).as(taken.toString()).isEqualTo(1);
            String id = findOnB(b, "mondkapjes");
            assertThat(fileOnB(b, id)).isEqualTo(pdf);
            assertThat(TestService.json(b.get(PLOOI + "/metadata/" + id)).at("/document/identifiers/0").asText())
                    .isEqualTo(loc);
        } finally {
            site.stop(0);
        }
    }

    /** Starts a run on B and waits until it has ended; returns the run. */
    static JsonNode run(TestService b, String sourceId, boolean full) {
        HttpResponse<String> started = b.post(SOURCES + "/" + sourceId + "/runs", "{\"full\":" + full + "}",
                b.asAdmin());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        return Eventually.value("run " + location + " ends", Duration.ofSeconds(60),
                () -> TestService.json(b.get(location, b.asAdmin())),
                run -> run.path("state").asText().equals("finished") || run.path("state").asText().equals("failed"));
    }

    /** The one document B's open data API finds by this word (once B has extracted the PDF's text). */
    private static String findOnB(TestService b, String word) {
        JsonNode found = Eventually.value("B finds " + word, Duration.ofSeconds(60),
                () -> TestService.json(b.get("/v1/documents?q=" + word + "&output=json")), list -> list.size() == 1);
        return found.get(0).path("id").asText();
    }

    private static byte[] fileOnB(TestService b, String id) {
        HttpResponse<byte[]> file = WooIndexHarvestTest.fetch(b.url(PLOOI + "/documenten/" + id));
        assertThat(file.statusCode()).isEqualTo(200);
        return file.body();
    }

    private static List<String> versionCauses(TestService service, String id) {
        List<String> causes = new ArrayList<>();
        TestService.json(service.get(PLOOI + "/metadata/" + id + "/versies", service.asAdmin())).path("versies")
                .forEach(v -> causes.add(v.path("oorzaak").asText()));
        return causes;
    }
}
