package nl.vindplaats.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Declares in an OpenAPI document what {@link HttpServer} sends: the {@code API-Version} header of the
 * API's {@link ApiSurface} on every response. For documents built in code; the hand-written ones
 * declare it themselves.
 */
public final class ApiVersionHeader {
    private ApiVersionHeader() {
    }

    /** Adds {@code components.headers.API-Version} and a reference to it to every response of every operation. */
    public static void declareOnEveryResponse(ObjectNode doc, String version) {
        ObjectNode header = doc.withObjectProperty("components").withObjectProperty("headers")
                .putObject("API-Version");
        header.put("description", "The version of this API (info.version), on every response.");
        header.put("required", true);
        header.putObject("schema").put("type", "string").putArray("enum").add(version);
        for (JsonNode pathItem : doc.path("paths")) {
            for (JsonNode operation : pathItem) {
                for (JsonNode response : operation.path("responses")) {
                    if (response instanceof ObjectNode r && !r.has("$ref")) {
                        r.withObjectProperty("headers").putObject("API-Version")
                                .put("$ref", "#/components/headers/API-Version");
                    }
                }
            }
        }
        for (JsonNode response : doc.path("components").path("responses")) {
            if (response instanceof ObjectNode r && !r.has("$ref")) {
                r.withObjectProperty("headers").putObject("API-Version").put("$ref", "#/components/headers/API-Version");
            }
        }
    }
}
