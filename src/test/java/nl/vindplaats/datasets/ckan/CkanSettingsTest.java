package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.datasets.Ckan;
import nl.vindplaats.datasets.DonlValidationTest;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CKAN site settings, given to the service through its configuration. */
class CkanSettingsTest {

    private static List<String> names(JsonNode result) {
        List<String> names = new ArrayList<>();
        result.path("results").forEach(r -> names.add(r.path("name").asText()));
        return names;
    }

    @Test
    void b17_defaultSortIsConfigurable() {
        TestService service = TestService.start(TestService.Store.SQLITE,
                c -> c.with(c.ckan().withDefaultSort("name desc")));
        try (service) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.dataset("bbb", "org-a", Map.of());
            ckan.dataset("ccc", "org-a", Map.of());
            ckan.dataset("aaa", "org-a", Map.of());
            JsonNode r = ckan.read("package_search", "");
            assertThat(r.path("sort").asText()).isEqualTo("name desc");
            assertThat(names(r)).containsExactly("ccc", "bbb", "aaa");
        }
    }

    @Test
    void b27_ckanVersionIsHiddenExceptForSysadminWhenConfigured() {
        TestService hidden = TestService.start(TestService.Store.SQLITE,
                c -> c.with(c.ckan().withHiddenVersion(true)));
        try (hidden) {
            Ckan ckan = new Ckan(hidden);
            assertThat(ckan.read("status_show", "").has("ckan_version")).isFalse();
            assertThat(ckan.read("status_show", "", ckan.sysadmin()).has("ckan_version")).isTrue();
        }
    }

    @Test
    void strictModeRequiresTheMandatoryFields() {
        TestService service = TestService.start(TestService.Store.SQLITE,
                c -> c.with(c.ckan().withStrictDonl(true)));
        try (service) {
            Ckan ckan = new Ckan(service);
            String org = ckan.organization("org-a", "Organisatie A");
            HttpResponse<String> r = ckan.post("package_create", "{\"name\":\"kaal\",\"owner_org\":\"org-a\"}",
                    ckan.sysadmin());
            assertThat(r.statusCode()).isEqualTo(409);
            JsonNode error = TestService.json(r).path("error");
            for (String field : List.of("identifier", "notes", "metadata_language", "language", "theme", "modified",
                    "authority", "publisher", "contact_point_name", "license_id", "contact_point_email")) {
                assertThat(error.has(field)).as(field).isTrue();
            }
            assertThat(ckan.call("package_create", DonlValidationTest.complete("compleet", org), ckan.sysadmin()).path("name").asText())
                    .isEqualTo("compleet");
        }
    }
}
