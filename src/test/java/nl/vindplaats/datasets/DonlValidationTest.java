package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DCAT-AP-DONL 1.1 fields: value lists, the open-licence rule, mandatory fields in strict mode, theme facets. */
public class DonlValidationTest {
    static final String NLD = "http://publications.europa.eu/resource/authority/language/NLD";
    static final String CC_BY = "http://creativecommons.org/licenses/by/4.0/deed.nl";
    static final String THEME = "http://standaarden.overheid.nl/owms/terms/Gemeenten";
    static final String TOP_THEME = "http://standaarden.overheid.nl/owms/terms/Bestuur";

    /** A dataset with every mandatory DCAT-AP-DONL field, published by the organisation {@code orgId}. */
    public static Map<String, Object> complete(String name, String orgId) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("owner_org", orgId);
        d.put("title", "Gemeentelijke indeling " + name);
        d.put("identifier", "https://data.example.nl/id/dataset/" + name);
        d.put("notes", "Indeling van Nederland in gemeenten.");
        d.put("metadata_language", NLD);
        d.put("language", NLD);
        d.put("theme", THEME);
        d.put("modified", "2024-03-01T12:00:00");
        d.put("authority", orgId);
        d.put("publisher", orgId);
        d.put("contact_point_name", "Servicedesk");
        d.put("contact_point_email", "servicedesk@example.nl");
        d.put("license_id", CC_BY);
        d.put("access_rights", "http://publications.europa.eu/resource/authority/access-right/PUBLIC");
        d.put("dataset_status", "http://data.overheid.nl/status/beschikbaar");
        d.put("resources", List.of(Map.of("url", "https://data.example.nl/gemeenten.csv", "name", "Gemeenten",
                "description", "CSV", "language", NLD, "metadata_language", NLD, "license_id", CC_BY,
                "format", "http://publications.europa.eu/resource/authority/file-type/CSV",
                "media_type", "https://www.iana.org/assignments/media-types/text/csv", "size", "1024")));
        return d;
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void completeDatasetIsAcceptedWithSingleValuesAsListsAndTopThemeFacet(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            String org = ckan.organization("org-a", "Organisatie A");
            JsonNode created = ckan.call("package_create", complete("gemeenten", org), ckan.sysadmin());
            assertThat(created.path("language").isArray()).isTrue();
            assertThat(created.path("language").get(0).asText()).isEqualTo(NLD);
            assertThat(created.path("theme").get(0).asText()).isEqualTo(THEME);
            assertThat(created.path("isopen").asBoolean()).isTrue();
            assertThat(created.path("license_title").asText()).isEqualTo("Naamsvermelding 4.0 Internationaal");
            JsonNode found = ckan.read("package_search", "facet.field=" + Ckan.enc("[\"theme\"]"));
            assertThat(found.path("facets").path("theme").path(TOP_THEME).asInt()).isEqualTo(1);
            assertThat(found.path("facets").path("theme").path(THEME).asInt()).isEqualTo(1);
            assertThat(found.path("search_facets").path("theme").path("items").findValuesAsText("display_name"))
                    .containsExactly("Gemeenten", "Bestuur");
            assertThat(ckan.read("package_search", "fq=" + Ckan.enc("theme:\"" + TOP_THEME + "\"")).path("count").asInt())
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void valuesOutsideTheirListsAreRefusedFieldByField(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            String org = ckan.organization("org-a", "Organisatie A");
            Map<String, Object> bad = complete("fout", org);
            bad.put("language", List.of("dutch"));
            bad.put("theme", List.of("http://standaarden.overheid.nl/owms/terms/Geen_thema"));
            bad.put("dataset_status", "klaar");
            bad.put("authority", "http://example.org/onbekende-organisatie");
            bad.put("high_value", "misschien");
            bad.put("spatial_scheme", List.of("http://standaarden.overheid.nl/owms/4.0/doc/syntax-codeerschemas/overheid.epsg28992"));
            bad.put("spatial_value", List.of("12 34"));
            bad.put("resources", List.of(Map.of("url", "https://x.nl/a", "format",
                    "http://publications.europa.eu/resource/authority/file-type/", "size", "groot")));
            HttpResponse<String> r = ckan.post("package_create", nl.vindplaats.base.Json.write(bad), ckan.sysadmin());
            assertThat(r.statusCode()).isEqualTo(409);
            JsonNode error = TestService.json(r).path("error");
            assertThat(error.path("__type").asText()).isEqualTo("Validation Error");
            assertThat(error.path("language").get(0).asText()).contains("dutch").contains("donl:language");
            assertThat(error.has("theme")).isTrue();
            assertThat(error.has("dataset_status")).isTrue();
            assertThat(error.has("authority")).isTrue();
            assertThat(error.has("high_value")).isTrue();
            assertThat(error.path("spatial_value").get(0).asText()).contains("12 34");
            assertThat(error.path("resources").get(0).has("format")).isTrue();
            assertThat(error.path("resources").get(0).has("size")).isTrue();
            assertThat(ckan.read("package_list", "").size()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void availablePublicDatasetNeedsAnOpenLicence(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            String org = ckan.organization("org-a", "Organisatie A");
            Map<String, Object> closed = complete("gesloten", org);
            closed.put("license_id", "http://standaarden.overheid.nl/owms/terms/geslotenlicentie");
            HttpResponse<String> r = ckan.post("package_create", nl.vindplaats.base.Json.write(closed), ckan.sysadmin());
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(TestService.json(r).path("error").path("license_id").get(0).asText()).contains("open license");
            closed.put("access_rights", "http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC");
            assertThat(ckan.call("package_create", closed, ckan.sysadmin()).path("isopen").asBoolean()).isFalse();
        }
    }

}
