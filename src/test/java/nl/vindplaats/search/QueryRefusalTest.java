package nl.vindplaats.search;

import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Searches that would blow up are refused with a 400 in each API's own format, naming the limit. */
class QueryRefusalTest {
    private static final String WORDS = IntStream.range(0, 1100).mapToObj(i -> "w" + i)
            .collect(Collectors.joining(" "));
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.Store.SQLITE);
    }

    @AfterAll
    static void stop() {
        service.destroy();
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void tooManyWordsAreRefusedOnEveryApi() {
        for (String path : new String[] {"/platform/v1/organisations?q=", "/api-register/v1/apis/_search?q=",
                "/api-register/v1/organisations?q=", "/v1/sources/rijksoverheid/documents?output=json&q=",
                "/v1/documents?q=", "/overheid/openbaarmaken/api/v0/_zoek?publisher="
                + enc("https://identifier.overheid.nl/tooi/id/gemeente/gm0518") + "&q="}) {
            HttpResponse<String> r = service.get(path + enc(WORDS));
            assertThat(r.statusCode()).as(path + " " + r.body().substring(0, Math.min(300, r.body().length()))).isEqualTo(400);
            assertThat(r.body()).as(path).contains("1024");
        }
        HttpResponse<String> problem = service.get("/platform/v1/organisations?q=" + enc(WORDS));
        assertThat(problem.headers().firstValue("Content-Type")).contains("application/problem+json");
        HttpResponse<String> xml = service.get("/v1/documents?q=" + enc(WORDS));
        assertThat(xml.body()).startsWith("<?xml").contains("1024");
    }

    @Test
    void ckanAnswersASearchQueryError() {
        for (String call : new String[] {"package_search?q=" + enc(WORDS),
                "package_search?q=" + enc("title:(" + WORDS + ")"),
                "package_search?fq=" + enc("title:(" + WORDS + ")"),
                "package_search?q=" + enc("name:" + "a*".repeat(60)),
                "package_search?fq=" + enc("name:/[ac]*a[ac]{50,200}/"),
                "resource_search?query=" + enc("name:" + WORDS)}) {
            HttpResponse<String> r = service.get("/api/3/action/" + call);
            assertThat(r.statusCode()).as(call.substring(0, 40) + " " + r.body().substring(0, Math.min(300, r.body().length()))).isEqualTo(400);
            assertThat(r.body()).as(call).contains("\"success\":false").contains("Search Query Error");
        }
        // Lucene makes a wildcard's automaton when the query is made: a long pattern is refused before that.
        HttpResponse<String> autocomplete = service.post("/api/3/action/package_autocomplete",
                "{\"q\": \"" + "ab".repeat(5000) + "\"}");
        assertThat(autocomplete.statusCode()).as(autocomplete.body()).isEqualTo(400);
        assertThat(autocomplete.body()).contains("\"success\":false").contains("Search Query Error");
        HttpResponse<String> ok = service.get("/api/3/action/package_search?q=" + enc("name:*a*"));
        assertThat(ok.statusCode()).as("a leading wildcard over a small vocabulary is served").isEqualTo(200);
    }
}
