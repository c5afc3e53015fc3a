package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented limits per dataset (docs/limits.md): at the limit accepted, one more refused. */
class DatasetLimitsTest {
    private static TestService service;
    private static Ckan ckan;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.Store.SQLITE);
        ckan = new Ckan(service);
        ckan.organization("org-a", "Organisatie A");
    }

    @AfterAll
    static void stop() {
        service.destroy();
    }

    private static ObjectNode dataset(String name, String field, int count, IntFunction<JsonNode> item) {
        ObjectNode data = Json.object().put("name", name).put("owner_org", "org-a");
        ArrayNode list = data.putArray(field);
        for (int i = 0; i < count; i++) {
            list.add(item.apply(i));
        }
        return data;
    }

    private static JsonNode item(String field, int i) {
        return switch (field) {
            case "tags" -> Json.object().put("name", "tag-" + i);
            case "resources" -> Json.object().put("url", "https://example.org/" + i + ".csv").put("format", "CSV");
            case "extras" -> Json.object().put("key", "sleutel-" + i).put("value", "waarde");
            default -> Json.MAPPER.getNodeFactory().textNode("https://example.org/id/" + i);
        };
    }

    @ParameterizedTest
    @CsvSource({"tags, 1000", "resources, 1000", "extras, 1000", "alternate_identifier, 1000"})
    void atTheLimitIsAcceptedOneMoreIsRefusedNamingTheField(String field, int limit) {
        String name = field.replace('_', '-');
        JsonNode created = ckan.call("package_create",
                dataset(name + "-max", field, limit, i -> item(field, i)).toString(), ckan.sysadmin());
        assertThat(created.path(field).size()).isEqualTo(limit);

        HttpResponse<String> refused = ckan.post("package_create",
                dataset(name + "-over", field, limit + 1, i -> item(field, i)).toString(), ckan.sysadmin());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        JsonNode body = TestService.json(refused);
        assertThat(body.path("success").asBoolean(true)).isFalse();
        assertThat(body.path("error").path("__type").asText()).isEqualTo("Validation Error");
        assertThat(body.path("error").path(field).get(0).asText())
                .isEqualTo("Must hold at most " + limit + " values, not " + (limit + 1));
        assertThat(ckan.get("package_show", "id=" + name + "-over").statusCode()).isEqualTo(404);
    }

    @Test
    void aHundredThousandTagsAreRefusedNamingTags() {
        HttpResponse<String> refused = ckan.post("package_create",
                dataset("te-veel-labels", "tags", 100_000, i -> item("tags", i)).toString(), ckan.sysadmin());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(TestService.json(refused).path("error").has("tags")).isTrue();
    }

    @Test
    void resourceCreateBeyondTheLimitIsRefused() {
        ckan.call("package_create", dataset("vol", "resources", 1000, i -> item("resources", i)).toString(),
                ckan.sysadmin());
        HttpResponse<String> refused = ckan.post("resource_create",
                "{\"package_id\":\"vol\",\"url\":\"https://example.org/een-te-veel.csv\"}", ckan.sysadmin());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(TestService.json(refused).path("error").path("resources").get(0).asText())
                .isEqualTo("Must hold at most 1000 values, not 1001");
    }
}
