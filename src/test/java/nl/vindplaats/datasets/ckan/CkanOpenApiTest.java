package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import nl.vindplaats.datasets.Ckan;
import nl.vindplaats.http.Operation;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document lists every action, and real responses match the schemas it gives. */
class CkanOpenApiTest {

    private static Set<String> violations(JsonNode document, String schemaName, JsonNode value) {
        ObjectNode root = document.deepCopy();
        root.put("$ref", "#/components/schemas/" + schemaName);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root).validate(value).stream()
                .map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    @Test
    void everyActionIsDocumentedAndResponsesMatchTheirSchemas() {
        try (TestService service = TestService.start(TestService.Store.SQLITE)) {
            Ckan ckan = new Ckan(service);
            HttpResponse<String> served = service.get("/api/3/openapi.json");
            assertThat(served.statusCode()).isEqualTo(200);
            JsonNode doc = TestService.json(served);
            assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
            List<String> actions = service.app().routes().operations().stream()
                    .filter(o -> o.path().startsWith("/api/3/action/") && !o.path().endsWith("{name}"))
                    .map(Operation::path).map(p -> p.substring("/api/3/action".length())).distinct().toList();
            assertThat(actions).hasSizeGreaterThan(40);
            for (String action : actions) {
                assertThat(doc.path("paths").has(action)).as(action).isTrue();
                assertThat(doc.path("paths").path(action).path("post").path("description").asText()).isNotBlank();
            }

            ckan.organization("org-a", "Organisatie A");
            ckan.call("group_create", Map.of("name", "groep", "title", "Groep"), ckan.sysadmin());
            JsonNode created = ckan.dataset("ds-1", "org-a", Map.of("tags", List.of("water"), "groups",
                    List.of(Map.of("name", "groep")), "extras", List.of(Map.of("key", "k", "value", 1)),
                    "resources", List.of(Map.of("url", "https://x.nl/a.csv", "format", "CSV", "name", "A"))));
            Map<String, String> reads = Map.ofEntries(
                    Map.entry("package_show", "id=ds-1"),
                    Map.entry("package_search", "q=ds&facet.field=" + Ckan.enc("[\"tags\",\"organization\"]")),
                    Map.entry("package_list", ""),
                    Map.entry("current_package_list_with_resources", ""),
                    Map.entry("package_autocomplete", "q=ds"),
                    Map.entry("organization_show", "id=org-a"),
                    Map.entry("organization_list", "all_fields=true"),
                    Map.entry("group_show", "id=groep"),
                    Map.entry("group_list", ""),
                    Map.entry("tag_list", "all_fields=true"),
                    Map.entry("tag_show", "id=water"),
                    Map.entry("resource_show", "id=" + created.path("resources").get(0).path("id").asText()),
                    Map.entry("resource_search", "query=" + Ckan.enc("format:csv")),
                    Map.entry("license_list", ""),
                    Map.entry("status_show", ""),
                    Map.entry("help_show", "name=package_show"),
                    Map.entry("format_autocomplete", "q=cs"));
            for (var read : reads.entrySet()) {
                HttpResponse<String> r = ckan.get(read.getKey(), read.getValue());
                assertThat(r.statusCode()).as(read.getKey()).isEqualTo(200);
                assertThat(violations(doc, CkanOpenApi.responseName(read.getKey()), TestService.json(r)))
                        .as(read.getKey()).isEmpty();
            }
            HttpResponse<String> invalid = ckan.post("package_create", "{}", ckan.sysadmin());
            assertThat(violations(doc, "ErrorResponse", TestService.json(invalid))).isEmpty();
            HttpResponse<String> missing = ckan.get("package_show", "id=nope");
            assertThat(violations(doc, "ErrorResponse", TestService.json(missing))).isEmpty();
            assertThat(violations(doc, "PackageShowResponse".replace("PackageShow", "Package"),
                    TestService.json(missing))).isNotEmpty();
        }
    }

    @Test
    void everyActionHasTypedParametersAndATypedResult() {
        JsonNode doc;
        try (TestService service = TestService.start(TestService.Store.SQLITE)) {
            doc = TestService.json(service.get("/api/3/openapi.json"));
        }
        doc.path("paths").properties().forEach(path -> {
            JsonNode post = path.getValue().path("post");
            String result = post.path("responses").path("200").path("content").path("application/json")
                    .path("schema").path("$ref").asText();
            assertThat(result).as(path.getKey()).isNotEmpty().doesNotEndWith("/AnyResponse");
            JsonNode body = post.path("requestBody").path("content").path("application/json").path("schema");
            assertThat(body.has("$ref") || body.has("properties")).as(path.getKey()).isTrue();
        });
        JsonNode show = doc.path("paths").path("/package_show").path("get").path("parameters");
        assertThat(show.get(0).path("name").asText()).isEqualTo("id");
        assertThat(show.get(0).path("required").asBoolean()).isTrue();
        assertThat(doc.path("paths").path("/resource_create").path("post").path("requestBody").path("content")
                .path("multipart/form-data").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/ResourceUploadForm");
        assertThat(doc.path("components").path("schemas").path("ResourceUploadForm").path("properties")
                .path("upload").path("format").asText()).isEqualTo("binary");
        assertThat(doc.path("paths").path("/package_create").path("post").path("requestBody").path("content")
                .path("application/json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/PackageInput");
    }
}
