package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.datasets.Ckan;
import nl.vindplaats.datasets.DatasetCorpus;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * package_search's rows limit (behaviour 14 of ckan-behaviours.md), apart from {@link PackageSearchTest}: it needs
 * more than a thousand datasets. They are validated and written in bulk, as the demo corpus is ({@link DatasetCorpus}),
 * not one package_create each: what is tested is the search over HTTP, and a thousand writes took most of a minute.
 * It starts before the other classes (the pom orders classes by {@code @Order}).
 */
@Order(1)
class PackageSearchRowsTest {

    @Test
    void b14_rowsDefaultsToTenAndIsSilentlyCappedAtRowsMax() {
        try (TestService service = TestService.start(TestService.Store.SQLITE)) {
            Ckan ckan = new Ckan(service);
            new DatasetCorpus(1003, service.app().valueLists(), DatasetCorpus.vocabulary()).load(
                    service.app().store(), at -> { }, new Organisations(service.app().store(), service.app().index()),
                    500, written -> { });
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
