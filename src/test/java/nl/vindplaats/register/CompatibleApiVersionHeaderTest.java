package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The compatible APIs (CKAN, open data, PLOOI) keep their bodies, and their documents tell the truth
 * about the API-Version header: each answer, success or error, carries the version its document
 * declares, and every response in the document declares it (so the official ADR linter finds no
 * missing version header).
 */
class CompatibleApiVersionHeaderTest {
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.Store.SQLITE);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static Stream<Arguments> apis() {
        return Stream.of(
                arguments("/api/3/openapi.json", List.of("/api/3/action/status_show",
                        "/api/3/action/package_show?id=bestaat-niet", "/data/api/3/action/package_list",
                        "/api/action/package_search?rows=bad")),
                arguments("/v1/openapi.json", List.of("/v1/infotypes/subject", "/v1/documents/bestaat-niet",
                        "/v1/documents?rows=bad", "/binaries/bestaat/documenten/x/2024/01/01/niet/a.pdf")),
                arguments("/overheid/openbaarmaken/api/v0/openapi.json", List.of(
                        "/overheid/openbaarmaken/api/v0/_zoek", "/overheid/openbaarmaken/api/v0/metadata/bestaat-niet",
                        "/overheid/openbaarmaken/api/v0/documenten/bestaat-niet")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void everyAnswerCarriesTheVersionTheDocumentDeclaresOnEveryResponse(String document, List<String> requests) {
        HttpResponse<String> served = service.get(document);
        JsonNode doc = Json.read(served.body());
        String version = doc.path("info").path("version").asText();
        assertThat(doc.at("/components/headers/API-Version/schema/enum/0").asText()).isEqualTo(version);

        assertThat(served.headers().firstValue("API-Version")).contains(version);
        for (String request : requests) {
            HttpResponse<String> r = service.get(request);
            assertThat(r.headers().firstValue("API-Version")).as(request + " → " + r.statusCode()).contains(version);
        }

        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op ->
                op.getValue().path("responses").properties().forEach(response -> {
                    JsonNode declared = DesignRules.resolved(doc, response.getValue());
                    assertThat(declared.path("headers").has("API-Version"))
                            .as(path.getKey() + " " + op.getKey() + " " + response.getKey()).isTrue();
                })));
        assertThat(DesignRules.lint(doc).findings()).extracting(DesignRules.Finding::rule)
                .doesNotContain("nlgov:missing-version-header", "nlgov:missing-header");
    }
}
