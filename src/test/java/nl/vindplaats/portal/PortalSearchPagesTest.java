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

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The search pages of each kind ({@code /dataset}, {@code /organization}, {@code /group}) over real HTTP. */
class PortalSearchPagesTest {
    private static final String OWMS = "http://standaarden.overheid.nl/owms/terms/";
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.Store.SQLITE, c -> c.withDemo(true));
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
