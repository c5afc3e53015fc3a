package nl.vindplaats.harvest;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Harvest sources as platform records: create, read, change, delete, and who may. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HarvestSourcesApiTest {
    private static final String SOURCES = "/platform/v1/harvest-sources";
    private static final String UTRECHT = "https://identifier.overheid.nl/tooi/id/gemeente/gm0344";
    private TestService service;

    @BeforeAll
    void start() {
        service = TestService.start(TestService.Store.SQLITE);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private static String source(String organisation, String url) {
        return "{\"type\":\"ckan\",\"url\":\"" + url + "\",\"organisation\":\"" + organisation + "\","
                + "\"title\":\"Open data Utrecht\",\"schedule\":\"PT6H\",\"options\":{\"trustedToNameOrganisation\":true,"
                + "\"rows\":50}}";
    }

    @Test
    void aSourceIsCreatedReadChangedAndDeleted() {
        HttpResponse<String> created = service.post(SOURCES, source("gm0344", "https://data.utrecht.example/"),
                service.asAdmin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = TestService.json(created);
        String id = body.path("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue(SOURCES + "/" + id);
        assertThat(body.path("organisation").asText()).as("a slug is taken as the organisation's URI").isEqualTo(UTRECHT);
        assertThat(body.path("schedule").asText()).isEqualTo("PT6H");
        assertThat(body.at("/options/trustedToNameOrganisation").asBoolean()).isTrue();

        HttpResponse<String> shown = service.get(SOURCES + "/" + id, service.asAdmin());
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(TestService.json(service.get(SOURCES, service.asAdmin())).path("sources").findValuesAsText("id"))
                .contains(id);

        String change = "{\"type\":\"ckan\",\"url\":\"https://data.utrecht.example/\",\"organisation\":\"gm0344\","
                + "\"schedule\":null}";
        assertThat(service.put(SOURCES + "/" + id, change, "X-API-Key", service.adminToken()).statusCode())
                .as("If-Match is required").isEqualTo(428);
        HttpResponse<String> changed = service.put(SOURCES + "/" + id, change, "X-API-Key", service.adminToken(),
                "If-Match", "\"1\"");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(TestService.json(changed).path("schedule").isNull()).isTrue();
        assertThat(service.put(SOURCES + "/" + id, change, "X-API-Key", service.adminToken(), "If-Match", "\"1\"")
                .statusCode()).as("a stale version").isEqualTo(409);

        assertThat(service.delete(SOURCES + "/" + id, service.asAdmin()).statusCode()).isEqualTo(204);
        assertThat(service.get(SOURCES + "/" + id, service.asAdmin()).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyAdminsOfTheSourcesOrganisationOrThePlatformMayTouchIt() {
        String utrechtAdmin = service.createToken("organisation", "gm0344", "admin", null);
        String utrechtWriter = service.createToken("organisation", "gm0344", "write", null);
        String amsterdamAdmin = service.createToken("organisation", "gm0363", "admin", null);

        HttpResponse<String> own = service.post(SOURCES, source("gm0344", "https://a.example/"),
                TestService.withKey(utrechtAdmin));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        String id = TestService.json(own).path("id").asText();
        assertThat(service.post(SOURCES, source("gm0363", "https://b.example/"), TestService.withKey(utrechtAdmin))
                .statusCode()).as("another organisation's source").isEqualTo(403);
        assertThat(service.post(SOURCES, source("gm0344", "https://c.example/"), TestService.withKey(utrechtWriter))
                .statusCode()).as("write is not admin").isEqualTo(403);
        assertThat(service.post(SOURCES, source("gm0344", "https://c.example/")).statusCode()).isEqualTo(401);

        assertThat(service.get(SOURCES + "/" + id, TestService.withKey(amsterdamAdmin)).statusCode()).isEqualTo(403);
        assertThat(service.post(SOURCES + "/" + id + "/runs", "", TestService.withKey(amsterdamAdmin)).statusCode())
                .isEqualTo(403);
        assertThat(service.delete(SOURCES + "/" + id, TestService.withKey(amsterdamAdmin)).statusCode()).isEqualTo(403);
        assertThat(TestService.json(service.get(SOURCES, TestService.withKey(amsterdamAdmin))).path("sources")
                .findValuesAsText("id")).as("the list holds only sources the token administers").doesNotContain(id);
        assertThat(TestService.json(service.get(SOURCES, TestService.withKey(utrechtAdmin))).path("sources")
                .findValuesAsText("id")).contains(id);
    }

    @Test
    void anInvalidSourceIsRefusedNamingEveryField() {
        HttpResponse<String> r = service.post(SOURCES, "{\"type\":\"ftp\",\"url\":\"file:///etc/passwd\","
                + "\"organisation\":\"nergens\",\"schedule\":\"soms\",\"options\":{\"rows\":0},\"kleur\":1}",
                service.asAdmin());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        List<String> names = new ArrayList<>();
        TestService.json(r).path("invalidParams").forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).contains("type", "url", "organisation", "schedule", "kleur");

        HttpResponse<String> badOptions = service.post(SOURCES, "{\"type\":\"ckan\",\"url\":\"https://a.example/\","
                + "\"organisation\":\"gm0344\",\"options\":{\"rows\":0,\"trustedToNameOrganisation\":\"ja\"}}",
                service.asAdmin());
        assertThat(badOptions.statusCode()).isEqualTo(400);
        assertThat(badOptions.body()).contains("rows").contains("trustedToNameOrganisation");
    }

    @Test
    void aSourceOnAnInternalAddressIsRefusedAsTheRegistersFetcherRefusesIt() {
        HttpResponse<String> r = service.post(SOURCES, source("gm0344", "http://127.0.0.1:5432/"), service.asAdmin());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("internal address");
    }

    @Test
    void runsOfAnUnknownSourceOrAnUnknownRunAreNotFound() {
        assertThat(service.get(SOURCES + "/bestaat-niet/runs", service.asAdmin()).statusCode()).isEqualTo(404);
        HttpResponse<String> created = service.post(SOURCES, source("gm0344", "https://d.example/"), service.asAdmin());
        String id = TestService.json(created).path("id").asText();
        assertThat(service.get(SOURCES + "/" + id + "/runs/bestaat-niet", service.asAdmin()).statusCode())
                .isEqualTo(404);
        assertThat(service.post(SOURCES + "/" + id + "/runs", "{\"full\":\"ja\"}", service.asAdmin()).statusCode())
                .isEqualTo(400);
    }
}
