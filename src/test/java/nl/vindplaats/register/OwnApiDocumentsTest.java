package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.http.OpenApiDocument;
import nl.vindplaats.base.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Our own OpenAPI documents follow the NL API Design Rules fully: no error under the official ruleset
 * (so they score 100). `spectral lint -r media/linter.yaml` agrees (README, API Design Rules).
 */
class OwnApiDocumentsTest {

    @ParameterizedTest
    @ValueSource(strings = {"openapi/platform.json", "openapi/waardelijsten.json", "openapi/api-register.json"})
    void ourOwnDocumentScores100(String resource) throws Exception {
        JsonNode doc = Json.MAPPER.readTree(OpenApiDocument.load(resource));
        DesignRules.Result result = DesignRules.lint(doc);
        assertThat(result.findings()).filteredOn(f -> DesignRules.ERROR.equals(f.severity())).as(resource).isEmpty();
        assertEquals(100, result.score(), resource);
    }
}
