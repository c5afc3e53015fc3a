package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CkanSmokeTest {
    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void createShowSearch(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("gemeente-utrecht", "Gemeente Utrecht");
            JsonNode created = ckan.call("package_create", Map.of("name", "bomen", "title", "Bomen in Utrecht",
                    "owner_org", "gemeente-utrecht", "tags", List.of(Map.of("name", "groen")),
                    "resources", List.of(Map.of("url", "https://example.org/bomen.csv", "format", "CSV",
                            "name", "Bomenbestand"))), ckan.sysadmin());
            assertThat(created.path("organization").path("name").asText()).isEqualTo("gemeente-utrecht");
            JsonNode shown = ckan.read("package_show", "id=bomen");
            assertThat(shown.path("title").asText()).isEqualTo("Bomen in Utrecht");
            JsonNode found = ckan.read("package_search", "q=bomen&facet.field=" + Ckan.enc("[\"tags\",\"organization\"]"));
            System.out.println(found.toPrettyString());
            assertThat(found.path("count").asInt()).isEqualTo(1);
        }
    }
}
