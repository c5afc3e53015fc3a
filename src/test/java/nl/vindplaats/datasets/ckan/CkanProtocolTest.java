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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CKAN's wire protocol: paths, envelope, bare-string 400s, JSONP, tokens (behaviours 1–8 of ckan-behaviours.md). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CkanProtocolTest {
    // One service per store, shared: each test writes records of its own names and counts nothing store-wide.
    // The test that closes the search index starts its own.
    private final SharedServices services = new SharedServices();

    private TestService service(TestService.Store store) {
        return services.of(store);
    }

    @AfterAll
    void stop() {
        services.close();
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b01_getPackageSearchWithUrlParametersAnswers200WithEnvelope(TestService.Store store) {
        TestService service = service(store);
        Ckan ckan = new Ckan(service);
        ckan.organization("org-a", "Organisatie A");
        ckan.dataset("fietspaden", "org-a", Map.of("title", "Fietspaden"));
        for (String prefix : List.of("/api/3/action", "/api/action", "/data/api/3/action")) {
            HttpResponse<String> r = service.get(prefix + "/package_search?q=fietspaden&rows=5");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode body = TestService.json(r);
            assertThat(body.path("success").asBoolean()).isTrue();
            assertThat(body.path("help").asText()).endsWith("/api/3/action/help_show?name=package_search");
            assertThat(body.path("result").path("count").asInt()).isEqualTo(1);
        }
    }

    @Test
    void b02_getOnAWriteActionIsABareString400() {
        TestService service = service(TestService.Store.SQLITE);
        HttpResponse<String> r = service.get("/api/3/action/package_create");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains(
                "Bad request: JSON Error: Invalid request. Please use POST method for your request");
        assertThat(TestService.json(r).isTextual()).isTrue();

        HttpResponse<String> unknown = service.post("/api/3/action/no_such_action", "{}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(TestService.json(unknown).asText()).isEqualTo("Bad request: Action name not known: no_such_action");

        HttpResponse<String> badJson = service.post("/api/action/package_show", "{not json");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(TestService.json(badJson).asText()).startsWith("Bad request: JSON Error:");

        HttpResponse<String> notObject = service.post("/api/action/package_show", "[1,2]");
        assertThat(notObject.statusCode()).isEqualTo(400);
        assertThat(TestService.json(notObject).asText()).startsWith("Bad request: JSON Error:");
    }

    @Test
    void b03_apiVersionPathsAnswerTheirVersion() {
        TestService service = service(TestService.Store.SQLITE);
        for (int n = 1; n <= 3; n++) {
            HttpResponse<String> r = service.get("/api/" + n);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(TestService.json(r).path("version").asInt()).isEqualTo(n);
        }
        assertThat(TestService.json(service.get("/api")).path("version").asInt()).isEqualTo(3);
        assertThat(TestService.json(service.get("/data/api/3")).path("version").asInt()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b04_tagDeleteWithUnknownUnicodeIdIs404EchoingEscapes(TestService.Store store) {
        TestService service = service(store);
        Ckan ckan = new Ckan(service);
        HttpResponse<String> r = ckan.post("tag_delete", "{\"id\":\"\\u0394\"}", ckan.sysadmin());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("\\u0394").doesNotContain("\u0394");
        JsonNode error = TestService.json(r).path("error");
        assertThat(error.path("__type").asText()).isEqualTo("Not Found Error");
        assertThat(error.path("message").asText()).startsWith("Not found: ").contains("\u0394");
        assertThat(TestService.json(r).path("success").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b05_jsonpCallbackWrapsGetButNotPost(TestService.Store store) {
        TestService service = service(store);
        HttpResponse<String> get = service.get("/api/3/action/package_list?callback=myCallback");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Content-Type").orElse("")).startsWith("application/javascript");
        assertThat(get.body()).startsWith("myCallback(").endsWith(");");
        String inner = get.body().substring("myCallback(".length(), get.body().length() - 2);
        assertThat(nl.vindplaats.base.Json.read(inner).path("success").asBoolean()).isTrue();

        HttpResponse<String> post = service.post("/api/3/action/package_list?callback=myCallback", "{}");
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(TestService.json(post).path("success").asBoolean()).isTrue();
    }

    @Test
    void b06_sysadminTokenWithCallbackIsTreatedAsAnonymous() {
        TestService service = service(TestService.Store.SQLITE);
        Ckan ckan = new Ckan(service);
        assertThat(ckan.get("config_option_list", "", ckan.sysadmin()).statusCode()).isEqualTo(200);
        HttpResponse<String> r = ckan.get("config_option_list", "callback=cb", ckan.sysadmin());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(TestService.json(r).path("error").path("__type").asText()).isEqualTo("Authorization Error");
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b07_rawTokenInAuthorizationWorksForGetShowAndFormPatch(TestService.Store store) {
        TestService service = service(store);
        Ckan ckan = new Ckan(service);
        ckan.organization("org-b", "Organisatie B");
        ckan.dataset("geheim", "org-b", Map.of("private", true));
        String editor = ckan.editor("org-b");

        assertThat(ckan.get("package_show", "id=geheim").statusCode()).isEqualTo(403);
        HttpResponse<String> shown = ckan.get("package_show", "id=geheim", "Authorization", editor);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(TestService.json(shown).path("result").path("private").asBoolean()).isTrue();
        assertThat(ckan.get("package_show", "id=geheim", "X-CKAN-API-Key", editor).statusCode()).isEqualTo(200);

        HttpResponse<String> patched = ckan.postForm("package_patch", Map.of("id", "geheim", "title", "Nieuw"),
                "Authorization", editor);
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(TestService.json(patched).path("result").path("title").asText()).isEqualTo("Nieuw");

        HttpResponse<String> anonymous = ckan.postForm("package_patch", Map.of("id", "geheim", "title", "X"));
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(TestService.json(anonymous).path("error").path("__type").asText()).isEqualTo("Authorization Error");
    }

    @Test
    void jsonSentAsAFormByCurlIsReadAsJson() {
        TestService service = service(TestService.Store.SQLITE);
        Ckan ckan = new Ckan(service);
        HttpResponse<String> r = ckan.postForm("organization_create",
                Map.of("{\"name\":\"org-curl\",\"title\":\"Via curl\"}", ""), ckan.sysadmin());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(ckan.read("organization_show", "id=org-curl").path("title").asText()).isEqualTo("Via curl");
    }

    @Test
    void b08_searchIndexDownIsASearchConnectionError() {
        try (TestService service = TestService.start(TestService.Store.SQLITE)) {
            service.app().index().close();
            HttpResponse<String> r = service.get("/api/3/action/package_search?q=water");
            assertThat(r.statusCode()).isEqualTo(500);
            JsonNode error = TestService.json(r).path("error");
            assertThat(error.path("__type").asText()).isEqualTo("Search Connection Error");
            assertThat(error.path("message").asText()).isEqualTo("Unable to connect to the search server");
        }
    }
}
