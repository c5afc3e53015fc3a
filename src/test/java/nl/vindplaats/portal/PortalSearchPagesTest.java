package nl.vindplaats.portal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import nl.vindplaats.testing.Eventually;

import static org.assertj.core.api.Assertions.assertThat;

/** The search pages of each kind ({@code /dataset}, {@code /organization}, {@code /group}) over real HTTP. */
class PortalSearchPagesTest {
    private static final String OWMS = "http://standaarden.overheid.nl/owms/terms/";
    private static final String PLOOI = "/overheid/openbaarmaken/api/v0";
    private static final String KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/";
    private static TestService service;
    private static String sealsWithText;
    private static String sealsAdvice;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.Store.SQLITE, c -> c.with(c.instance().withDemo(true)));
        assertThat(service.post("/api/3/action/group_create",
                "{\"name\":\"kustwater\",\"title\":\"Water aan de kust\",\"description\":\"Alles over de kust.\"}",
                service.asAdmin()).statusCode()).isEqualTo(200);
        dataset("zeegras-kaart", "Zeegrasvelden in de Waddenzee", "gm0518", OWMS + "Natuur-_en_landschapsbeheer",
                "http://creativecommons.org/licenses/by/4.0/deed.nl", "http://publications.europa.eu/resource/authority/file-type/JSON",
                "http://data.overheid.nl/status/beschikbaar", "kustwater");
        dataset("zeegras-tellingen", "Tellingen van zeegras", "gm0518", OWMS + "Natuur_en_milieu",
                "http://creativecommons.org/publicdomain/zero/1.0/deed.nl",
                "http://publications.europa.eu/resource/authority/file-type/CSV",
                "http://data.overheid.nl/status/in_onderzoek", null);
        dataset("zeegras-vaarwegen", "Vaarwegen langs zeegras", "gm0599", OWMS + "Weg_(thema)",
                "http://creativecommons.org/publicdomain/zero/1.0/deed.nl",
                "http://publications.europa.eu/resource/authority/file-type/CSV",
                "http://data.overheid.nl/status/beschikbaar", "kustwater");
        sealsWithText = document("zeehonden-besluit", "Besluit over zeehonden", KERN + "c_139c6280", "2024-03-01",
                "De zeehonden in de Waddenzee worden elk voorjaar geteld door vrijwilligers van de gemeente.");
        sealsAdvice = document("zeehonden-advies", "Advies over zeehonden", KERN + "c_aab6bfc7", "2025-06-01", null);
        // the extracted text is written by a worker after the delivery: the excerpt shows once it is there
        Eventually.until("text extracted", Duration.ofSeconds(60), () -> service.get("/documenten/" + sealsWithText
                + "?q=vrijwilligers").body().contains("class=\"excerpt\""));
    }

    /** Delivers a document through the PLOOI API, with a real PDF holding {@code text} when given. */
    private static String document(String identifier, String title, String category, String published, String text) {
        ObjectNode metadata;
        try {
            metadata = (ObjectNode) Json.read(Files.readString(Path.of("src/test/resources/plooi/metadata-example.json")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ObjectNode doc = (ObjectNode) metadata.path("document");
        ((ArrayNode) doc.path("identifiers")).removeAll().add("https://example.org/" + identifier);
        ((ObjectNode) doc.path("titelcollectie")).put("officieleTitel", title);
        doc.remove("onderwerpen");
        doc.put("openbaarmakingsdatum", published);
        ((ObjectNode) doc.path("classificatiecollectie")).putArray("informatiecategorieen").addObject().put("id", category);
        HttpResponse<String> created = service.post(PLOOI + "/metadata", metadata.toString(), service.asAdmin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String pid = TestService.json(created).path("document").path("pid").asText();
        String id = pid.substring(pid.lastIndexOf('/') + 1);
        if (text != null) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(service.url(PLOOI + "/documenten/" + id)))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(pdf(text))).header("Content-Type", "application/pdf")
                    .header("X-API-Key", service.adminToken()).build();
            try {
                HttpResponse<String> file = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(file.statusCode()).as(file.body()).isEqualTo(202);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return id;
    }

    static byte[] pdf(String text) {
        try (var document = new org.apache.pdfbox.pdmodel.PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
            var page = new org.apache.pdfbox.pdmodel.PDPage();
            document.addPage(page);
            try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                        org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        service.destroy();
    }

    private static void dataset(String name, String title, String org, String theme, String licence, String format,
                                String status, String group) {
        ObjectNode d = Json.object().put("name", name).put("title", title).put("owner_org", org)
                .put("notes", "Waar het zeegras groeit, gemeten in 2025.").put("theme", theme).put("license_id", licence)
                .put("dataset_status", status);
        ArrayNode resources = d.putArray("resources");
        resources.addObject().put("name", title + " (bestand)").put("url", "https://data.vindplaats.example/" + name)
                .put("format", format);
        if (group != null) {
            d.putArray("groups").addObject().put("name", group);
        }
        HttpResponse<String> created = service.post("/api/3/action/package_create", d.toString(), service.asAdmin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }

    // --- /dataset ---

    @Test
    void datasetSearchMarksTheWordsAndShowsTheFacetsOfDataOverheidNl() {
        Document page = page("/dataset?q=zeegras", 200);
        assertThat(page.select("h1").text()).isEqualTo("Datasets");
        assertThat(page.select(".result-count").text()).isEqualTo("3 datasets voor ‘zeegras’");
        assertThat(page.select(".result__title mark").eachText()).containsOnly("zeegras")
                .isNotEmpty();
        assertThat(page.select(".result__description mark").eachText()).contains("zeegras");
        assertThat(page.select("aside h3").eachText())
                .containsExactly("Thema", "Data-eigenaar", "Licentie", "Bronformaat", "Status", "Groep");
        // the themes are the top themes, with the Dutch labels of the value list; sub themes wait under theirs
        assertThat(facet(page, "Thema")).containsExactlyInAnyOrder("Natuur en milieu (2)", "Verkeer (thema) (1)");
        assertThat(facet(page, "Licentie")).contains("CC0 1.0 Universeel (2)");
        assertThat(facet(page, "Bronformaat")).containsExactlyInAnyOrder("CSV (2)", "JSON (1)");
        assertThat(facet(page, "Status")).contains("beschikbaar (2)");
        assertThat(facet(page, "Groep")).containsExactly("kustwater (2)");
        assertThat(page.select("#zoekterm-datasets").val()).isEqualTo("zeegras");
    }

    @Test
    void aTopThemeTakesInItsSubThemesWhichCanBeChosenInTurn() {
        Document all = page("/dataset?q=zeegras", 200);
        Element natuur = all.selectFirst("aside h3:containsOwn(Thema) + ul a:contains(Natuur en milieu)");
        assertThat(natuur.attr("href")).isEqualTo("/dataset?q=zeegras&theme=" + enc(OWMS + "Natuur_en_milieu"));
        Document top = page(natuur.attr("href"), 200);
        assertThat(count(top)).isEqualTo(2);
        assertThat(top.select(".chosen-filters li").eachText()).containsExactly("Thema: Natuur en milieu (filter weghalen)");
        Element sub = top.selectFirst(".facet--nested a:contains(Natuur- en landschapsbeheer)");
        assertThat(sub).as(top.html()).isNotNull();
        Document one = page(sub.attr("href"), 200);
        assertThat(count(one)).isEqualTo(1);
        assertThat(one.select(".result__title a").eachAttr("href")).containsExactly("/dataset/zeegras-kaart");
        // taking the filter away gives all three again
        Document back = page(one.selectFirst(".chosen-filters li a").attr("href"), 200);
        assertThat(count(back)).isEqualTo(3);
    }

    @Test
    void filtersCombineAndEachLinkTakesItsOwnFilterAway() {
        Document csv = page("/dataset?q=zeegras&res_format=" + enc("http://publications.europa.eu/resource/authority/file-type/CSV"), 200);
        assertThat(count(csv)).isEqualTo(2);
        Element status = csv.selectFirst("aside h3:containsOwn(Status) + ul a:contains(in onderzoek)");
        Document both = page(status.attr("href"), 200);
        assertThat(count(both)).isEqualTo(1);
        assertThat(both.select(".chosen-filters li").eachText()).hasSize(2);
        assertThat(both.selectFirst("a:containsOwn(Alle filters weghalen)").attr("href")).isEqualTo("/dataset?q=zeegras");
        Document none = page("/dataset?q=zeegras&license_id=bestaat-niet", 200);
        assertThat(none.select(".notice h2").text()).isEqualTo("Geen datasets gevonden");
        assertThat(none.select(".notice a").eachAttr("href")).contains("/dataset?q=zeegras");
    }

    @Test
    void organisationFacetAndCkanOrganisationPageListOneOrganisation() {
        Document all = page("/dataset?q=zeegras", 200);
        Element first = all.selectFirst("aside h3:containsOwn(Data-eigenaar) + ul a");
        assertThat(first.text()).endsWith("(2)");
        Document two = page(first.attr("href"), 200);
        assertThat(count(two)).isEqualTo(2);
        String slug = first.attr("href").replaceAll(".*organization=", "");

        Document organisation = page("/organization/" + slug, 200);
        assertThat(organisation.select("h1").text()).startsWith("Datasets van ");
        assertThat(organisation.select("aside h3").eachText()).doesNotContain("Data-eigenaar");
        assertThat(organisation.select("a[href=/organisaties/" + slug + "]")).isNotEmpty();
        assertThat(page("/organization/" + slug + "?q=zeegras", 200).select(".result")).hasSize(2);
        assertThat(page("/organization/bestaat-niet", 404).select("main p").first().text()).contains("bestaat-niet");
    }

    @Test
    void groupPageListsTheGroupsDatasets() {
        Document group = page("/group/kustwater", 200);
        assertThat(group.select("h1").text()).isEqualTo("Groep: Water aan de kust");
        assertThat(group.select(".lead").text()).isEqualTo("Alles over de kust.");
        assertThat(group.select(".result__title a").eachAttr("href"))
                .containsExactlyInAnyOrder("/dataset/zeegras-kaart", "/dataset/zeegras-vaarwegen");
        assertThat(page("/group/kustwater?res_format=" + enc("http://publications.europa.eu/resource/authority/file-type/JSON"), 200)
                .select(".result")).hasSize(1);
        page("/group/bestaat-niet", 404);
    }

    @Test
    void datasetSearchPagesThroughAllDatasets() {
        Document all = page("/dataset", 200);
        long total = count(all);
        assertThat(total).isGreaterThanOrEqualTo(6);
        assertThat(all.select(".result")).hasSize((int) Math.min(20, total));
        assertThat(page("/dataset?page=0", 400).select("h1").text()).isEqualTo("Deze vraag klopt niet");
        assertThat(page("/dataset?page=9", 200).select(".notice h2").text()).isEqualTo("Deze pagina bestaat niet");
    }

    // --- /documenten ---

    @Test
    void documentSearchFiltersOnWooCategoryWithItsDutchLabel() {
        Document page = page("/documenten?q=zeehonden", 200);
        assertThat(page.select("h1").text()).isEqualTo("Documenten");
        assertThat(count(page)).isEqualTo(2);
        assertThat(page.select(".result__title mark").eachText()).containsOnly("zeehonden").hasSize(2);
        assertThat(page.select("aside h3").eachText()).containsExactly("Informatiecategorie", "Organisatie", "Documentsoort");
        assertThat(facet(page, "Informatiecategorie")).containsExactlyInAnyOrder(
                "wet of algemeen verbindend voorschrift (1)", "overig besluit van algemene strekking (1)");
        assertThat(facet(page, "Organisatie")).containsExactly("gemeente Den Haag (2)");
        Element category = page.selectFirst("aside a:contains(wet of algemeen verbindend voorschrift)");
        Document one = page(category.attr("href"), 200);
        assertThat(count(one)).isEqualTo(1);
        assertThat(one.select(".result__title a").attr("href")).isEqualTo("/documenten/" + sealsWithText + "?q=zeehonden");
        assertThat(one.select(".chosen-filters li").eachText())
                .containsExactly("Informatiecategorie: wet of algemeen verbindend voorschrift (filter weghalen)");
        Document organisation = page(page.selectFirst("aside h3:containsOwn(Organisatie) + ul a").attr("href"), 200);
        assertThat(count(organisation)).isEqualTo(2);
    }

    @Test
    void documentSearchTakesADateRangeOfThePublicationDay() {
        // PLOOI sets the openbaarmakingsdatum to the day of delivery: both documents were made public that day
        String day = page("/documenten/" + sealsAdvice, 200)
                .selectFirst("dt:containsOwn(Openbaar gemaakt op) + dd time").attr("datetime");
        java.time.LocalDate published = java.time.LocalDate.parse(day);
        Document that = page("/documenten?q=zeehonden&van=" + published + "&tot=" + published, 200);
        assertThat(count(that)).isEqualTo(2);
        assertThat(that.select("#datum-van").val()).isEqualTo(day);
        assertThat(that.select(".chosen-filters li").eachText()).containsExactly(
                "Openbaar vanaf: " + Dutch.date(published) + " (filter weghalen)",
                "Openbaar tot en met: " + Dutch.date(published) + " (filter weghalen)");
        // the date form keeps the words and the other filters
        assertThat(that.select("form.filter-form input[type=hidden][name=q]").val()).isEqualTo("zeehonden");
        Document later = page("/documenten?q=zeehonden&van=" + published.plusDays(1), 200);
        assertThat(count(later)).isZero();
        assertThat(later.select(".notice a").eachAttr("href")).contains("/documenten?q=zeehonden");
        assertThat(count(page("/documenten?q=zeehonden&tot=" + published.minusDays(1), 200))).isZero();
        assertThat(page("/documenten?van=2025-01-01&tot=2024-01-01", 400).select("main p").first().text()).contains("2025-01-01");
        assertThat(page("/documenten?van=gisteren", 400).select("main p").first().text()).contains("gisteren");
    }

    @Test
    void aDocumentReachedFromASearchShowsWhereTheWordsAreInItsText() {
        Document page = page("/documenten/" + sealsWithText + "?q=" + enc("zeehond geteld"), 200);
        assertThat(page.select("h2").eachText()).contains("Waar ‘zeehond geteld’ in de tekst staat");
        // the words are found as the index finds them: "zeehond" finds "zeehonden"
        assertThat(page.select(".excerpt mark").eachText()).containsExactly("zeehonden", "geteld");
        assertThat(page.select(".excerpt").text()).contains("door vrijwilligers van de gemeente");
        assertThat(page("/documenten/" + sealsWithText, 200).select(".excerpt")).isEmpty();
        assertThat(page("/documenten/" + sealsWithText + "?q=walvis", 200).select("h2 + p").text())
                .contains("staan niet letterlijk in de tekst");
        Element download = page.selectFirst("a:contains(Download)");
        HttpResponse<String> file = service.get(download.attr("href"));
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");
    }

    // --- /apis ---

    @Test
    void apiListFiltersOnTypeOrganisationLifecycleReachabilityAndScore() {
        Document all = page("/apis", 200);
        assertThat(all.select("h1").text()).isEqualTo("API's");
        long total = count(all);
        assertThat(total).isGreaterThanOrEqualTo(82);
        assertThat(all.select(".result")).hasSize(20);
        assertThat(all.select("aside h3").eachText()).containsExactly("API-type", "Organisatie", "Levenscyclus",
                "Beschikbaarheid", "API Design Rules-score");
        Element type = all.selectFirst("aside h3:containsOwn(API-type) + ul a");
        long expected = Long.parseLong(type.selectFirst(".count").text().replaceAll("\\D", ""));
        Document typed = page(type.attr("href"), 200);
        assertThat(count(typed)).isEqualTo(expected).isLessThan(total);
        assertThat(typed.select(".chosen-filters li").eachText()).hasSize(1).allMatch(t -> t.startsWith("API-type: "));
        for (String facet : List.of("Organisatie", "Levenscyclus", "Beschikbaarheid", "API Design Rules-score")) {
            Element option = all.selectFirst("aside h3:containsOwn(" + facet + ") + ul a");
            assertThat(option).as(facet).isNotNull();
            long n = Long.parseLong(option.selectFirst(".count").text().replaceAll("\\D", ""));
            assertThat(count(page(option.attr("href"), 200))).as(facet).isEqualTo(n);
        }
        assertThat(facet(all, "Levenscyclus")).allMatch(t -> t.matches("(Actief|Verouderd|Uitfasering aangekondigd|Buiten gebruik) \\(\\d+\\)"));
        assertThat(facet(all, "API Design Rules-score")).hasSize(3).first().asString().startsWith("100% (");
        Document second = page(all.selectFirst("a[rel=next]").attr("href"), 200);
        assertThat(second.select(".result__title a").eachAttr("href"))
                .doesNotContainAnyElementsOf(all.select(".result__title a").eachAttr("href"));
        assertThat(page("/apis?score=honderd", 400).select("main p").first().text()).contains("honderd");
        assertThat(page("/apis?q=xylofoonzzq", 200).select(".notice h2").text()).isEqualTo("Geen API's gevonden");
    }

    @Test
    void apiPageListsTheSpecificationVersionsAndOpensTheViewer() {
        Document page = page("/apis/vindplaats-platform", 200);
        assertThat(page.select("h2").eachText()).contains("Specificatie", "Beschikbaarheid");
        List<String> versions = page.select("caption:contains(Opgehaalde versies) ~ tbody td a").eachAttr("href");
        assertThat(versions).isNotEmpty().allMatch(h -> h.startsWith("/api-register/v1/apis/vindplaats-platform/oas/"));
        assertThat(service.get(versions.getFirst()).statusCode()).isEqualTo(200);
        assertThat(page.selectFirst("h2:containsOwn(Beschikbaarheid) + p").text()).isNotBlank();
        assertThat(page.select("script")).isEmpty();

        String viewerPath = page.selectFirst("a:contains(Specificatie lezen)").attr("href");
        assertThat(viewerPath).isEqualTo("/apis/vindplaats-platform/specificatie");
        HttpResponse<String> viewer = service.get(viewerPath);
        String policy = viewer.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
        Document viewerPage = page(viewerPath, 200);
        assertThat(viewerPage.select("script").eachAttr("src"))
                .containsExactly("/assets/swagger-ui/swagger-ui-bundle.js", "/assets/spec-viewer.js");
        assertThat(viewerPage.select("script").stream().allMatch(s -> s.data().isBlank())).isTrue();
        String document = viewerPage.selectFirst("#specificatie").attr("data-url");
        assertThat(service.get(document).statusCode()).isEqualTo(200);
        HttpResponse<String> bundle = service.get("/assets/swagger-ui/swagger-ui-bundle.js");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(service.get("/assets/swagger-ui/index.html").statusCode()).isEqualTo(404);
        page("/apis/bestaat-niet/specificatie", 404);
        // every other page keeps its policy without script
        assertThat(service.get("/apis").headers().firstValue("Content-Security-Policy").orElseThrow())
                .doesNotContain("script-src");
    }

    // --- helpers ---

    static Document page(String path, int status) {
        HttpResponse<String> r = service.get(path);
        assertThat(r.statusCode()).as(path + "\n" + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith("text/html");
        Document page = Jsoup.parse(r.body(), service.url(path));
        assertThat(page.select("h1")).hasSize(1);
        for (Element input : page.select("input:not([type=hidden])")) {
            assertThat(page.select("label[for=" + input.id() + "]")).as(input.outerHtml()).hasSize(1);
        }
        return page;
    }

    private static List<String> facet(Document page, String title) {
        return page.select("aside h3:containsOwn(" + title + ") + ul > li > a").eachText().stream()
                .map(t -> t.replace(", gekozen; klik om dit filter weg te halen", "")).toList();
    }

    private static long count(Document page) {
        return Long.parseLong(page.select(".result-count").text().split(" ")[0].replace(".", ""));
    }

    static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
