package nl.vindplaats.portal;

import nl.vindplaats.testing.TestService;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Page weight (issue 18: at most 100 kB of HTML, CSS and JavaScript a page, the specification viewer aside): the
 * bytes a browser that accepts gzip receives for a page and every style sheet and script it links. A size, not a time.
 */
class PageWeightTest {
    private static final int LIMIT = 100 * 1000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.Store.SQLITE, c -> c.with(c.instance().withDemo(true)));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void everyPageTypeWithItsStyleSheetsAndScriptsWeighsAtMost100kB() throws Exception {
        String document = firstResult("/zoeken?soort=document");
        String api = firstResult("/zoeken?soort=api");
        for (String path : List.of("/", "/zoeken?q=bomen", "/dataset/demo-bomenkaart", document, api)) {
            Transfer page = fetch(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.encoding()).as(path).isEqualTo("gzip");
            Document html = Jsoup.parse(page.text());
            List<String> linked = new ArrayList<>(html.select("link[rel=stylesheet]").eachAttr("href"));
            linked.addAll(html.select("script[src]").eachAttr("src"));
            assertThat(linked).as(path).isNotEmpty();
            long total = page.bytesOnWire();
            for (String href : linked) {
                Transfer asset = fetch(href);
                assertThat(asset.status()).as(href).isEqualTo(200);
                total += asset.bytesOnWire();
            }
            assertThat(total).as(path + " with " + linked).isLessThanOrEqualTo(LIMIT);
        }
    }

    /**
     * What Lighthouse found missing: a description for search engines, and an icon (without a linked one the browser
     * asks for /favicon.ico, a 404 in the console).
     */
    @Test
    void everyPageHasADescriptionAndALinkedIconThatIsServed() {
        for (String path : List.of("/", "/zoeken?q=bomen", "/dataset/demo-bomenkaart", "/dataset/bestaat-niet")) {
            Document page = Jsoup.parse(service.get(path).body());
            assertThat(page.select("head meta[name=description]").attr("content")).as(path).isNotBlank();
            assertThat(page.select("head link[rel=icon]").attr("href")).as(path).isEqualTo(Portal.ICON);
        }
        HttpResponse<String> icon = service.get(Portal.ICON);
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
        assertThat(icon.body()).startsWith("<svg");
    }

    private static String firstResult(String search) {
        Document page = Jsoup.parse(service.get(search).body());
        return page.selectFirst(".result__title a").attr("href");
    }

    record Transfer(int status, String encoding, long bytesOnWire, String text) {
    }

    private static Transfer fetch(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(service.url(path)))
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        String encoding = r.headers().firstValue("Content-Encoding").orElse("identity");
        byte[] body = r.body();
        byte[] plain = encoding.equals("gzip")
                ? new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes() : body;
        return new Transfer(r.statusCode(), encoding, body.length, new String(plain, java.nio.charset.StandardCharsets.UTF_8));
    }
}
