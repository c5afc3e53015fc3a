package nl.vindplaats.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The portal's pages over real HTTP against one service with the demo data, read as a browser reads them. */
class PortalPagesTest {
    private static final String PLOOI = "/overheid/openbaarmaken/api/v0";
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final String SCRIPT_TITLE = "<script>alert(1)</script>";
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.Store.SQLITE, c -> c.with(c.instance().withDemo(true)));
    }

    @AfterAll
    static void stop() {
        service.destroy();
    }

    // --- home ---

    @Test
    void homeHasOneSearchBoxCountsPerKindNewestAndOrganisations() {
        Document page = page("/", 200);
        assertAccessibleFrame(page);
        assertThat(page.select("h1").text()).isEqualTo("Vind API's, datasets en documenten van de overheid");
        Element form = page.selectFirst("form[role=search][action=/zoeken]");
        assertThat(form).isNotNull();
        Element input = form.selectFirst("input[name=q]");
        assertThat(page.select("label[for=" + input.id() + "]")).hasSize(1);
        assertThat(page.select("form[role=search]")).hasSize(1); // not a second one in the header
        List<String> counts = page.select(".kind-counts a").eachText();
        assertThat(counts).hasSize(3);
        assertThat(counts).anyMatch(t -> t.matches("\\d+ API's") && Integer.parseInt(t.split(" ")[0]) >= 82);
        assertThat(counts).contains("3 Datasets").anyMatch(t -> t.matches("\\d+ Documenten"));
        assertThat(page.select(".kind-counts a").eachAttr("href"))
                .containsExactly("/zoeken?soort=api", "/zoeken?soort=dataset", "/zoeken?soort=document");
        assertThat(page.select(".result-list .result")).hasSize(6);
        assertThat(page.select("h2:contains(Organisaties) + p + ul a").eachAttr("href"))
                .isNotEmpty().allMatch(href -> href.startsWith("/organisaties/"));
    }

    // --- search ---

    @Test
    void searchListsAllKindsWithTheWordsMarkedInTitles() {
        Document page = page("/zoeken?q=bomen", 200);
        assertAccessibleFrame(page);
        assertThat(page.select("h1").text()).isEqualTo("Zoekresultaten voor ‘bomen’");
        Element hit = page.selectFirst(".result:has(a[href=/dataset/demo-bomenkaart])");
        assertThat(hit).as(page.html()).isNotNull();
        assertThat(hit.select(".result__title mark").eachText()).containsExactly("Bomen");
        assertThat(hit.select(".result__title").text()).isEqualTo("Bomen in beheer van de gemeente");
        assertThat(page.select("input[name=q]").val()).isEqualTo("bomen");

        Document documents = page("/zoeken?q=kapvergunning", 200);
        Element document = documents.selectFirst(".result:has(a[href^=/documenten/])");
        assertThat(document).isNotNull();
        assertThat(document.select(".result__title mark").eachText()).contains("Kapvergunning");
        assertThat(document.select(".badge").text()).isEqualTo("Document");
    }

    @Test
    void kindFacetCountsEveryKindAndFiltersTheList() {
        Document all = page("/zoeken", 200);
        List<String> facet = all.select("aside h3:contains(Soort) + ul a").eachText();
        assertThat(facet).hasSize(3).anyMatch(t -> t.startsWith("Datasets (3)"));
        long total = count(all);

        Document datasets = page("/zoeken?soort=dataset", 200);
        assertThat(count(datasets)).isEqualTo(3);
        assertThat(datasets.select(".result .badge").eachText()).containsOnly("Dataset").hasSize(3);
        // the chosen kind's link takes the filter away again; the other kinds keep their counts
        Element chosen = datasets.selectFirst("aside a[aria-current]");
        assertThat(chosen.attr("href")).isEqualTo("/zoeken");
        assertThat(datasets.select("aside h3:contains(Soort) + ul a").eachText()).hasSize(3);
        assertThat(total).isGreaterThan(3);
    }

    @Test
    void organisationFacetFiltersToOneOrganisation() {
        Document all = page("/zoeken?soort=dataset", 200);
        Element first = all.selectFirst("aside h3:contains(Organisatie) + ul a");
        assertThat(first).isNotNull();
        long expected = Long.parseLong(first.selectFirst(".count").text().replaceAll("\\D", ""));
        Document one = page(first.attr("href"), 200);
        assertThat(count(one)).isEqualTo(expected);
        assertThat(one.select("aside h3:contains(Organisatie) + ul a[aria-current]").text())
                .startsWith(first.ownText().strip());
        assertThat(one.select(".result .badge").eachText()).containsOnly("Dataset");
        assertThat(page("/zoeken?organisatie=bestaat-niet", 404).select("h1").text()).isEqualTo("Pagina niet gevonden");
    }

    @Test
    void pagingWalksTheWholeListWithoutRepeats() {
        Document first = page("/zoeken?soort=api", 200);
        long total = count(first);
        assertThat(total).isGreaterThan(20);
        assertThat(first.select(".result")).hasSize(20);
        Element next = first.selectFirst("nav[aria-label=Paginering] a[rel=next]");
        assertThat(next.attr("href")).isEqualTo("/zoeken?soort=api&pagina=2");
        assertThat(first.select("nav[aria-label=Paginering] a[aria-current=page]").text()).isEqualTo("1");
        Document second = page(next.attr("href"), 200);
        List<String> one = first.select(".result__title a").eachAttr("href");
        List<String> two = second.select(".result__title a").eachAttr("href");
        assertThat(two).isNotEmpty().doesNotContainAnyElementsOf(one);

        Document past = page("/zoeken?soort=api&pagina=40", 200);
        assertThat(past.select(".notice h2").text()).isEqualTo("Deze pagina bestaat niet");
        assertThat(page("/zoeken?pagina=0", 400).select("h1").text()).isEqualTo("Deze vraag klopt niet");
        assertThat(page("/zoeken?pagina=abc", 400).select("main p").first().text()).contains("abc");
        assertThat(page("/zoeken?pagina=51", 400).select("main p").first().text()).contains("50");
        assertThat(page("/zoeken?soort=boek", 400).select("main p").first().text()).contains("boek");
    }

    @Test
    void noResultsGivesAHelpfulPage() {
        Document page = page("/zoeken?q=xylofoonzzq&soort=dataset", 200);
        assertThat(page.select(".result")).isEmpty();
        assertThat(page.select(".notice h2").text()).isEqualTo("Niets gevonden");
        assertThat(page.select(".notice a").eachAttr("href")).contains("/zoeken?q=xylofoonzzq", "/");
        assertThat(page.select(".result-count").text()).startsWith("0 resultaten");
    }

    // --- datasets ---

    @Test
    void datasetPageShowsMetadataWithDutchLabelsResourcesLicenceAndContact() {
        Document page = page("/dataset/demo-bomenkaart", 200);
        assertAccessibleFrame(page);
        assertThat(page.select("h1").text()).isEqualTo("Bomen in beheer van de gemeente");
        assertThat(value(page, "Thema's")).isEqualTo("Natuur- en landschapsbeheer");
        assertThat(value(page, "Licentie")).isEqualTo("CC0 1.0 Universeel");
        assertThat(page.selectFirst("dt:containsOwn(Licentie) + dd a").attr("href"))
                .isEqualTo("http://creativecommons.org/publicdomain/zero/1.0/deed.nl");
        assertThat(value(page, "Status")).isEqualTo("beschikbaar");
        assertThat(page.selectFirst("dt:containsOwn(Eigenaar) + dd a").attr("href")).startsWith("/organisaties/");
        assertThat(page.selectFirst("a[href^=mailto:]").attr("href")).isEqualTo("mailto:opendata@vindplaats.example");
        Elements resources = page.select(".resource");
        assertThat(resources).isNotEmpty();
        assertThat(resources.select("a[href^=http]")).isNotEmpty();

        // the DCAT forms keep their URLs beside the page
        HttpResponse<String> turtle = service.get("/dataset/demo-bomenkaart.ttl");
        assertThat(turtle.statusCode()).isEqualTo(200);
        assertThat(turtle.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/turtle");
        HttpResponse<String> missingForm = service.get("/dataset/bestaat-niet.ttl");
        assertThat(missingForm.statusCode()).isEqualTo(404);
        assertThat(missingForm.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void unknownDatasetIsAnHtml404() {
        Document page = page("/dataset/bestaat-niet", 404);
        assertAccessibleFrame(page);
        assertThat(page.select("main p").first().text()).contains("bestaat-niet");
    }

    @Test
    void everyValueIsEscaped() {
        ObjectNode dataset = Json.object().put("name", "xss-proef").put("title", SCRIPT_TITLE)
                .put("notes", "<img src=x onerror=alert(2)>").put("owner_org", "gm0518");
        ArrayNode resources = dataset.putArray("resources");
        resources.addObject().put("name", "<b>vet</b>").put("url", "javascript:alert(3)");
        HttpResponse<String> created = service.post("/api/3/action/package_create", dataset.toString(),
                service.asAdmin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

        HttpResponse<String> raw = service.get("/dataset/xss-proef");
        assertThat(raw.body()).doesNotContain(SCRIPT_TITLE).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        Document page = Jsoup.parse(raw.body());
        assertThat(page.select("h1").text()).isEqualTo(SCRIPT_TITLE);
        // the one script element is the page's JSON-LD (data, not script), which holds the title as JSON text
        assertThat(page.select("script, img, b")).singleElement()
                .satisfies(e -> assertThat(e.attr("type")).isEqualTo("application/ld+json"));
        assertThat(page.select("a[href^=javascript]")).isEmpty();
        assertThat(page.select(".resource h3").text()).isEqualTo("<b>vet</b>");

        Document found = page("/zoeken?q=xss-proef", 200);
        assertThat(found.select(".result__title").text()).isEqualTo(SCRIPT_TITLE);
        assertThat(found.select("script")).isEmpty();
        Document searchedFor = page("/zoeken?q=" + enc(SCRIPT_TITLE), 200);
        assertThat(searchedFor.select("h1").text()).isEqualTo("Zoekresultaten voor ‘" + SCRIPT_TITLE + "’");
        assertThat(searchedFor.select("input[name=q]").val()).isEqualTo(SCRIPT_TITLE);
        assertThat(searchedFor.select("script")).isEmpty();
    }

    // --- documents ---

    @Test
    void documentPageShowsMetadataVersionsAndTheFileToDownload() {
        String id = deliver("portaal-bestand", null);
        HttpResponse<String> file = sendBytes("POST", PLOOI + "/documenten/" + id, "application/pdf", PDF);
        assertThat(file.statusCode()).as(file.body()).isEqualTo(202);

        Document page = page("/documenten/" + id, 200);
        assertAccessibleFrame(page);
        assertThat(page.select("h1").text()).isEqualTo("Kapvergunning voor Dorpsstraat 16");
        assertThat(value(page, "Organisatie")).isEqualTo("gemeente Den Haag");
        assertThat(value(page, "Documentsoort")).isEqualTo("aanvraag ex art. 4.1 Woo");
        assertThat(value(page, "Informatiecategorie")).isNotBlank();
        assertThat(page.select("table tbody tr td:eq(1)").eachText()).containsExactly("Gepubliceerd", "Gepubliceerd");
        Element download = page.selectFirst("a:contains(Download)");
        assertThat(download.attr("href")).isEqualTo(PLOOI + "/documenten/" + id);
        assertThat(service.get(download.attr("href")).statusCode()).isEqualTo(200);
    }

    @Test
    void withdrawnDocumentIsA410PageThatSaysSoAndWhy() {
        String id = deliver("portaal-ingetrokken", null);
        HttpResponse<String> withdrawn = service.delete(PLOOI + "/documenten/" + id
                + "?redenVerwijderingVervanging=" + enc("De publicatie bevatte persoonsgegevens."), service.asAdmin());
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);

        Document page = page("/documenten/" + id, 410);
        assertAccessibleFrame(page);
        assertThat(page.select("h1").text()).isEqualTo("Dit document is ingetrokken");
        assertThat(page.select("main").text()).contains("Kapvergunning voor Dorpsstraat 16")
                .contains("De publicatie bevatte persoonsgegevens.");
        assertThat(page.select("table tbody tr td:eq(1)").eachText()).containsExactly("Gepubliceerd", "Ingetrokken");
        assertThat(page.select("a:contains(Download)")).isEmpty();
    }

    @Test
    void embargoedDocumentDoesNotExistYet() {
        String id = deliver("portaal-embargo", Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
        page("/documenten/" + id, 404);
        assertThat(page("/zoeken?q=kapvergunning", 200).select("a[href^=/documenten/" + id + "]")).isEmpty();
        page("/documenten/bestaat-niet", 404);
    }

    // --- APIs and organisations ---

    @Test
    void apiPageShowsEnvironmentsLifecycleAndTheDesignRulesScore() {
        Document list = page("/zoeken?soort=api", 200);
        String href = list.select(".result__title a").eachAttr("href").stream()
                .filter(h -> !h.contains("vindplaats-")).findFirst().orElseThrow();
        Document page = page(href, 200);
        assertAccessibleFrame(page);
        assertThat(value(page, "Levenscyclus")).isNotBlank();
        assertThat(page.select("h2").eachText()).contains("Omgevingen", "API Design Rules");
        Element environments = page.selectFirst("h2:containsOwn(Omgevingen) + table");
        assertThat(environments).isNotNull();
        assertThat(environments.select("tbody th").eachText()).isNotEmpty()
                .allMatch(t -> List.of("Productie", "Acceptatie", "Demo").contains(t));
        page("/apis/bestaat-niet", 404);
    }

    @Test
    void ownApisShowTheirScoreWithEveryFinding() {
        Document page = page("/apis/vindplaats-platform", 200);
        assertThat(page.select("h1").text()).isNotBlank();
        String section = page.select("h2:containsOwn(API Design Rules) ~ p.score").text();
        assertThat(section).matches("Score: \\d+% .*");
    }

    @Test
    void organisationPageShowsWhatItPublishes() {
        Document dataset = page("/dataset/demo-bomenkaart", 200);
        String href = dataset.selectFirst("dt:containsOwn(Eigenaar) + dd a").attr("href");
        Document page = page(href, 200);
        assertAccessibleFrame(page);
        assertThat(page.select("h2").eachText()).hasSize(3).anyMatch(t -> t.startsWith("Datasets ("));
        assertThat(page.select("a[href=/dataset/demo-bomenkaart]")).hasSize(1);
        page("/organisaties/bestaat-niet", 404);
    }

    // --- headers and errors ---

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndReferrerPolicy() {
        for (String path : List.of("/", "/zoeken?q=bomen", "/dataset/demo-bomenkaart", "/dataset/bestaat-niet",
                "/assets/portal.css")) {
            HttpResponse<String> r = service.get(path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).as(path).contains("default-src 'none'", "frame-ancestors 'none'", "style-src 'self'")
                    .doesNotContain("unsafe-inline").doesNotContain("script-src");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).contains("strict-origin-when-cross-origin");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
        }
        HttpResponse<String> css = service.get("/assets/portal.css");
        assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
        // no inline script or style anywhere: the policy would block it
        Document home = page("/", 200);
        assertThat(home.select("script, style, [style]")).isEmpty();
    }

    @Test
    void otherPathsKeepTheirJsonErrors() {
        HttpResponse<String> unknown = service.get("/bestaat/niet");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(service.get("/health").headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/json");
        HttpResponse<String> portal404 = service.get("/documenten/x/y");
        assertThat(portal404.statusCode()).isEqualTo(404);
        assertThat(portal404.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    }

    // --- helpers ---

    private static Document page(String path, int status) {
        HttpResponse<String> r = service.get(path);
        assertThat(r.statusCode()).as(path + "\n" + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith("text/html");
        return Jsoup.parse(r.body(), service.url(path));
    }

    /** What every page has: Dutch, one h1, landmarks, a skip link to the main content, labelled fields. */
    private static void assertAccessibleFrame(Document page) {
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("nl");
        assertThat(page.select("h1")).hasSize(1);
        assertThat(page.select("header")).hasSize(1);
        assertThat(page.select("main")).hasSize(1);
        assertThat(page.select("footer")).hasSize(1);
        assertThat(page.title()).endsWith("– Vindplaats");
        Element skip = page.selectFirst("body > a.skip-link");
        assertThat(skip).isNotNull();
        assertThat(page.select("main" + skip.attr("href"))).hasSize(1);
        for (Element input : page.select("input:not([type=hidden])")) {
            assertThat(page.select("label[for=" + input.id() + "]")).as(input.outerHtml()).hasSize(1);
        }
    }

    private static String value(Document page, String label) {
        Element dt = page.select("dt").stream().filter(e -> e.text().equals(label)).findFirst().orElse(null);
        assertThat(dt).as(label).isNotNull();
        return dt.nextElementSibling().text();
    }

    private static long count(Document page) {
        return Long.parseLong(page.select(".result-count").text().split(" ")[0].replace(".", ""));
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Delivers the PLOOI example with this identifier as the platform admin; returns its id. */
    private static String deliver(String identifier, Instant visibleFrom) {
        ObjectNode metadata;
        try {
            metadata = (ObjectNode) Json.read(Files.readString(Path.of("src/test/resources/plooi/metadata-example.json")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ((ArrayNode) metadata.path("document").path("identifiers")).removeAll().add(identifier);
        String query = visibleFrom == null ? "" : "?zichtbaarheidsdatumtijd=" + visibleFrom;
        HttpResponse<String> created = service.post(PLOOI + "/metadata" + query, metadata.toString(), service.asAdmin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = TestService.json(created);
        String pid = body.path("document").path("pid").asText();
        return pid.substring(pid.lastIndexOf('/') + 1);
    }

    private static HttpResponse<String> sendBytes(String method, String path, String contentType, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.url(path)))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType)
                .header("X-API-Key", service.adminToken()).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
