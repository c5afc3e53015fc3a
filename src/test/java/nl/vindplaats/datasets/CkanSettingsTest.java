package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CKAN site settings (read from the environment, or from system properties in tests). These
 * tests set a system property while their service starts, so they hold {@link #LOCK} exclusively;
 * every other CKAN test class holds it for reading.
 */
@ResourceLock(value = CkanSettingsTest.LOCK, mode = ResourceAccessMode.READ_WRITE)
class CkanSettingsTest {
    static final String LOCK = "vindplaats.ckan.settings";

    private static List<String> names(JsonNode result) {
        List<String> names = new ArrayList<>();
        result.path("results").forEach(r -> names.add(r.path("name").asText()));
        return names;
    }

    @Test
    void b17_defaultSortIsConfigurable() {
        System.setProperty("vindplaats.ckan.default.sort", "name desc");
        TestService service;
        try {
            service = TestService.start(TestService.Store.SQLITE);
        } finally {
            System.clearProperty("vindplaats.ckan.default.sort");
        }
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
        System.setProperty("vindplaats.ckan.hide.version", "true");
        TestService hidden;
        try {
            hidden = TestService.start(TestService.Store.SQLITE);
        } finally {
            System.clearProperty("vindplaats.ckan.hide.version");
        }
        try (hidden) {
            Ckan ckan = new Ckan(hidden);
            assertThat(ckan.read("status_show", "").has("ckan_version")).isFalse();
            assertThat(ckan.read("status_show", "", ckan.sysadmin()).has("ckan_version")).isTrue();
        }
    }

    @Test
    void strictModeRequiresTheMandatoryFields() {
        System.setProperty("vindplaats.ckan.donl.strict", "true");
        TestService service;
        try {
            service = TestService.start(TestService.Store.SQLITE);
        } finally {
            System.clearProperty("vindplaats.ckan.donl.strict");
        }
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
