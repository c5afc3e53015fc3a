package nl.vindplaats.access;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.SharedServices;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokensApiTest {
    // One service per store, shared: each test makes organisations of its own names and lists only their tokens.
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
    void secretIsShownOnceAndNeverListed(TestService.Store store) throws Exception {
        TestService service = service(store);
        service.createOrganisation("gemeente-ede", "Gemeente Ede");
        String secret = service.createToken("organisation", "gemeente-ede", "write", null);
        assertThat(secret).startsWith("vp_").hasSizeGreaterThanOrEqualTo(46);

        HttpResponse<String> list = service.get("/platform/v1/tokens", service.asAdmin());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(secret).doesNotContain("\"secret\"");
        JsonNode tokens = TestService.json(list).path("tokens");
        assertThat(tokens.findValuesAsText("name")).contains("test write organisation");

        if (store == TestService.Store.SQLITE) {
            try (Stream<Path> files = Files.list(service.dataDir())) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain(secret);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void tokenIsAcceptedInEveryHeaderForm(TestService.Store store) {
        TestService service = service(store);
        service.createOrganisation("gemeente-ede-headers", "Gemeente Ede headers");
        String admin = service.createToken("organisation", "gemeente-ede-headers", "admin", null);
        String body = "{\"name\":\"Gemeente Ede headers\",\"slug\":\"gemeente-ede-headers\"}";
        int version = 1;
        for (String[] headers : new String[][] {
                {"X-API-Key", admin}, {"Authorization", admin}, {"Authorization", "Bearer " + admin}}) {
            HttpResponse<String> r = service.put("/platform/v1/organisations/gemeente-ede-headers", body,
                    headers[0], headers[1], "If-Match", "\"" + version + "\"");
            assertThat(r.statusCode()).as(headers[0] + " " + headers[1].substring(0, 6)).isEqualTo(200);
            version++;
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void organisationAdminManagesOnlyTokensWithinItsScope(TestService.Store store) {
        TestService service = service(store);
        service.createOrganisation("org-a", "A");
        service.createOrganisation("org-b", "B");
        String adminA = service.createToken("organisation", "org-a", "admin", null);
        service.createToken("organisation", "org-b", "write", null);

        String forA = "{\"name\":\"a\",\"scope\":{\"type\":\"organisation\",\"id\":\"org-a\"},\"level\":\"write\"}";
        String forB = "{\"name\":\"b\",\"scope\":{\"type\":\"organisation\",\"id\":\"org-b\"},\"level\":\"write\"}";
        String forPlatform = "{\"name\":\"p\",\"scope\":{\"type\":\"platform\"},\"level\":\"read\"}";
        assertThat(service.post("/platform/v1/tokens", forA, TestService.withKey(adminA)).statusCode()).isEqualTo(201);
        assertThat(service.post("/platform/v1/tokens", forB, TestService.withKey(adminA)).statusCode()).isEqualTo(403);
        assertThat(service.post("/platform/v1/tokens", forPlatform, TestService.withKey(adminA)).statusCode()).isEqualTo(403);

        JsonNode listed = TestService.json(service.get("/platform/v1/tokens", TestService.withKey(adminA)));
        assertThat(listed.path("tokens").findValuesAsText("organisation"))
                .isNotEmpty().allMatch(o -> o.endsWith("/org-a"));
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void revokedTokenStopsWorkingAtOnce(TestService.Store store) {
        TestService service = service(store);
        service.createOrganisation("org-revoked", "Revoked");
        HttpResponse<String> created = service.post("/platform/v1/tokens",
                "{\"name\":\"a\",\"scope\":{\"type\":\"organisation\",\"id\":\"org-revoked\"},\"level\":\"admin\"}",
                service.asAdmin());
        JsonNode token = TestService.json(created);
        String secret = token.path("secret").asText();
        assertThat(service.get("/platform/v1/tokens", TestService.withKey(secret)).statusCode()).isEqualTo(200);

        assertThat(service.delete("/platform/v1/tokens/" + token.path("id").asText(), service.asAdmin()).statusCode())
                .isEqualTo(204);

        assertThat(service.get("/platform/v1/tokens", TestService.withKey(secret)).statusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void badTokenRequestsNameTheFields(TestService.Store store) {
        TestService service = service(store);
        HttpResponse<String> r = service.post("/platform/v1/tokens",
                "{\"name\":\"\",\"scope\":{\"type\":\"platform\"},\"level\":\"owner\",\"expiresAt\":\"tomorrow\"}",
                service.asAdmin());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestService.json(r).path("invalidParams").findValuesAsText("name"))
                .containsExactlyInAnyOrder("name", "level", "expiresAt");

        HttpResponse<String> unknownScope = service.post("/platform/v1/tokens",
                "{\"name\":\"x\",\"scope\":{\"type\":\"organisation\",\"id\":\"nope\"},\"level\":\"read\"}",
                service.asAdmin());
        assertThat(unknownScope.statusCode()).isEqualTo(400);
        assertThat(unknownScope.body()).contains("scope.id");
    }
}
