package nl.vindplaats.access;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Scope before existence, tokens bounded by their issuer, audit entries that name the record, refusals counted. */
class ScopeAndAuditTest {
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.Store.SQLITE);
    }

    @AfterAll
    static void stop() {
        service.destroy();
    }

    @Test
    void tagDeleteTellsNothingToATokenOutsideItsScope() {
        String orgAdmin = service.createToken("organisation", "gm0518", "admin", null);
        HttpResponse<String> unknown = service.post("/api/3/action/tag_delete", "{\"id\":\"bestaat-niet\"}",
                TestService.withKey(orgAdmin));
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(403);
        HttpResponse<String> asAdmin = service.post("/api/3/action/tag_delete", "{\"id\":\"bestaat-niet\"}",
                service.asAdmin());
        assertThat(asAdmin.statusCode()).as("the platform admin learns it does not exist").isEqualTo(404);
    }

    @Test
    void aTokenNeverOutlivesItsIssuer() {
        String issuer = service.createToken("organisation", "gm0344", "admin", "2031-01-01T00:00:00Z");
        HttpResponse<String> created = service.post("/platform/v1/tokens", "{\"name\":\"kind\",\"scope\":{\"type\":"
                + "\"organisation\",\"id\":\"gm0344\"},\"level\":\"write\",\"expiresAt\":\"2040-01-01T00:00:00Z\"}",
                TestService.withKey(issuer));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(TestService.json(created).path("expiresAt").asText()).isEqualTo("2031-01-01T00:00:00Z");
        HttpResponse<String> forever = service.post("/platform/v1/tokens", "{\"name\":\"kind\",\"scope\":{\"type\":"
                + "\"organisation\",\"id\":\"gm0344\"},\"level\":\"read\"}", TestService.withKey(issuer));
        assertThat(TestService.json(forever).path("expiresAt").asText()).isEqualTo("2031-01-01T00:00:00Z");
    }

    @Test
    void revokingATokenRevokesTheTokensItIssued() {
        JsonNode issued = TestService.json(service.post("/platform/v1/tokens", "{\"name\":\"ouder\",\"scope\":"
                + "{\"type\":\"organisation\",\"id\":\"gm0363\"},\"level\":\"admin\"}", service.asAdmin()));
        String issuer = issued.path("secret").asText();
        String issuerId = issued.path("id").asText();
        HttpResponse<String> child = service.post("/platform/v1/tokens", "{\"name\":\"kind\",\"scope\":{\"type\":"
                + "\"organisation\",\"id\":\"gm0363\"},\"level\":\"admin\"}", TestService.withKey(issuer));
        String childSecret = TestService.json(child).path("secret").asText();
        HttpResponse<String> grandchild = service.post("/platform/v1/tokens", "{\"name\":\"kleinkind\",\"scope\":"
                + "{\"type\":\"organisation\",\"id\":\"gm0363\"},\"level\":\"admin\"}", TestService.withKey(childSecret));
        String grandchildSecret = TestService.json(grandchild).path("secret").asText();
        assertThat(service.get("/platform/v1/tokens", TestService.withKey(grandchildSecret)).statusCode()).isEqualTo(200);

        assertThat(service.delete("/platform/v1/tokens/" + issuerId, service.asAdmin()).statusCode()).isEqualTo(204);

        assertThat(service.get("/platform/v1/tokens", TestService.withKey(childSecret)).statusCode()).isEqualTo(401);
        assertThat(service.get("/platform/v1/tokens", TestService.withKey(grandchildSecret)).statusCode())
                .isEqualTo(401);
    }

    @Test
    void plooiWritesAreAuditedWithTheDocumentsUuid() throws IOException {
        String token = service.createToken("organisation", "gm0518", "write", null);
        HttpResponse<String> created = service.post("/overheid/openbaarmaken/api/v0/metadata",
                Files.readString(Path.of("src/test/resources/plooi/metadata-example.json")), "Aanlever-Token", token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String uuid = location.substring(location.lastIndexOf('/') + 1);

        JsonNode entries = TestService.json(service.get("/platform/v1/audit?pageSize=100", service.asAdmin()))
                .path("entries");
        assertThat(entries.findValuesAsText("resource")).anyMatch(r -> r.contains("document:" + uuid));
    }

    @Test
    void refusedAttemptsAreCountedPerRoute() {
        service.get("/platform/v1/tokens", "X-API-Key", "vp_geen-geldig-token");
        service.get("/platform/v1/tokens", TestService.withKey(service.createToken("organisation", "gm0599", "read",
                null)));
        service.post("/platform/v1/organisations", "{}");
        String metrics = service.get("/metrics").body();
        assertThat(metrics).containsPattern("vindplaats_requests_refused_total\\{[^}]*route=\"/platform/v1/tokens\""
                + "[^}]*status=\"401\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("vindplaats_requests_refused_total\\{[^}]*route=\"/platform/v1/organisations\""
                + "[^}]*status=\"401\"[^}]*} [1-9]");
        assertThat(metrics).doesNotContain("vp_geen-geldig-token");
    }
}
