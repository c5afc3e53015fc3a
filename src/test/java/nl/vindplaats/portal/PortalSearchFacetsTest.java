package nl.vindplaats.portal;

import nl.vindplaats.testing.TestService;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facets of {@code /zoeken} beyond kind and organisation: theme, Woo information category, format and date
 * range, checked against what each kind's own search page finds with the same filter.
 */
class PortalSearchFacetsTest {
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.Store.SQLITE, c -> c.with(c.instance().withDemo(true)));
    }

    @AfterAll
    static void stop() {
        service.destroy();
    }

    @Test
    void aThemeListsTheDatasetsOfThatThemeAsTheDatasetSearchDoes() {
        Document all = page("/zoeken", 200);
        Element option = all.selectFirst("ul[aria-labelledby=facet-thema] a");
        assertThat(option).as("a theme to choose").isNotNull();
        String theme = parameter(option.attr("href"), "thema");
        Document chosen = page(option.attr("href"), 200);

        assertThat(count(chosen)).isEqualTo(count(option)).isEqualTo(count(page("/dataset?theme=" + enc(theme), 200)));
        assertThat(chosen.select(".result .badge").eachText()).isNotEmpty().containsOnly("Dataset");
        assertThat(kindCount(chosen, "Documenten")).isZero();
        assertThat(kindCount(chosen, "API's")).isZero();
        Element selected = chosen.selectFirst("ul[aria-labelledby=facet-thema] a[aria-current=true]");
        assertThat(selected.attr("href")).isEqualTo("/zoeken");
        assertThat(chosen.select(".chosen-filters a").eachText()).anyMatch(t -> t.startsWith("Thema: "));
    }

    @Test
    void aWooCategoryListsTheDocumentsOfThatCategoryAsTheDocumentSearchDoes() {
        Document all = page("/zoeken?soort=document", 200);
        Element option = all.selectFirst("ul[aria-labelledby=facet-informatiecategorie] a");
        assertThat(option).as("a category to choose").isNotNull();
        String category = parameter(option.attr("href"), "informatiecategorie");
        Document chosen = page(option.attr("href"), 200);

        assertThat(count(chosen)).isEqualTo(count(option))
                .isEqualTo(count(page("/documenten?informatiecategorie=" + enc(category), 200)));
        assertThat(chosen.select(".result .badge").eachText()).isNotEmpty().containsOnly("Document");
        // the category's label comes from the value list, not its URI
        assertThat(option.ownText()).doesNotStartWith("http");
    }

    @Test
    void aFormatListsTheDatasetsWithAResourceOfThatFormat() {
        Document all = page("/zoeken?soort=dataset", 200);
        Element option = all.selectFirst("ul[aria-labelledby=facet-formaat] a");
        assertThat(option).as("a format to choose").isNotNull();
        String format = parameter(option.attr("href"), "formaat");
        Document chosen = page(option.attr("href"), 200);

        assertThat(count(chosen)).isEqualTo(count(option))
                .isEqualTo(count(page("/dataset?res_format=" + enc(format), 200)));
        assertThat(chosen.select(".result .badge").eachText()).containsOnly("Dataset");
    }

    @Test
    void aDateRangeKeepsTheResultsOfThoseDaysOfEveryKind() {
        Document all = page("/zoeken", 200);
        Element first = all.selectFirst(".result");
        String url = first.selectFirst(".result__title a").attr("href");
        LocalDate day = LocalDate.parse(first.selectFirst("time").attr("datetime"));

        Document thatDay = page("/zoeken?van=" + day + "&tot=" + day, 200);
        assertThat(thatDay.select(".result__title a").eachAttr("href")).contains(url);
        for (Element time : thatDay.select(".result time")) {
            assertThat(time.attr("datetime")).isEqualTo(day.toString());
        }
        assertThat(page("/zoeken?tot=" + day.minusDays(1), 200).select(".result__title a").eachAttr("href"))
                .doesNotContain(url);
        assertThat(page("/zoeken?van=" + day.plusDays(1), 200).select(".result__title a").eachAttr("href"))
                .doesNotContain(url);
        // documents: the same days as the document search's
        assertThat(count(page("/zoeken?soort=document&van=" + day + "&tot=" + day, 200)))
                .isEqualTo(count(page("/documenten?van=" + day + "&tot=" + day, 200)));
        // the date form keeps the other filters
        Document form = page("/zoeken?q=bomen&soort=dataset", 200);
        assertThat(form.select("form.filter-form input[type=hidden]").eachAttr("name")).containsExactly("q", "soort");
    }

    @Test
    void badDatesAreA400Page() {
        assertThat(page("/zoeken?van=gisteren", 400).select("main p").first().text()).contains("gisteren");
        assertThat(page("/zoeken?van=2025-02-01&tot=2025-01-01", 400).select("main p").first().text())
                .contains("2025-02-01");
        assertThat(service.get("/zoeken.atom?tot=morgen").statusCode()).isEqualTo(400);
    }

    @Test
    void theSearchFeedTakesTheSameFilters() {
        Document all = page("/zoeken", 200);
        String href = all.selectFirst("ul[aria-labelledby=facet-thema] a").attr("href");
        Document chosen = page(href, 200);
        String feed = chosen.select("link[rel=alternate][type=application/atom+xml]").attr("href");
        assertThat(feed).startsWith("/zoeken.atom?").contains("thema=");
        HttpResponse<String> r = service.get(feed);
        assertThat(r.statusCode()).isEqualTo(200);
        Document atom = Jsoup.parse(r.body(), "", Parser.xmlParser());
        assertThat(atom.select("entry > link[rel=alternate]").eachAttr("href")).isNotEmpty()
                .allMatch(link -> URI.create(link).getPath().startsWith("/dataset/"));
        HttpResponse<String> docs = service.get("/zoeken.atom?soort=document&van=2999-01-01");
        assertThat(Jsoup.parse(docs.body(), "", Parser.xmlParser()).select("entry")).isEmpty();
    }

    private static Document page(String path, int status) {
        HttpResponse<String> r = service.get(path);
        assertThat(r.statusCode()).as(path + "\n" + r.body()).isEqualTo(status);
        return Jsoup.parse(r.body(), service.url(path));
    }

    private static long count(Document page) {
        return Long.parseLong(page.select(".result-count").text().split(" ")[0].replace(".", ""));
    }

    /** The count a facet option shows, "(12)". */
    private static long count(Element option) {
        return Long.parseLong(option.selectFirst(".count").text().replaceAll("[^0-9]", ""));
    }

    private static long kindCount(Document page, String kind) {
        return page.select("ul.facet a").stream().filter(a -> a.ownText().strip().equals(kind)).findFirst()
                .map(PortalSearchFacetsTest::count).orElseThrow();
    }

    private static String parameter(String url, String name) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query.get(name);
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
