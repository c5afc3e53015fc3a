package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.datasets.Ckan;
import nl.vindplaats.testing.SharedServices;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CKAN's read actions (behaviours 24–31 of ckan-behaviours.md, and the other read actions). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CkanReadActionsTest {
    // One service per store for the tests that write nothing or only records of their own names and count
    // nothing store-wide; the tests that list what the whole store holds start their own.
    private final SharedServices services = new SharedServices();

    private TestService service(TestService.Store store) {
        return services.of(store);
    }

    @AfterAll
    void stop() {
        services.close();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
        return out;
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b24_packageListHasPublicActiveNamesOnly(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.dataset("zeta", "org-a", Map.of());
            ckan.dataset("alfa", "org-a", Map.of());
            ckan.dataset("prive", "org-a", Map.of("private", true));
            ckan.dataset("concept", "org-a", Map.of("state", "draft"));
            ckan.dataset("weg", "org-a", Map.of());
            ckan.call("package_delete", Map.of("id", "weg"), ckan.sysadmin());
            assertThat(texts(ckan.read("package_list", ""), null)).containsExactly("alfa", "zeta");
            assertThat(texts(ckan.read("package_list", "", ckan.sysadmin()), null)).containsExactly("alfa", "zeta");
            assertThat(texts(ckan.read("package_list", "limit=1&offset=1"), null)).containsExactly("zeta");
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b25_currentPackageListWithResourcesIsNewestFirstWithPrivateOnlyForSysadmin(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.dataset("een", "org-a", Map.of("resources", List.of(Map.of("url", "https://x.nl/1.csv"))));
            ckan.dataset("twee", "org-a", Map.of());
            ckan.dataset("drie", "org-a", Map.of("private", true));
            JsonNode anonymous = ckan.read("current_package_list_with_resources", "");
            assertThat(texts(anonymous, "name")).containsExactly("twee", "een");
            assertThat(anonymous.get(1).path("resources").size()).isEqualTo(1);
            assertThat(texts(ckan.read("current_package_list_with_resources", "", ckan.sysadmin()), "name"))
                    .containsExactly("drie", "twee", "een");
            assertThat(texts(ckan.read("current_package_list_with_resources", "limit=1&offset=1"), "name"))
                    .containsExactly("een");
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b26_packageAutocompleteMatchesNameOrTitleAndHidesPrivate(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.organization("org-b", "Organisatie B");
            ckan.dataset("warmtekaart", "org-a", Map.of("title", "Kaart"));
            ckan.dataset("energie", "org-a", Map.of("title", "Energie en warmte"));
            ckan.dataset("warmte-geheim", "org-b", Map.of("private", true));
            JsonNode r = ckan.read("package_autocomplete", "q=warm");
            assertThat(r.size()).isEqualTo(2);
            JsonNode byTitle = r.get(0);
            assertThat(byTitle.path("name").asText()).isEqualTo("energie");
            assertThat(byTitle.path("match_field").asText()).isEqualTo("title");
            assertThat(byTitle.path("match_displayed").asText()).isEqualTo("Energie en warmte (energie)");
            assertThat(r.get(1).path("match_field").asText()).isEqualTo("name");
            assertThat(r.get(1).path("match_displayed").asText()).isEqualTo("warmtekaart");
            assertThat(ckan.read("package_autocomplete", "q=armte").size()).isEqualTo(2);
            assertThat(ckan.read("package_autocomplete", "q=warm", Ckan.auth(ckan.member("org-b"))).size()).isEqualTo(3);
            assertThat(ckan.read("package_autocomplete", "q=warm", Ckan.auth(ckan.member("org-a"))).size()).isEqualTo(2);
        }
    }

    @Test
    void b27_statusShowFields() {
        TestService service = service(TestService.Store.SQLITE);
        JsonNode status = new Ckan(service).read("status_show", "");
        assertThat(status.has("site_title")).isTrue();
        assertThat(status.has("site_description")).isTrue();
        assertThat(status.path("site_url").asText()).startsWith("http://localhost:");
        assertThat(status.has("error_emails_to")).isTrue();
        assertThat(status.path("locale_default").asText()).isEqualTo("nl");
        assertThat(status.path("extensions").isArray()).isTrue();
        assertThat(status.path("ckan_version").asText()).isEqualTo("2.10.0");

    }

    @Test
    void b28_helpShowReturnsTheDocumentationOrNotFound() {
        TestService service = service(TestService.Store.SQLITE);
        Ckan ckan = new Ckan(service);
        assertThat(ckan.read("help_show", "name=package_search").asText()).contains("facet.field");
        HttpResponse<String> unknown = ckan.get("help_show", "name=no_such_action");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(TestService.json(unknown).path("error").path("__type").asText()).isEqualTo("Not Found Error");
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b29_groupShowOnAnOrganisationIsNotFoundAndViceVersa(TestService.Store store) {
        TestService service = service(store);
        Ckan ckan = new Ckan(service);
        String orgId = ckan.organization("org-a", "Organisatie A");
        String groupId = ckan.call("group_create", Map.of("name", "groep-a", "title", "Groep A"), ckan.sysadmin())
                .path("id").asText();
        assertThat(ckan.read("organization_show", "id=org-a").path("title").asText()).isEqualTo("Organisatie A");
        assertThat(ckan.read("group_show", "id=" + groupId).path("name").asText()).isEqualTo("groep-a");
        HttpResponse<String> groupOnOrg = ckan.get("group_show", "id=" + Ckan.enc(orgId));
        assertThat(groupOnOrg.statusCode()).isEqualTo(404);
        assertThat(TestService.json(groupOnOrg).path("error").path("__type").asText()).isEqualTo("Not Found Error");
        assertThat(ckan.get("group_show", "id=org-a").statusCode()).isEqualTo(404);
        assertThat(ckan.get("organization_show", "id=" + groupId).statusCode()).isEqualTo(404);
        assertThat(ckan.get("organization_show", "id=groep-a").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b30_groupListOrderLimitsAndFilter(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.call("group_create", Map.of("name", "aa", "title", "Zeeland"), ckan.sysadmin());
            ckan.call("group_create", Map.of("name", "bb", "title", "Brabant"), ckan.sysadmin());
            ckan.call("group_create", Map.of("name", "cc", "title", "Limburg"), ckan.sysadmin());
            ckan.dataset("ds-1", "org-a", Map.of("groups", List.of(Map.of("name", "aa"), Map.of("name", "cc"))));
            ckan.dataset("ds-2", "org-a", Map.of("groups", List.of(Map.of("name", "aa"))));
            assertThat(texts(ckan.read("group_list", ""), null)).containsExactly("bb", "cc", "aa");
            assertThat(texts(ckan.read("group_list", "sort=" + Ckan.enc("package_count asc")), null))
                    .containsExactly("bb", "cc", "aa");
            assertThat(texts(ckan.read("group_list", "sort=" + Ckan.enc("package_count desc")), null))
                    .containsExactly("aa", "cc", "bb");
            assertThat(ckan.read("group_list", "limit=1").size()).isEqualTo(1);
            HttpResponse<String> badLimit = ckan.get("group_list", "limit=a");
            assertThat(badLimit.statusCode()).isEqualTo(409);
            assertThat(TestService.json(badLimit).path("error").path("limit").get(0).asText()).isEqualTo("Invalid integer");
            HttpResponse<String> badOffset = ckan.get("group_list", "offset=-2");
            assertThat(badOffset.statusCode()).isEqualTo(409);
            assertThat(TestService.json(badOffset).path("error").path("__type").asText()).isEqualTo("Validation Error");
            assertThat(texts(ckan.read("group_list", "groups=" + Ckan.enc("bb,cc")), null)).containsExactly("bb", "cc");
            JsonNode full = ckan.read("group_list", "all_fields=true&groups=aa");
            assertThat(full.get(0).path("package_count").asInt()).isEqualTo(2);
            assertThat(full.get(0).path("display_name").asText()).isEqualTo("Zeeland");
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b31_tagListFreeTagsAllFieldsAndUnknownVocabulary(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.dataset("ds-1", "org-a", Map.of("tags", List.of("water", "bodem")));
            ckan.dataset("ds-2", "org-a", Map.of("tags", List.of("water"), "private", true));
            ckan.dataset("ds-3", "org-a", Map.of("tags", List.of("geheim"), "private", true));
            assertThat(texts(ckan.read("tag_list", ""), null)).containsExactly("bodem", "water");
            JsonNode full = ckan.read("tag_list", "all_fields=true");
            assertThat(full.get(0).path("display_name").asText()).isEqualTo("bodem");
            assertThat(full.get(0).path("id").asText()).isNotEmpty();
            assertThat(texts(ckan.read("tag_list", "query=wat"), null)).containsExactly("water");
            HttpResponse<String> vocabulary = ckan.get("tag_list", "vocabulary_id=onbekend");
            assertThat(vocabulary.statusCode()).isEqualTo(404);
            assertThat(TestService.json(vocabulary).path("error").path("__type").asText()).isEqualTo("Not Found Error");
            assertThat(ckan.read("tag_show", "id=water&include_datasets=true").path("packages").size()).isEqualTo(1);
            assertThat(ckan.get("tag_show", "id=geheim").statusCode()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void otherReadActions(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-b", "Organisatie B");
            ckan.organization("org-a", "Organisatie A");
            JsonNode ds = ckan.dataset("ds-1", "org-a", Map.of("resources", List.of(
                    Map.of("url", "https://x.nl/kaart.geojson", "name", "Kaart", "format", "GeoJSON"),
                    Map.of("url", "https://x.nl/tabel.csv", "name", "Tabel", "format", "CSV"))));
            String resourceId = ds.path("resources").get(1).path("id").asText();
            assertThat(ckan.read("resource_show", "id=" + resourceId).path("name").asText()).isEqualTo("Tabel");
            assertThat(ckan.get("resource_show", "id=nope").statusCode()).isEqualTo(404);
            JsonNode found = ckan.read("resource_search", "query=" + Ckan.enc("format:csv"));
            assertThat(found.path("count").asInt()).isEqualTo(1);
            assertThat(found.path("results").get(0).path("id").asText()).isEqualTo(resourceId);
            assertThat(ckan.read("resource_search", "query=" + Ckan.enc("name:kaart")).path("count").asInt()).isEqualTo(1);
            // The TOOI organisations are listed too (every platform organisation is a CKAN organisation).
            assertThat(texts(ckan.read("organization_list", ""), null)).contains("org-a", "org-b");
            JsonNode orgs = ckan.read("organization_list", "all_fields=true&sort=" + Ckan.enc("package_count desc"));
            assertThat(orgs.get(0).path("name").asText()).isEqualTo("org-a");
            assertThat(orgs.get(0).path("package_count").asInt()).isEqualTo(1);
            assertThat(ckan.read("organization_show", "id=org-a&include_datasets=true").path("packages").size())
                    .isEqualTo(1);
            assertThat(ckan.read("member_list", "id=org-a&object_type=package").get(0).get(0).asText())
                    .isEqualTo(ds.path("id").asText());
            assertThat(texts(ckan.read("organization_list_for_user", "", Ckan.auth(ckan.editor("org-b"))), "name"))
                    .containsExactly("org-b");
            assertThat(ckan.read("organization_list_for_user", "").size()).isZero();
            assertThat(texts(ckan.read("license_list", ""), "id")).contains("cc-by",
                    "http://creativecommons.org/licenses/by/4.0/deed.nl");
            assertThat(texts(ckan.read("format_autocomplete", "q=geo"), null)).containsExactly("geojson");
        }
    }
}
