package nl.vindplaats.portal;

import nl.vindplaats.testing.TestService;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An instance's house style: a tokens file served after the NL Design System base tokens, on every page. */
class HouseStyleTest {

    @Test
    void theHouseStyleIsServedAndLinkedAfterTheBaseStyleSheet() throws IOException {
        Path dir = TestService.newDataDir();
        Path theme = Files.copy(Path.of("docs/examples/huisstijl.css"), dir.resolveSibling(dir.getFileName() + "-huisstijl.css"));
        try (TestService service = TestService.start(TestService.Store.SQLITE,
                c -> c.with(c.instance().withDemo(true)).with(c.portal().withThemeCss(theme)))) {
            for (String path : List.of("/", "/zoeken?q=bomen", "/dataset/demo-bomenkaart", "/dataset/bestaat-niet")) {
                List<String> links = styleSheets(service, path);
                assertThat(links).as(path).hasSize(2);
                assertThat(links.get(0)).startsWith("/assets/portal.css?v=");
                assertThat(links.get(1)).startsWith("/assets/huisstijl.css?v=");
            }
            String link = styleSheets(service, "/").get(1);
            HttpResponse<String> css = service.get(link);
            assertThat(css.statusCode()).isEqualTo(200);
            assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
            assertThat(css.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
            assertThat(css.body()).isEqualTo(Files.readString(theme));
            // the versioned address may be kept long: a changed file gets another version
            assertThat(css.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=31536000");
            assertThat(service.get("/assets/huisstijl.css").headers().firstValue("Cache-Control").orElseThrow())
                    .isEqualTo("public, max-age=3600");
        } finally {
            Files.deleteIfExists(theme);
        }
    }

    @Test
    void withoutAHouseStyleOnlyTheBaseStyleSheetIsLinked() {
        try (TestService service = TestService.start(TestService.Store.SQLITE)) {
            List<String> links = styleSheets(service, "/");
            assertThat(links).hasSize(1);
            HttpResponse<String> base = service.get(links.getFirst());
            // the base tokens, the NL Design System components and our layout, in that order
            assertThat(base.body()).contains("--basis-color-default-bg-document:", ".utrecht-page-header{",
                    ".search-layout {");
            assertThat(base.body().indexOf("--basis-color-default-bg-document:"))
                    .isLessThan(base.body().indexOf(".utrecht-page-header{"));
            assertThat(base.body().indexOf(".utrecht-page-header{")).isLessThan(base.body().indexOf(".search-layout {"));
            assertThat(service.get("/assets/huisstijl.css").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aFileThatCannotBeUsedIsRefusedWithItsReason() throws IOException {
        Path dir = TestService.newDataDir();
        Files.createDirectories(dir);
        assertThat(problem(dir.resolve("bestaat-niet.css"))).isEqualTo("the house style " + dir.resolve("bestaat-niet.css")
                + " does not exist");
        assertThat(problem(dir)).endsWith("is a directory, not a CSS file");
        Path latin1 = Files.write(dir.resolve("latin1.css"), new byte[]{':', 'r', 'o', 'o', 't', '{', (byte) 0xe9, '}'});
        assertThat(problem(latin1)).endsWith("is not UTF-8 text");
        Path big = Files.write(dir.resolve("big.css"), new byte[(int) StyleSheets.MAX_HOUSE_STYLE_BYTES + 1]);
        assertThat(problem(big)).endsWith("is larger than 1024 KiB");
        nl.vindplaats.base.FileTree.delete(dir);
    }

    private static String problem(Path file) {
        try {
            StyleSheets.readHouseStyle(file);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static List<String> styleSheets(TestService service, String path) {
        Document page = Jsoup.parse(service.get(path).body());
        return page.select("head link[rel=stylesheet]").eachAttr("href");
    }
}
