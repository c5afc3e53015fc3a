package nl.vindplaats.http;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class HttpConventionsTest {
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.Store.SQLITE, c -> c.with(c.server().withMaxRequestBytes(2048)));
        for (int i = 0; i < 30; i++) {
            service.createOrganisation("proefgemeente-" + i, "Proefgemeente nummer " + i);
        }
    }

    @AfterAll
    static void stop() {
        service.destroy();
    }

    @Test
    void everyResponseCarriesTheApiVersionEvenErrors() {
        for (HttpResponse<String> r : new HttpResponse[] {
                service.get("/platform/v1/organisations"), service.get("/platform/v1/organisations/nope"),
                service.post("/platform/v1/organisations", "{}"), service.get("/health")}) {
            assertThat(r.headers().firstValue("API-Version")).as(r.uri().toString()).contains("1.0.0");
        }
    }

    @Test
    void errorsAreProblemJson() {
        HttpResponse<String> r = service.get("/platform/v1/organisations/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = TestService.json(r);
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("title").asText()).isEqualTo("Not Found");
        assertThat(problem.path("detail").asText()).contains("nope");
    }

    @Test
    void malformedJsonIsBadRequestNotServerError() {
        HttpResponse<String> r = service.post("/platform/v1/organisations", "{\"id\": ", service.asAdmin());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestService.json(r).path("invalidParams").get(0).path("name").asText()).isEqualTo("body");

        HttpResponse<String> array = service.post("/platform/v1/organisations", "[1,2]", service.asAdmin());
        assertThat(array.statusCode()).isEqualTo(400);
    }

    @Test
    void badPagingIsBadRequest() {
        HttpResponse<String> r = service.get("/platform/v1/organisations?page=0&pageSize=abc");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestService.json(r).path("invalidParams").findValuesAsText("name")).contains("page");
    }

    @Test
    void bodiesOverTheLimitAreRefusedWith413() {
        String big = "{\"name\":\"" + "x".repeat(5000) + "\"}";
        HttpResponse<String> r = service.post("/platform/v1/organisations", big, service.asAdmin());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void pagedListsLinkToTheirNeighbours() {
        HttpResponse<String> r = service.get("/platform/v1/organisations?q=proefgemeente&page=2&pageSize=10");
        assertThat(service.get("/platform/v1/organisations?q=proefgemeente&page=1&pageSize=10").headers().firstValue("Link").orElseThrow()).contains("q=proefgemeente");
        assertThat(r.headers().firstValue("Link").orElseThrow())
                .contains("rel=\"next\"").contains("rel=\"prev\"").contains("page=3");
        assertThat(r.headers().firstValue("Total-Count")).contains("30");
        assertThat(TestService.json(r).path("organisations")).hasSize(10);
    }

    @Test
    void responsesAreGzippedWhenAsked() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.url("/platform/v1/organisations?q=proefgemeente&pageSize=100")))
                .header("Accept-Encoding", "gzip").build();
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
        try (InputStream in = new GZIPInputStream(r.body())) {
            assertThat(new String(in.readAllBytes())).contains("Proefgemeente nummer 29");
        }
    }

    @Test
    void corsIsOpenForBrowsers() throws IOException, InterruptedException {
        HttpRequest preflight = HttpRequest.newBuilder(URI.create(service.url("/platform/v1/organisations")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-api-key, content-type").build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(preflight, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isLessThan(300);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isPresent();

        HttpResponse<String> get = service.get("/platform/v1/openapi.json", "Origin", "https://example.org");
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
    }
}
