package nl.vindplaats.portal;

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

/** {@code /docs}: every API this instance serves, each in the specification viewer with "Try it out" on. */
class PortalDocsTest {
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.Store.SQLITE);
    }

    @AfterAll
    static void stop() {
        service.destroy();
    }

    @Test
    void listsEveryServedApiWithItsDocumentAndViewer() {
        Document page = page("/docs");
        List<String> documents = page.select(".docs-list a[href$=/openapi.json]").eachAttr("href");
        assertThat(documents).containsExactlyInAnyOrder("/api/3/openapi.json", "/v1/openapi.json",
                "/overheid/openbaarmaken/api/v0/openapi.json", "/api-register/v1/openapi.json",
                "/platform/v1/openapi.json", "/waardelijsten/v1/openapi.json");
        for (Element item : page.select(".docs-list > li")) {
            String document = item.selectFirst("a[href$=/openapi.json]").attr("href");
            HttpResponse<String> served = service.get(document);
            assertThat(served.statusCode()).as(document).isEqualTo(200);
            String title = TestService.json(served).path("info").path("title").asText();
            Element link = item.selectFirst("h2 a");
            assertThat(link.text()).as(document).isEqualTo(title);

            HttpResponse<String> viewer = service.get(link.attr("href"));
            assertThat(viewer.statusCode()).isEqualTo(200);
            assertThat(viewer.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .isEqualTo(Pages.VIEWER_POLICY);
            Element target = Jsoup.parse(viewer.body()).getElementById("specificatie");
            assertThat(target.attr("data-url")).isEqualTo(document);
            assertThat(target.attr("data-try")).isEqualTo("true");
        }
        assertThat(page.select("footer a[href=/docs]")).hasSize(1);
    }

    @Test
    void inEnglishWhenAskedFor() {
        HttpResponse<String> r = service.get("/docs", "Accept-Language", "en");
        Document page = Jsoup.parse(r.body());
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(page.selectFirst("h1").text()).isEqualTo("API documentation");
        assertThat(page.select(".docs-list a[href$=/openapi.json]").eachText()).containsOnly("OpenAPI document (JSON)");
        assertThat(r.headers().firstValue("Vary").orElseThrow()).isEqualTo("Accept-Language, Cookie");
    }

    @Test
    void anUnknownApiIsAnHtml404() {
        HttpResponse<String> r = service.get("/docs/bestaat-niet");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(Jsoup.parse(r.body()).select("main p").first().text()).contains("bestaat-niet");
    }

    private static Document page(String path) {
        HttpResponse<String> r = service.get(path);
        assertThat(r.statusCode()).as(path + "\n" + r.body()).isEqualTo(200);
        return Jsoup.parse(r.body(), service.url(path));
    }
}
