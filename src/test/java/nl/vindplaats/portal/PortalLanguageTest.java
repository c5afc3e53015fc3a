package nl.vindplaats.portal;

import nl.vindplaats.testing.TestService;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Dutch by default, English when asked for: Accept-Language, the switch and the cookie it sets. */
class PortalLanguageTest {
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
    void dutchWithoutAnyPreference() {
        HttpResponse<String> r = service.get("/");
        Document page = Jsoup.parse(r.body());
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("nl");
        assertThat(page.selectFirst("h1").text()).isEqualTo("Vind API's, datasets en documenten van de overheid");
        assertThat(r.headers().firstValue("Vary").orElse("")).isEqualTo("Accept-Language, Cookie");
    }

    @Test
    void acceptLanguageChoosesTheFirstOfDutchAndEnglish() {
        assertThat(lang(service.get("/", "Accept-Language", "en-GB,en;q=0.9"))).isEqualTo("en");
        assertThat(lang(service.get("/", "Accept-Language", "fr-FR, en;q=0.5, nl;q=0.8"))).isEqualTo("nl");
        assertThat(lang(service.get("/", "Accept-Language", "fr, de"))).isEqualTo("nl");
        assertThat(lang(service.get("/", "Accept-Language", ";;;"))).isEqualTo("nl");
        Document english = Jsoup.parse(service.get("/", "Accept-Language", "en").body());
        assertThat(english.selectFirst("h1").text()).isEqualTo("Find the government's APIs, datasets and documents");
        assertThat(english.select(".kind-counts a").eachText()).anyMatch(t -> t.endsWith(" APIs"));
    }

    @Test
    void theSwitchKeepsTheSearchAndIsRememberedInACookie() {
        Document dutch = Jsoup.parse(service.get("/zoeken?q=bomen&soort=dataset").body());
        String toEnglish = dutch.selectFirst("a.language-switch").attr("href");
        assertThat(toEnglish).isEqualTo("/zoeken?q=bomen&soort=dataset&lang=en");
        assertThat(dutch.selectFirst("a.language-switch").attr("lang")).isEqualTo("en");

        HttpResponse<String> r = service.get(toEnglish, "Accept-Language", "nl");
        assertThat(lang(r)).isEqualTo("en");
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("lang=en").contains("Path=/");
        Document english = Jsoup.parse(r.body());
        assertThat(english.selectFirst("h1").text()).isEqualTo("Search results for ‘bomen’");
        assertThat(english.select("aside h3").eachText()).contains("Kind", "Organisation", "Theme (datasets)",
                "Information category (documents)", "Format (datasets)");
        assertThat(english.selectFirst("a.language-switch").attr("href"))
                .isEqualTo("/zoeken?q=bomen&soort=dataset&lang=nl");

        // the cookie, not the header, decides from then on
        assertThat(lang(service.get("/", "Cookie", "lang=en", "Accept-Language", "nl"))).isEqualTo("en");
        assertThat(lang(service.get("/", "Cookie", "lang=nl", "Accept-Language", "en"))).isEqualTo("nl");
    }

    @Test
    void theDatasetSearchFollowsTheChoiceAsEveryPageDoes() {
        HttpResponse<String> r = service.get("/dataset?lang=en", "Accept-Language", "nl");
        Document page = Jsoup.parse(r.body());
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(page.selectFirst("a.language-switch").attr("href")).isEqualTo("/dataset?lang=nl");
        assertThat(r.headers().firstValue("Vary").orElse("")).isEqualTo("Accept-Language, Cookie");
    }

    @Test
    void bothLanguagesHaveEveryText() throws IOException {
        assertThat(keys("texts_en.properties").stringPropertyNames())
                .isEqualTo(keys("texts_nl.properties").stringPropertyNames());
    }

    private static Properties keys(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = PortalLanguageTest.class.getResourceAsStream("/portal/" + name)) {
            properties.load(in);
        }
        return properties;
    }

    private static String lang(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        return Jsoup.parse(r.body()).selectFirst("html").attr("lang");
    }
}
