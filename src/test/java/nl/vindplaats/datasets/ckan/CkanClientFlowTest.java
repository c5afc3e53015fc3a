package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a CKAN client script does, call for call as ckanapi makes them (POST JSON to the unversioned
 * {@code /api/action/{name}}, raw token in Authorization): create an organisation, load datasets
 * (show, then create or update), search with facets paging by 1000, and dump everything back.
 */
class CkanClientFlowTest {

    private static JsonNode action(TestService service, String name, Object data, String token) {
        HttpResponse<String> r = service.post("/api/action/" + name, Json.write(data), "Authorization", token);
        JsonNode body = TestService.json(r);
        if (r.statusCode() != 200) {
            return body;
        }
        assertThat(body.path("success").asBoolean()).isTrue();
        return body.path("result");
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void createLoadSearchAndDumpLikeCkanapi(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            String admin = service.adminToken();
            action(service, "organization_create", Map.of("name", "gemeente-zwolle", "title", "Gemeente Zwolle"), admin);
            String editor = service.createToken("organisation", "gemeente-zwolle", "write", null);

            List<Map<String, Object>> lines = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                lines.add(Map.of("name", "zwolle-" + i, "title", "Zwolle dataset " + i, "owner_org", "gemeente-zwolle",
                        "tags", List.of(Map.of("name", i % 2 == 0 ? "even" : "oneven")),
                        "resources", List.of(Map.of("url", "https://zwolle.example/" + i + ".csv", "format", "CSV"))));
            }
            // ckanapi load: package_show, then package_create when it is not found, else package_update.
            for (int round = 0; round < 2; round++) {
                for (Map<String, Object> line : lines) {
                    JsonNode existing = action(service, "package_show", Map.of("id", line.get("name")), editor);
                    if (existing.path("error").path("__type").asText().equals("Not Found Error")) {
                        action(service, "package_create", line, editor);
                    } else {
                        ObjectNode update = Json.MAPPER.valueToTree(line);
                        update.put("id", existing.path("id").asText());
                        action(service, "package_update", update, editor);
                    }
                }
            }

            // ckanapi search: rows=1000 pages until a page comes back empty.
            List<String> found = new ArrayList<>();
            for (int start = 0; ; start += 1000) {
                JsonNode page = action(service, "package_search", Map.of("q", "zwolle", "rows", 1000, "start", start,
                        "facet.field", "[\"tags\",\"res_format\",\"organization\"]"), editor);
                if (page.path("results").isEmpty()) {
                    break;
                }
                page.path("results").forEach(r -> found.add(r.path("name").asText()));
                assertThat(page.path("search_facets").path("tags").path("items").size()).isEqualTo(2);
                assertThat(page.path("facets").path("res_format").path("CSV").asInt()).isEqualTo(5);
            }
            assertThat(found).hasSize(5);

            // ckanapi dump: package_list, then package_show of each with the extra flags it always sends.
            JsonNode names = action(service, "package_list", Map.of(), admin);
            assertThat(names.size()).isEqualTo(5);
            for (JsonNode name : names) {
                JsonNode dataset = action(service, "package_show", Map.of("id", name.asText(),
                        "include_datasets", false, "include_password_hash", false, "include_users", false), admin);
                assertThat(dataset.path("organization").path("name").asText()).isEqualTo("gemeente-zwolle");
                assertThat(dataset.path("resources").size()).isEqualTo(1);
                assertThat(dataset.path("num_tags").asInt()).isEqualTo(1);
            }
            // organization_list pages its all_fields form (the TOOI organisations are there too), so ask for the one.
            JsonNode zwolle = action(service, "organization_show", Map.of("id", "gemeente-zwolle"), admin);
            assertThat(zwolle.path("package_count").asInt()).isEqualTo(5);
        }
    }
}
