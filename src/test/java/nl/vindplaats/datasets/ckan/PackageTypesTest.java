package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.datasets.Ckan;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Fields of the wrong shape are Validation Errors naming the field, never a 403, a 500 or a guess. */
class PackageTypesTest {

    private static JsonNode validationError(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        JsonNode error = TestService.json(r).path("error");
        assertThat(error.path("__type").asText()).isEqualTo("Validation Error");
        return error;
    }

    @Test
    void wrongShapesAreRefusedNamingTheField() {
        try (TestService service = TestService.start(TestService.Store.SQLITE)) {
            Ckan ckan = new Ckan(service);
            String org = ckan.organization("org-vorm", "Organisatie Vorm");
            String editor = ckan.editor("org-vorm");
            String[][] cases = {
                    {"tags", "\"abc\""}, {"tags", "[[\"a\"]]"}, {"resources", "{}"}, {"resources", "\"x\""},
                    {"groups", "\"thema\""}, {"extras", "{}"}, {"title", "[\"a\"]"}, {"name", "{\"a\":1}"}};
            for (String[] c : cases) {
                String body = "{\"name\":\"ds-vorm\",\"owner_org\":\"org-vorm\",\"" + c[0] + "\":" + c[1] + "}";
                if (c[0].equals("name")) {
                    body = "{\"owner_org\":\"org-vorm\",\"name\":" + c[1] + "}";
                }
                JsonNode error = validationError(ckan.post("package_create", body, Ckan.auth(editor)));
                assertThat(error.has(c[0])).as(c[0] + " = " + c[1] + ": " + error).isTrue();
            }
            JsonNode listOrg = validationError(ckan.post("package_create",
                    "{\"name\":\"ds-vorm\",\"owner_org\":[\"org-vorm\"]}", Ckan.auth(editor)));
            assertThat(listOrg.has("owner_org")).isTrue();
            JsonNode listOrgAdmin = validationError(ckan.post("package_create",
                    "{\"name\":\"ds-vorm\",\"owner_org\":[\"" + org + "\"]}", ckan.sysadmin()));
            assertThat(listOrgAdmin.has("owner_org")).isTrue();
            assertThat(ckan.read("package_search", "q=*:*").path("count").asInt()).isZero();
        }
    }

    @Test
    void packageCreateWithoutAUsableOwnerOrgIsAValidationError() {
        try (TestService service = TestService.start(TestService.Store.SQLITE)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-vorm", "Organisatie Vorm");
            String editor = ckan.editor("org-vorm");
            for (String body : new String[] {"{\"name\":\"zonder\"}", "{\"name\":\"zonder\",\"owner_org\":\"\"}",
                    "{\"name\":\"zonder\",\"owner_org\":null}", "{\"name\":\"zonder\",\"owner_org\":\"bestaat-niet\"}",
                    "{\"name\":\"zonder\",\"owner_org\":{\"id\":\"org-vorm\"}}"}) {
                JsonNode error = validationError(ckan.post("package_create", body, Ckan.auth(editor)));
                assertThat(error.path("owner_org").isArray()).as(body).isTrue();
            }
            // Every error at once, as CKAN collects them.
            JsonNode both = validationError(ckan.post("package_create", "{\"name\":\"X\"}", Ckan.auth(editor)));
            assertThat(both.has("owner_org")).isTrue();
            assertThat(both.has("name")).isTrue();
        }
    }
}
