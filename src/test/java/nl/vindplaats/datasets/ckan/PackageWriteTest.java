package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.datasets.Ckan;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** package_create/update/patch/delete as CKAN's tests pin them down (behaviours 32–35 of ckan-behaviours.md). */
class PackageWriteTest {

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path("name").asText()));
        return out;
    }

    private static JsonNode error(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(409);
        JsonNode error = TestService.json(r).path("error");
        assertThat(error.path("__type").asText()).isEqualTo("Validation Error");
        return error;
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b32_packageCreateRules(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            String orgId = ckan.organization("org-a", "Organisatie A");
            String editor = ckan.editor("org-a");

            assertThat(error(ckan.post("package_create", "{}", ckan.sysadmin())).path("name").get(0).asText())
                    .isEqualTo("Missing value");
            assertThat(error(ckan.post("package_create", "{\"name\":\"x1\",\"private\":true}", ckan.sysadmin()))
                    .path("private").get(0).asText()).isEqualTo("Datasets with no organization can't be private.");
            JsonNode name = error(ckan.post("package_create", "{\"name\":\"Hoofd Letters\",\"owner_org\":\"org-a\"}",
                    ckan.sysadmin()));
            assertThat(name.path("name").get(0).asText())
                    .isEqualTo("Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_");
            assertThat(error(ckan.post("package_create", "{\"name\":\"a\",\"owner_org\":\"org-a\"}", ckan.sysadmin()))
                    .path("name").get(0).asText()).isEqualTo("Must be at least 2 characters long");

            JsonNode plain = ckan.call("package_create", Map.of("name", "standaard", "owner_org", "org-a"),
                    Ckan.auth(editor));
            assertThat(plain.path("private").asBoolean(true)).isFalse();
            assertThat(plain.path("title").asText()).isEqualTo("standaard");
            assertThat(plain.path("owner_org").asText()).isEqualTo(orgId);
            assertThat(error(ckan.post("package_create", "{\"name\":\"standaard\",\"owner_org\":\"org-a\"}",
                    ckan.sysadmin())).path("name").get(0).asText()).isEqualTo("That URL is already in use.");

            String wanted = "6c4b4f0e-0000-4000-8000-000000000001";
            JsonNode byEditor = ckan.call("package_create", Map.of("name", "eigen-id", "owner_org", "org-a",
                    "id", wanted), Ckan.auth(editor));
            assertThat(byEditor.path("id").asText()).isNotEqualTo(wanted);
            JsonNode bySysadmin = ckan.call("package_create", Map.of("name", "admin-id", "owner_org", "org-a",
                    "id", wanted), ckan.sysadmin());
            assertThat(bySysadmin.path("id").asText()).isEqualTo(wanted);
            assertThat(error(ckan.post("package_create", "{\"name\":\"nog-een\",\"owner_org\":\"org-a\",\"id\":\""
                    + wanted + "\"}", ckan.sysadmin())).path("id").get(0).asText()).isEqualTo("Dataset id already exists");

            JsonNode extras = ckan.call("package_create", "{\"name\":\"extras\",\"owner_org\":\"org-a\",\"extras\":["
                    + "{\"key\":\"bron\",\"value\":\"CBS\"},{\"key\":\"aantal\",\"value\":42},"
                    + "{\"key\":\"lijst\",\"value\":[1,2]}]}", Ckan.auth(editor));
            assertThat(extras.path("extras").toString()).isEqualTo(
                    "[{\"key\":\"bron\",\"value\":\"CBS\"},{\"key\":\"aantal\",\"value\":42},{\"key\":\"lijst\",\"value\":[1,2]}]");
            assertThat(ckan.read("package_show", "id=extras").path("extras")).isEqualTo(extras.path("extras"));
            JsonNode extraId = error(ckan.post("package_create", "{\"name\":\"extras-id\",\"owner_org\":\"org-a\","
                    + "\"extras\":[{\"id\":\"x\",\"key\":\"k\",\"value\":\"v\"}]}", Ckan.auth(editor)));
            assertThat(extraId.path("extras").get(0).path("id").get(0).asText())
                    .isEqualTo("The input field id was not expected.");

            JsonNode resources = ckan.call("package_create", "{\"name\":\"bronnen\",\"owner_org\":\"org-a\","
                    + "\"resources\":[{\"url\":\"https://x.nl/a.csv\",\"eigen_veld\":\"waarde\","
                    + "\"extras\":{\"verborgen\":\"ja\"}}]}", Ckan.auth(editor));
            JsonNode resource = resources.path("resources").get(0);
            assertThat(resource.path("eigen_veld").asText()).isEqualTo("waarde");
            assertThat(resource.has("extras")).isFalse();
            assertThat(resource.has("verborgen")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b33_deleteKeepsTheNameUntilANewDatasetTakesIt(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            String oldId = ckan.dataset("hergebruik", "org-a", Map.of()).path("id").asText();
            ckan.call("package_delete", Map.of("id", "hergebruik"), ckan.sysadmin());

            JsonNode deleted = ckan.read("package_show", "id=hergebruik", ckan.sysadmin());
            assertThat(deleted.path("state").asText()).isEqualTo("deleted");
            assertThat(deleted.path("name").asText()).isEqualTo("hergebruik");
            assertThat(ckan.get("package_show", "id=hergebruik").statusCode()).isEqualTo(403);

            String newId = ckan.dataset("hergebruik", "org-a", Map.of()).path("id").asText();
            assertThat(newId).isNotEqualTo(oldId);
            assertThat(ckan.read("package_show", "id=hergebruik").path("id").asText()).isEqualTo(newId);
            JsonNode renamed = ckan.read("package_show", "id=" + oldId, ckan.sysadmin());
            assertThat(renamed.path("name").asText()).isEqualTo(oldId);
            assertThat(renamed.path("state").asText()).isEqualTo("deleted");
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b34_packageUpdateSemantics(TestService.Store store) throws Exception {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.call("group_create", Map.of("name", "groep"), ckan.sysadmin());
            String editor = ckan.editor("org-a");
            JsonNode created = ckan.dataset("bijwerken", "org-a", Map.of("title", "Oud", "tags", List.of("aa", "bb"),
                    "groups", List.of(Map.of("name", "groep")),
                    "resources", List.of(Map.of("url", "https://x.nl/a.csv"))));

            assertThat(error(ckan.post("package_update", "{\"title\":\"zonder id\"}", ckan.sysadmin()))
                    .path("id").get(0).asText()).isEqualTo("Missing value");

            JsonNode updated = ckan.call("package_update", Map.of("id", created.path("id").asText(),
                    "name", "bijwerken", "title", "Nieuw"), Ckan.auth(editor));
            assertThat(updated.path("title").asText()).isEqualTo("Nieuw");
            assertThat(updated.path("resources").size()).isEqualTo(1);
            assertThat(names(updated.path("groups"))).containsExactly("groep");
            assertThat(updated.path("tags").size()).isZero();

            JsonNode cleared = ckan.call("package_update", Map.of("id", "bijwerken", "name", "bijwerken",
                    "title", "Nieuw", "resources", List.of(), "groups", List.of()), Ckan.auth(editor));
            assertThat(cleared.path("resources").size()).isZero();
            assertThat(cleared.path("groups").size()).isZero();

            Thread.sleep(5);
            JsonNode same = ckan.call("package_update", Map.of("id", "bijwerken", "name", "bijwerken",
                    "title", "Nieuw", "resources", List.of(), "groups", List.of()), Ckan.auth(editor));
            assertThat(same.path("metadata_modified").asText()).isEqualTo(cleared.path("metadata_modified").asText());

            JsonNode byEditor = ckan.call("package_update", Map.of("id", "bijwerken", "name", "bijwerken",
                    "title", "Anders", "metadata_modified", "2001-01-01T00:00:00"), Ckan.auth(editor));
            assertThat(byEditor.path("metadata_modified").asText()).isNotEqualTo("2001-01-01T00:00:00");
            JsonNode bySysadmin = ckan.call("package_update", Map.of("id", "bijwerken", "name", "bijwerken",
                    "title", "Anders", "metadata_modified", "2001-01-01T00:00:00"), ckan.sysadmin());
            assertThat(bySysadmin.path("metadata_modified").asText()).isEqualTo("2001-01-01T00:00:00");
            assertThat(bySysadmin.path("metadata_created").asText()).isEqualTo(created.path("metadata_created").asText());
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b35_packagePatchChangesOnlyTheGivenFields(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            JsonNode created = ckan.dataset("lapje", "org-a", Map.of("title", "Titel", "notes", "Beschrijving",
                    "tags", List.of("aa"), "extras", List.of(Map.of("key", "k", "value", "v")),
                    "resources", List.of(Map.of("url", "https://x.nl/a.csv"))));
            JsonNode patched = ckan.call("package_patch", Map.of("id", "lapje", "notes", "Nieuwe beschrijving"),
                    ckan.sysadmin());
            assertThat(patched.path("notes").asText()).isEqualTo("Nieuwe beschrijving");
            assertThat(patched.path("title").asText()).isEqualTo("Titel");
            assertThat(patched.path("tags")).isEqualTo(created.path("tags"));
            assertThat(patched.path("extras")).isEqualTo(created.path("extras"));
            assertThat(patched.path("resources").get(0).path("id")).isEqualTo(created.path("resources").get(0).path("id"));
            assertThat(patched.path("metadata_modified").asText()).isNotEqualTo(created.path("metadata_modified").asText());
            assertThat(ckan.read("package_search", "q=nieuwe").path("count").asInt()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void editorsWriteOnlyInTheirOwnOrganisation(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.organization("org-b", "Organisatie B");
            String editorA = ckan.editor("org-a");
            ckan.dataset("van-b", "org-b", Map.of());
            HttpResponse<String> create = ckan.post("package_create", "{\"name\":\"poging\",\"owner_org\":\"org-b\"}",
                    Ckan.auth(editorA));
            assertThat(create.statusCode()).isEqualTo(403);
            assertThat(TestService.json(create).path("error").path("__type").asText()).isEqualTo("Authorization Error");
            assertThat(ckan.post("package_patch", "{\"id\":\"van-b\",\"title\":\"x\"}", Ckan.auth(editorA)).statusCode())
                    .isEqualTo(403);
            assertThat(ckan.post("package_delete", "{\"id\":\"van-b\"}", Ckan.auth(editorA)).statusCode()).isEqualTo(403);
            ckan.call("package_create", Map.of("name", "eigen", "owner_org", "org-a"), Ckan.auth(editorA));
            assertThat(ckan.post("package_patch", "{\"id\":\"eigen\",\"owner_org\":\"org-b\"}", Ckan.auth(editorA))
                    .statusCode()).isEqualTo(403);
            assertThat(ckan.post("package_update", "{\"id\":\"onbekend\"}", Ckan.auth(editorA)).statusCode())
                    .isEqualTo(404);
            assertThat(ckan.post("dataset_purge", "{\"id\":\"eigen\"}", Ckan.auth(editorA)).statusCode()).isEqualTo(403);
            ckan.call("dataset_purge", Map.of("id", "eigen"), ckan.sysadmin());
            assertThat(ckan.get("package_show", "id=eigen", ckan.sysadmin()).statusCode()).isEqualTo(404);
            assertThat(ckan.read("package_search", "q=eigen", ckan.sysadmin()).path("count").asInt()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void aTokenScopedToOneDatasetWritesOnlyThatDataset(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.dataset("mijn", "org-a", Map.of("private", true));
            ckan.dataset("ander", "org-a", Map.of("private", true));
            String token = service.createToken("dataset", "mijn", "write", null);
            assertThat(ckan.call("package_patch", Map.of("id", "mijn", "title", "Bijgewerkt"), Ckan.auth(token))
                    .path("title").asText()).isEqualTo("Bijgewerkt");
            assertThat(ckan.read("package_show", "id=mijn", Ckan.auth(token)).path("title").asText())
                    .isEqualTo("Bijgewerkt");
            assertThat(ckan.post("package_patch", "{\"id\":\"ander\",\"title\":\"x\"}", Ckan.auth(token))
                    .statusCode()).isEqualTo(403);
            assertThat(ckan.get("package_show", "id=ander", Ckan.auth(token)).statusCode()).isEqualTo(403);
            assertThat(ckan.post("package_create", "{\"name\":\"nieuw\",\"owner_org\":\"org-a\"}",
                    Ckan.auth(token)).statusCode()).isEqualTo(403);
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void resourceActions(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            String editor = ckan.editor("org-a");
            ckan.dataset("met-bronnen", "org-a", Map.of());
            JsonNode created = ckan.call("resource_create", Map.of("package_id", "met-bronnen", "url",
                    "https://x.nl/a.csv", "name", "Eerste", "format", "CSV"), Ckan.auth(editor));
            String id = created.path("id").asText();
            assertThat(created.path("package_id").asText()).isNotEmpty();
            JsonNode patched = ckan.call("resource_patch", Map.of("id", id, "description", "Uitleg"), Ckan.auth(editor));
            assertThat(patched.path("name").asText()).isEqualTo("Eerste");
            assertThat(patched.path("description").asText()).isEqualTo("Uitleg");
            JsonNode updated = ckan.call("resource_update", Map.of("id", id, "url", "https://x.nl/b.csv"),
                    Ckan.auth(editor));
            assertThat(updated.path("url").asText()).isEqualTo("https://x.nl/b.csv");
            assertThat(updated.path("name").isNull()).isTrue();
            assertThat(ckan.read("package_search", "fq=" + Ckan.enc("res_url:\"https://x.nl/b.csv\"")).path("count")
                    .asInt()).isEqualTo(1);
            ckan.call("resource_delete", Map.of("id", id), Ckan.auth(editor));
            assertThat(ckan.read("package_show", "id=met-bronnen").path("num_resources").asInt()).isZero();
            assertThat(ckan.post("resource_delete", "{\"id\":\"" + id + "\"}", Ckan.auth(editor)).statusCode())
                    .isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void groupsOrganisationsMembersAndTokens(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.dataset("al-eerder", "org-a", Map.of());
            JsonNode org = ckan.call("organization_patch", Map.of("id", "org-a", "title", "Gemeente A"), ckan.sysadmin());
            assertThat(org.path("title").asText()).isEqualTo("Gemeente A");
            ckan.call("organization_update", Map.of("id", "org-a", "name", "gemeente-a", "title", "Gemeente A"),
                    ckan.sysadmin());
            JsonNode found = ckan.read("package_search", "fq=" + Ckan.enc("organization:gemeente-a") + "&facet.field="
                    + Ckan.enc("[\"organization\"]"));
            assertThat(found.path("count").asInt()).isEqualTo(1);
            // Organisations are looked up in memory: a renamed one shows its new name and title at once.
            JsonNode item = found.path("search_facets").path("organization").path("items").get(0);
            assertThat(item.path("name").asText()).isEqualTo("gemeente-a");
            assertThat(item.path("display_name").asText()).isEqualTo("Gemeente A");
            assertThat(found.path("results").get(0).path("organization").path("name").asText()).isEqualTo("gemeente-a");
            assertThat(ckan.read("package_show", "id=al-eerder").path("organization").path("title").asText())
                    .isEqualTo("Gemeente A");
            ckan.call("organization_update", Map.of("id", "gemeente-a", "name", "org-a", "title", "Gemeente A"),
                    ckan.sysadmin());
            assertThat(ckan.post("organization_create", "{\"name\":\"org-a\"}", ckan.sysadmin()).statusCode()).isEqualTo(409);
            String editor = ckan.editor("org-a");
            assertThat(ckan.post("organization_create", "{\"name\":\"org-x\"}", Ckan.auth(editor)).statusCode())
                    .isEqualTo(403);

            ckan.call("group_create", Map.of("name", "thema", "title", "Thema"), ckan.sysadmin());
            ckan.dataset("lid", "org-a", Map.of());
            ckan.call("member_create", Map.of("id", "thema", "object", "lid", "object_type", "package",
                    "capacity", "public"), Ckan.auth(editor));
            assertThat(names(ckan.read("package_show", "id=lid").path("groups"))).containsExactly("thema");
            assertThat(ckan.read("group_show", "id=thema").path("package_count").asInt()).isEqualTo(1);
            ckan.call("member_delete", Map.of("id", "thema", "object", "lid", "object_type", "package"),
                    Ckan.auth(editor));
            assertThat(ckan.read("package_show", "id=lid").path("groups").size()).isZero();
            ckan.call("group_patch", Map.of("id", "thema", "description", "Over thema's"), ckan.sysadmin());
            assertThat(ckan.read("group_show", "id=thema").path("title").asText()).isEqualTo("Thema");
            ckan.call("group_delete", Map.of("id", "thema"), ckan.sysadmin());
            assertThat(ckan.read("group_list", "").size()).isZero();

            String admin = service.createToken("organisation", "org-a", "admin", null);
            String secret = ckan.call("api_token_create", Map.of("user", "ik", "name", "script"), Ckan.auth(admin))
                    .path("token").asText();
            assertThat(ckan.read("package_show", "id=lid", Ckan.auth(secret)).path("name").asText()).isEqualTo("lid");
            JsonNode listed = ckan.read("api_token_list", "", Ckan.auth(admin));
            String jti = null;
            for (JsonNode t : listed) {
                if (t.path("name").asText().equals("script")) {
                    jti = t.path("id").asText();
                }
            }
            assertThat(jti).isNotNull();
            ckan.call("api_token_revoke", Map.of("jti", jti), Ckan.auth(admin));
            assertThat(ckan.get("package_show", "id=lid", Ckan.auth(secret)).statusCode()).isEqualTo(403);
        }
    }
}
