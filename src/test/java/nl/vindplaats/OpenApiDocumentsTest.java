package nl.vindplaats;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every served OpenAPI document is one client generators read: it parses without messages, and no schema is
 * typed {@code "null"} (openapi-generator 7 stops on one). The build profile client-check goes further and
 * compiles a generated Java client of each.
 */
class OpenApiDocumentsTest {

    @Test
    void everyServedDocumentParsesAndHasNoNullTypedSchema() {
        try (TestService service = TestService.start(TestService.Store.SQLITE)) {
            for (Map.Entry<String, String> document : Main.Check.OPENAPI_DOCUMENTS.entrySet()) {
                HttpResponse<String> r = service.get(document.getValue());
                assertThat(r.statusCode()).as(document.getKey()).isEqualTo(200);
                SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.body());
                assertThat(parsed.getOpenAPI()).as(document.getKey()).isNotNull();
                assertThat(parsed.getMessages()).as(document.getKey()).isEmpty();
                assertThat(nullTyped(TestService.json(r), "#")).as(document.getKey()).isEmpty();
            }
        }
    }

    /** JSON pointers of every {"type": "null"} or {"type": [..., "null", ...]} with nothing else to type it. */
    private static List<String> nullTyped(JsonNode node, String at) {
        List<String> found = new ArrayList<>();
        if (node.isObject()) {
            JsonNode type = node.get("type");
            if (type != null && type.isTextual() && type.asText().equals("null")) {
                found.add(at);
            }
            node.properties().forEach(e -> found.addAll(nullTyped(e.getValue(), at + "/" + e.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found.addAll(nullTyped(node.get(i), at + "/" + i));
            }
        }
        return found;
    }
}
