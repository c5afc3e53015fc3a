package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.datasets.Ckan;
import nl.vindplaats.testing.Concurrently;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * package_search's rows limit (behaviour 14 of ckan-behaviours.md), apart from {@link PackageSearchTest}: its
 * thousand datasets take longer to write than all of that class's other tests take, which run meanwhile.
 * It starts before the other classes (the pom orders classes by {@code @Order}), so the run does not end
 * waiting on it alone.
 */
@Order(1)
class PackageSearchRowsTest {

    @Test
    void b14_rowsDefaultsToTenAndIsSilentlyCappedAtRowsMax() {
        try (TestService service = TestService.start(TestService.Store.SQLITE)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            Concurrently.map(1003, i -> ckan.dataset(String.format("ds-%04d", i), "org-a", Map.of()));
            JsonNode standard = ckan.read("package_search", "");
            assertThat(standard.path("count").asInt()).isEqualTo(1003);
            assertThat(standard.path("results").size()).isEqualTo(10);
            JsonNode capped = ckan.read("package_search", "rows=5000&fl=name");
            assertThat(capped.path("results").size()).isEqualTo(1000);
            HttpResponse<String> negative = ckan.get("package_search", "rows=-1");
            assertThat(negative.statusCode()).isEqualTo(409);
            assertThat(TestService.json(negative).path("error").path("__type").asText()).isEqualTo("Validation Error");
        }
    }
}
