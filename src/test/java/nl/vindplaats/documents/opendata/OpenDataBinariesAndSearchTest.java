package nl.vindplaats.documents.opendata;

import nl.vindplaats.documents.plooi.PlooiApiTest;
import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.documents.OpenDataFixtures;
import nl.vindplaats.documents.TextExtractionTest;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

import static nl.vindplaats.documents.OpenDataFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Files at their fileurl (conditional and range requests), and the extensions: q and informatiecategorie. */
class OpenDataBinariesAndSearchTest {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static TestService service;
    static String kapvergunning;
    static String kapInText;
    static String other;
    static String wooRequest;

    @BeforeAll
    static void deliver() {
        service = TestService.start(TestService.Store.SQLITE);
        kapvergunning = OpenDataFixtures.deliver(service, Spec.of("Kapvergunningen voor de Dorpsstraat", AZ, BRIEF)
                .description("Besluit over het kappen van bomen."));
        kapInText = OpenDataFixtures.deliver(service, Spec.of("Besluit over bomen", AZ, BRIEF)
                .description("Hierin staat ook iets over een kapvergunning voor de Kerkstraat."));
        other = OpenDataFixtures.deliver(service, Spec.of("Rapport over fietspaden", OCW, RAPPORT)
                .description("Over fietsen."));
        wooRequest = OpenDataFixtures.deliver(service, Spec.of("Besluit op Woo-verzoek over fietspaden", OCW,
                WOO_REQUEST).description("Besluit op een verzoek."));
    }

    @AfterAll
    static void stop() {
        service.destroy();
    }

    static HttpResponse<byte[]> fetch(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.url(path)))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String fileurl(String uuid) {
        Element doc = xml(service.get("/v1/documents/" + uuid).body()).getDocumentElement();
        return path(text(children(children(doc, "files").getFirst(), "file").getFirst(), "fileurl"));
    }

    @Test
    void fileIsServedWithItsHeadersAndValidators() throws Exception {
        String url = fileurl(other);
        HttpResponse<byte[]> r = fetch("GET", url);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(PDF);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        assertThat(r.headers().firstValueAsLong("Content-Length").orElseThrow()).isEqualTo(PDF.length);
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("inline; filename=\"rapport-over-fietspaden.pdf\"");
        assertThat(r.headers().firstValue("Accept-Ranges").orElseThrow()).isEqualTo("bytes");
        String etag = r.headers().firstValue("ETag").orElseThrow();
        String lastModified = r.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{64}\"");

        assertThat(fetch("GET", url, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(fetch("GET", url, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
        assertThat(fetch("GET", url, "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        assertThat(fetch("GET", url, "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").statusCode())
                .isEqualTo(200);

        HttpResponse<byte[]> head = fetch("HEAD", url);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length").orElseThrow()).isEqualTo(PDF.length);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void rangeRequestsGetPartialContent() throws Exception {
        String url = fileurl(other);
        HttpResponse<byte[]> first = fetch("GET", url, "Range", "bytes=0-3");
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(new String(first.body())).isEqualTo("%PDF");
        assertThat(first.headers().firstValue("Content-Range").orElseThrow()).isEqualTo("bytes 0-3/" + PDF.length);
        assertThat(first.headers().firstValueAsLong("Content-Length").orElseThrow()).isEqualTo(4);

        HttpResponse<byte[]> tail = fetch("GET", url, "Range", "bytes=-6");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(PDF, PDF.length - 6, PDF.length));

        HttpResponse<byte[]> open = fetch("GET", url, "Range", "bytes=10-");
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(PDF, 10, PDF.length));

        HttpResponse<byte[]> outside = fetch("GET", url, "Range", "bytes=5000-6000");
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(outside.headers().firstValue("Content-Range").orElseThrow()).isEqualTo("bytes */" + PDF.length);

        // If-Range with another validator: the whole (changed) file
        HttpResponse<byte[]> stale = fetch("GET", url, "Range", "bytes=0-3", "If-Range", "\"old\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(PDF);
    }

    @Test
    void wrongFileAddressesAre404() throws Exception {
        String url = fileurl(other);
        assertThat(fetch("GET", url.replace("rapport-over-fietspaden.pdf", "iets-anders.pdf")).statusCode())
                .isEqualTo(404);
        assertThat(fetch("GET", url.replace("/rijksoverheid/", "/mnre1010/")).statusCode()).isEqualTo(404);
        assertThat(fetch("GET", url.replace("/rijksoverheid/", "/mnre1109/")).statusCode()).isEqualTo(200);
        assertThat(fetch("GET", url.replace("/rijksoverheid/", "/onbekend/")).statusCode()).isEqualTo(404);
    }

    @Test
    void fullTextSearchIsDutchRankedAndHighlighted() {
        // "kapvergunning" finds "Kapvergunningen" (stemming); a title match ranks above a description match
        HttpResponse<String> r = service.get("/v1/documents?q=kapvergunning");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(ids(r.body())).as(r.body()).containsExactly(kapvergunning, kapInText);
        Element first = children(xml(r.body()).getDocumentElement(), "document").getFirst();
        List<Element> highlights = children(children(first, "highlights").getFirst(), "highlight");
        assertThat(highlights).isNotEmpty();
        assertThat(highlights.getFirst().getAttribute("field")).isEqualTo("title");
        assertThat(highlights.getFirst().getTextContent()).contains("<em>Kapvergunningen</em>");

        JsonNode json = TestService.json(service.get("/v1/documents?q=kapvergunning&output=json"));
        assertThat(json.get(1).path("highlights").path("introduction").get(0).asText()).contains("<em>kapvergunning</em>");
        // without q: no highlights element at all
        assertThat(service.get("/v1/documents").body()).doesNotContain("highlights");
        assertThat(TestService.json(service.get("/v1/documents?output=json")).get(0).has("highlights")).isFalse();
        // q combines with filters
        assertThat(ids(service.get("/v1/documents?q=fietspaden&type=rapport").body())).containsExactly(other);
        assertThat(ids(service.get("/v1/documents?q=onvindbaarwoord").body())).isEmpty();
    }

    @Test
    void markupInTextStaysWellFormedXmlAndEscapedHtml() {
        String odd = OpenDataFixtures.deliver(service, Spec.of("Snoeivergunning & <bomen> ]]> einde", AZ, BRIEF)
                .description("Over <snoeien> & meer ]]> nog meer").withoutFile());
        Element detail = xml(service.get("/v1/documents/" + odd).body()).getDocumentElement();
        assertThat(text(detail, "title")).isEqualTo("Snoeivergunning & <bomen> ]]> einde");
        assertThat(text(detail, "introduction")).isEqualTo("<p>Over &lt;snoeien&gt; &amp; meer ]]&gt; nog meer</p>");
        HttpResponse<String> found = service.get("/v1/documents?q=snoeivergunning");
        Element item = children(xml(found.body()).getDocumentElement(), "document").getFirst();
        Element highlight = children(children(item, "highlights").getFirst(), "highlight").getFirst();
        assertThat(highlight.getTextContent()).isEqualTo("<em>Snoeivergunning</em> &amp; &lt;bomen&gt; ]]&gt; einde");
    }

    @Test
    void fileTextIsSearchableAndPagesAreCounted() {
        String report = OpenDataFixtures.deliver(service, Spec.of("Jaarverslag", OCW, RAPPORT).description("Het jaarverslag."),
                pdfWithPages("Inleiding over het beleid", "Het plaatsen van zonnepanelen op daken"));
        Element file = children(children(xml(service.get("/v1/documents/" + report).body()).getDocumentElement(),
                "files").getFirst(), "file").getFirst();
        assertThat(text(file, "numberofpages")).isEqualTo("2");
        JsonNode found = TestService.json(service.get("/v1/documents?q=zonnepaneel&output=json"));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("id").asText()).isEqualTo(report);
        assertThat(found.get(0).path("highlights").path("text").get(0).asText()).contains("<em>zonnepanelen</em>");
    }

    @Test
    void aZipHasNoPageCountAsInTheRealApi() throws Exception {
        String uuid = OpenDataFixtures.deliver(service, Spec.of("Bundel besluiten", OCW, RAPPORT).withoutFile());
        byte[] zip = TextExtractionTest.zip("een.pdf", pdfWithPages("Eerste besluit", "Vervolg"),
                "twee.pdf", pdfWithPages("Tweede besluit"));
        assertThat(PlooiApiTest.sendBytes(service, "POST", PLOOI + "/documenten/" + uuid, "application/zip", zip,
                service.asAdmin()).statusCode()).isEqualTo(202);
        OpenDataFixtures.awaitTextExtraction(service, uuid);
        Element file = children(children(xml(service.get("/v1/documents/" + uuid).body()).getDocumentElement(),
                "files").getFirst(), "file").getFirst();
        assertThat(text(file, "mimetype")).isEqualTo("application/zip");
        assertThat(text(file, "numberofpages")).isEqualTo("0"); // as the samples' zip (3cd2285c…)
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"%22onaf", ")(*%26%5E%25", "*", "-", "%2B", "%20",
            "kap*", "%22kappen%20van%22", "a%20OR%20b"})
    void oddSearchTextGivesAnAnswerNotAnError(String q) {
        HttpResponse<String> r = service.get("/v1/documents?q=" + q);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        xml(r.body()); // well-formed
        assertThat(service.get("/v1/documents?q=" + q + "&output=json").statusCode()).isEqualTo(200);
    }

    @Test
    void filtersByWooInformationCategory() {
        // the PLOOI delivery derives the category from the documentsoort (aanvraag ex art. 4.1 Woo)
        assertThat(ids(service.get("/v1/documents?informatiecategorie=woo-verzoek-of-besluit").body()))
                .containsExactly(wooRequest);
        assertThat(ids(service.get("/v1/documents?informatiecategorie="
                + "https://identifier.overheid.nl/tooi/def/thes/kern/c_3baef532").body())).containsExactly(wooRequest);
        assertThat(ids(service.get("/v1/documents?informatiecategorie=convenant").body())).isEmpty();
    }
}
