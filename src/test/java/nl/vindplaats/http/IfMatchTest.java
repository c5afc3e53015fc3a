package nl.vindplaats.http;

import nl.vindplaats.register.RegisterSettings;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IfMatchTest {
    /** Values that name no current version: each is refused as a stale version is, never a 500. */
    private static final List<String> NO_MATCH = List.of("\"0\"", "\"-1\"", "0", "W/\"1\"", "W/\"2\"", "garbage",
            "\"abc\"", "\"1", "\"99999999999999999999999\"", "\"1\"\"2\"");

    @Test
    void parsesAsRfc9110() {
        assertThat(IfMatch.of(null)).isNull();
        assertThat(IfMatch.of("  ")).isNull();
        assertThat(IfMatch.of("*").any()).isTrue();
        assertThat(IfMatch.of("\"3\"").versions()).containsExactly(3L);
        assertThat(IfMatch.of("\"3\", \"4\"").versions()).containsExactly(3L, 4L);
        assertThat(IfMatch.of("W/\"3\"").versions()).isEmpty();
        assertThat(IfMatch.of("\"3\"").versionToReplace(3, "x")).isEqualTo(3);
        assertThat(IfMatch.of("*").versionToReplace(7, "x")).isEqualTo(7);
        assertThatThrownBy(() -> IfMatch.of("W/\"3\"").versionToReplace(3, "x"))
                .isInstanceOf(ApiError.class).extracting(e -> ((ApiError) e).status()).isEqualTo(409);
    }

    @Test
    void platformAndRegisterRefuseEveryNonMatchingValueWith409() {
        try (TestService service = TestService.start(TestService.Store.SQLITE,
                c -> c.with(RegisterSettings.defaults().withAllowPrivateAddresses(true)))) {
            service.createOrganisation("gemeente-ede", "Gemeente Ede");
            String org = "/platform/v1/organisations/gemeente-ede";
            String body = "{\"name\":\"Gemeente Ede\",\"slug\":\"gemeente-ede\"}";
            HttpResponse<String> api = service.post("/api-register/v1/apis",
                    "{\"organisationUri\":\"https://identifier.overheid.nl/tooi/id/test/gemeente-ede\","
                            + "\"contact\":{\"email\":\"beheer@example.org\"},\"oasBody\":{\"openapi\":\"3.0.3\","
                            + "\"info\":{\"title\":\"Ede API\",\"version\":\"1.0.0\"},"
                            + "\"servers\":[{\"url\":\"https://api.example.org/ede/v1\"}],\"paths\":{}}}",
                    service.asAdmin());
            assertThat(api.statusCode()).as(api.body()).isEqualTo(201);
            String entry = api.headers().firstValue("Location").orElseThrow();

            for (String value : NO_MATCH) {
                HttpResponse<String> r = service.put(org, body, "X-API-Key", service.adminToken(), "If-Match", value);
                assertThat(r.statusCode()).as("platform If-Match: " + value + " " + r.body()).isEqualTo(409);
                assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
                HttpResponse<String> s = service.put(entry, "{\"lifecycle\":\"active\"}",
                        "X-API-Key", service.adminToken(), "If-Match", value);
                assertThat(s.statusCode()).as("register If-Match: " + value + " " + s.body()).isEqualTo(409);
            }
            assertThat(service.put(org, body, "X-API-Key", service.adminToken(), "If-Match", "").statusCode())
                    .as("an empty If-Match is no precondition").isEqualTo(428);
            assertThat(service.put(org, body, "X-API-Key", service.adminToken(), "If-Match", "*").statusCode())
                    .isEqualTo(200);
            assertThat(service.put(org, body, "X-API-Key", service.adminToken(), "If-Match", "\"7\", \"2\"")
                    .statusCode()).as("a list matches when one of its tags does").isEqualTo(200);
            assertThat(service.put(entry, "{\"lifecycle\":\"active\"}", "X-API-Key", service.adminToken(),
                    "If-Match", "*").statusCode()).isEqualTo(200);
        }
    }
}
