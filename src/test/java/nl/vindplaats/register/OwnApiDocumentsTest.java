package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.http.OpenApiDocument;
import nl.vindplaats.base.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Our own OpenAPI documents follow the NL API Design Rules fully: each scores 100 on our linter. */
class OwnApiDocumentsTest {

    @ParameterizedTest
    @ValueSource(strings = {"openapi/platform.json", "openapi/waardelijsten.json", "openapi/api-register.json"})
    void ourOwnDocumentScores100(String resource) throws Exception {
        JsonNode doc = Json.MAPPER.readTree(OpenApiDocument.load(resource));
        DesignRules.Result result = DesignRules.lint(doc);
        assertEquals(100, result.score(), resource + " fails: " + result.findings().stream()
                .filter(f -> DesignRules.ERROR.equals(f.severity())).limit(20).toList());
    }
}
