package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RegisterWriteTest {
    static final String APIS = "/api-register/v1/apis";
    static final String UTRECHT = "https://identifier.overheid.nl/tooi/id/test/gemeente-utrecht";

    static TestService start(TestService.Store store) {
        return TestService.start(store, c -> c.with(RegisterSettings.defaults().withAllowPrivateAddresses(true)));
    }

    static String registration(String oasUrl) {
        return Json.write(Map.of("oasUrl", oasUrl, "organisationUri", UTRECHT,
                "contact", Map.of("name", "Team Afval", "email", "afval@utrecht.example")));
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void organisationRegistersItsApiFromItsOpenApiDocument(TestService.Store store) {
        try (TestService service = start(store); SpecServer specs = new SpecServer()) {
            service.createOrganisation("gemeente-utrecht", "Gemeente Utrecht");
            String write = service.createToken("organisation", "gemeente-utrecht", "write", null);
            specs.serve("/afval/openapi.json", "application/json",
                    SpecServer.goodSpec("1.0.0", "https://api.utrecht.example/afval/v1"));

            HttpResponse<String> created = service.post(APIS, registration(specs.url("/afval/openapi.json")),
                    TestService.withKey(write));

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.headers().firstValue("Location")).contains(APIS + "/afvalkalender-api");
            JsonNode api = TestService.json(created);
            assertThat(api.path("serviceName").asText()).isEqualTo("Afvalkalender API");
            assertThat(api.path("description").asText()).isEqualTo("Ophaaldagen van afval");
            assertThat(api.path("organisation").path("label").asText()).isEqualTo("Gemeente Utrecht");
            assertThat(api.path("authentication").asText()).isEqualTo("api_key");
            assertThat(api.path("adrScore").asInt()).isEqualTo(100);
            assertThat(api.path("environments").get(0).path("apiUrl").asText())
                    .isEqualTo("https://api.utrecht.example/afval/v1");
            JsonNode spec = api.path("specification");
            assertThat(spec.path("status").asText()).isEqualTo("valid");
            assertThat(spec.path("version").asText()).isEqualTo("1.0.0");
            assertThat(spec.path("sha256").asText()).hasSize(64);

            HttpResponse<String> oas = service.get(APIS + "/afvalkalender-api/oas/1.0.0");
            assertThat(oas.statusCode()).isEqualTo(200);
            assertThat(oas.headers().firstValue("OAS-Version")).contains("1.0.0");
            assertThat(oas.headers().firstValue("OAS-Source")).contains(specs.url("/afval/openapi.json"));
            assertThat(oas.body()).isEqualTo(SpecServer.goodSpec("1.0.0", "https://api.utrecht.example/afval/v1"));

            // findable at once, by words and by score
            assertThat(service.get(APIS + "/_search?q=ophaaldag").body()).contains("afvalkalender-api");
            assertThat(RegisterApiTest.othersCount(service, "?adrScore=100")).isEqualTo(1);
            assertThat(service.get(APIS + "?organisation=" + RegisterApiTest.enc(UTRECHT)).headers()
                    .firstValue("Total-Count")).contains("1");
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void writesNeedAWriteTokenOnThatOrganisation(TestService.Store store) {
        try (TestService service = start(store); SpecServer specs = new SpecServer()) {
            service.createOrganisation("gemeente-utrecht", "Gemeente Utrecht");
            service.createOrganisation("gemeente-delft", "Gemeente Delft");
            String delft = service.createToken("organisation", "gemeente-delft", "write", null);
            String utrechtRead = service.createToken("organisation", "gemeente-utrecht", "read", null);
            specs.serve("/a.json", "application/json", SpecServer.goodSpec("1.0.0", "https://a.example/v1"));
            String body = registration(specs.url("/a.json"));

            assertThat(service.post(APIS, body).statusCode()).isEqualTo(401);
            assertThat(service.post(APIS, body, TestService.withKey(delft)).statusCode()).isEqualTo(403);
            assertThat(service.post(APIS, body, TestService.withKey(utrechtRead)).statusCode()).isEqualTo(403);
            assertThat(RegisterApiTest.othersCount(service, "")).isZero();

            String utrecht = service.createToken("organisation", "gemeente-utrecht", "write", null);
            assertThat(service.post(APIS, body, TestService.withKey(utrecht)).statusCode()).isEqualTo(201);
            assertThat(service.put(APIS + "/afvalkalender-api", "{}", TestService.withKey(delft)).statusCode())
                    .isEqualTo(403);
            // a token scoped to the single entry may update it
            String entryToken = service.createToken("api-entry", "afvalkalender-api", "write", null);
            assertThat(service.put(APIS + "/afvalkalender-api", "{\"lifecycle\":\"deprecated\"}",
                    TestService.withKey(entryToken)).statusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void badRegistrationsNameEveryField(TestService.Store store) {
        try (TestService service = start(store)) {
            service.createOrganisation("gemeente-utrecht", "Gemeente Utrecht");
            String write = service.createToken("organisation", "gemeente-utrecht", "write", null);

            HttpResponse<String> r = service.post(APIS, Json.write(Map.of("organisationUri", UTRECHT,
                    "apiType", "telepathy", "colour", "blue", "contact", Map.of("email", "geen-adres"))),
                    TestService.withKey(write));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(TestService.json(r).path("invalidParams").findValuesAsText("name"))
                    .containsExactlyInAnyOrder("oasUrl", "apiType", "colour", "contact.email");

            HttpResponse<String> unknownOrg = service.post(APIS, Json.write(Map.of("organisationUri",
                    "https://identifier.overheid.nl/tooi/id/gemeente/gm9999", "oasBody", "{}")), service.asAdmin());
            assertThat(unknownOrg.statusCode()).isEqualTo(400);
            assertThat(TestService.json(unknownOrg).path("invalidParams").get(0).path("name").asText())
                    .isEqualTo("organisationUri");

            HttpResponse<String> notOpenApi = service.post(APIS, Json.write(Map.of("organisationUri", UTRECHT,
                    "oasBody", "<html>hallo</html>", "contact", Map.of("name", "x"))), TestService.withKey(write));
            assertThat(notOpenApi.statusCode()).isEqualTo(400);
            assertThat(TestService.json(notOpenApi).path("invalidParams").get(0).path("reason").asText())
                    .contains("invalid");
            assertThat(service.post(APIS, "{not json", TestService.withKey(write)).statusCode()).isEqualTo(400);
            assertThat(RegisterApiTest.othersCount(service, "")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void putRefreshesTheSpecificationAndKeepsEveryVersion(TestService.Store store) {
        try (TestService service = start(store); SpecServer specs = new SpecServer()) {
            service.createOrganisation("gemeente-utrecht", "Gemeente Utrecht");
            String write = service.createToken("organisation", "gemeente-utrecht", "write", null);
            specs.serve("/afval.yaml", "application/yaml", """
                    openapi: 3.0.3
                    info:
                      title: Afvalkalender API
                      version: 1.0.0
                    servers:
                      - url: https://api.utrecht.example/afval
                    paths: {}
                    """);
            HttpResponse<String> created = service.post(APIS, registration(specs.url("/afval.yaml")),
                    TestService.withKey(write));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode first = TestService.json(created);
            assertThat(first.path("adrScore").asInt()).isLessThan(100);
            assertThat(first.path("specification").path("findings").findValuesAsText("rule"))
                    .contains("nlgov:include-major-version-in-uri", "info-contact");

            specs.serve("/afval.yaml", "application/json", SpecServer.goodSpec("1.1.0", "https://api.utrecht.example/afval/v1"));
            HttpResponse<String> refreshed = service.put(APIS + "/afvalkalender-api", "", TestService.withKey(write));

            assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
            JsonNode second = TestService.json(refreshed);
            assertThat(second.path("version").asLong()).isEqualTo(2);
            assertThat(second.path("adrScore").asInt()).isEqualTo(100);
            assertThat(second.path("specification").path("versions").findValuesAsText("version"))
                    .containsExactly("1.0.0", "1.1.0");
            assertThat(service.get(APIS + "/afvalkalender-api/oas/1.0.0").body()).contains("title: Afvalkalender API");
            assertThat(service.get(APIS + "/afvalkalender-api/oas/1.0.0").headers().firstValue("Content-Type"))
                    .contains("application/yaml");
            assertThat(service.get(APIS + "/afvalkalender-api/oas/latest").headers().firstValue("OAS-Version"))
                    .contains("1.1.0");
            assertThat(service.get(APIS + "/afvalkalender-api/oas/9.9.9").statusCode()).isEqualTo(404);
            // A version no document can carry is bad input, as the document's 400 says (ADR invalid-input).
            for (String bad : new String[] {"1.0%01", "%20", "9".repeat(RegisterApi.MAX_VERSION_LENGTH + 1)}) {
                HttpResponse<String> refused = service.get(APIS + "/afvalkalender-api/oas/" + bad);
                assertThat(refused.statusCode()).as(bad).isEqualTo(400);
                assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
                assertThat(TestService.json(refused).at("/invalidParams/0/name").asText()).isEqualTo("version");
            }

            // stale If-Match is refused; retiring is a lifecycle state, and it is filterable
            assertThat(service.put(APIS + "/afvalkalender-api", "{\"lifecycle\":\"retired\"}",
                    "X-API-Key", write, "If-Match", "\"1\"").statusCode()).isEqualTo(409);
            assertThat(service.put(APIS + "/afvalkalender-api", "{\"lifecycle\":\"retired\"}",
                    "X-API-Key", write, "If-Match", "\"2\"").statusCode()).isEqualTo(200);
            assertThat(service.get(APIS + "?status=retired").headers().firstValue("Total-Count")).contains("1");
            assertThat(service.delete(APIS + "/afvalkalender-api", TestService.withKey(write)).statusCode())
                    .isIn(404, 405);
        }
    }
}
