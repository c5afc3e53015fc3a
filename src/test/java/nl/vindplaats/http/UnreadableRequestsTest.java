package nl.vindplaats.http;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests the fuzz test (ApiFuzzTest) found answered with a 500 or with Jetty's HTML page. */
class UnreadableRequestsTest {
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
    void anUnknownCharsetIsA415InCkansFormat() {
        HttpResponse<String> r = service.post("/api/3/action/tag_delete", "{\"id\":\"x\"}",
                "Content-Type", "application/json; charset=bogus", "X-API-Key", service.adminToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(415);
        JsonNode body = TestService.json(r);
        assertThat(body.path("success").asBoolean(true)).isFalse();
        assertThat(body.path("error").path("message").asText()).contains("charset");
    }

    @Test
    void anUnknownCharsetIsA415ProblemOnThePlatform() {
        HttpResponse<String> r = service.post("/platform/v1/organisations", "{}",
                "Content-Type", "application/json; charset=bogus", "X-API-Key", service.adminToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(415);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(TestService.json(r).path("invalidParams").get(0).path("name").asText()).isEqualTo("Content-Type");
    }

    @Test
    void aMultipartBodyThatIsNotOneIsA400InCkansFormat() {
        HttpResponse<String> r = service.post("/api/3/action/package_search", "{\"q\":\"x\"}",
                "Content-Type", "multipart/form-data");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode body = TestService.json(r);
        assertThat(body.path("success").asBoolean(true)).isFalse();
        assertThat(body.path("error").path("message").asText()).contains("cannot be read");
    }

    @Test
    void aUriTooLongForJettyIsAProblemNotAnHtmlPage() {
        HttpResponse<String> r = service.getOnItsOwnConnection("/api-register/v1/apis?q=" + "a".repeat(20_000));
        assertThat(r.statusCode()).isEqualTo(414);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(TestService.json(r).path("status").asInt()).isEqualTo(414);
    }

    @Test
    void aNulInThePathIsAProblemNotAnHtmlPage() {
        HttpResponse<String> r = service.getOnItsOwnConnection("/overheid/openbaarmaken/api/v0/metadata/%00/versies");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(TestService.json(r).path("title").asText()).isEqualTo("Bad Request");
    }
}
