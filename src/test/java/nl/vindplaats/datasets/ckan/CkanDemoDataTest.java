package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.datasets.Ckan;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CkanDemoDataTest {
    @Test
    void serveDemoIncludesFindableDonlDatasets() {
        try (TestService service = TestService.start(TestService.Store.SQLITE, c -> c.with(c.instance().withDemo(true)))) {
            Ckan ckan = new Ckan(service);
            assertThat(ckan.read("package_list", "").size()).isEqualTo(3);
            JsonNode found = ckan.read("package_search", "q=bomen&facet.field=" + Ckan.enc("[\"organization\"]"));
            assertThat(found.path("count").asInt()).isEqualTo(1);
            assertThat(found.path("results").get(0).path("theme").get(0).asText()).contains("landschapsbeheer");
        }
    }
}
