package nl.vindplaats.access;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class AuditAndRateLimitTest {

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void everyAcceptedWriteIsAuditedAndOnlyPlatformAdminsReadTheLog(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            service.createOrganisation("gemeente-ede", "Gemeente Ede");
            String orgAdmin = service.createToken("organisation", "gemeente-ede", "admin", null);
            service.put("/platform/v1/organisations/gemeente-ede", "{\"name\":\"Ede\",\"slug\":\"gemeente-ede\"}",
                    "X-API-Key", orgAdmin, "If-Match", "\"1\"");
            service.post("/platform/v1/organisations", "{}", "X-API-Key", orgAdmin); // refused: not audited

            HttpResponse<String> r = service.get("/platform/v1/audit", service.asAdmin());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode entries = TestService.json(r).path("entries");
            assertThat(entries).hasSize(3);
            JsonNode update = entries.get(0);
            assertThat(update.path("action").asText()).isEqualTo("organisation.update");
            assertThat(update.path("resource").asText()).isEqualTo("organisation:https://identifier.overheid.nl/tooi/id/test/gemeente-ede");
            assertThat(update.path("tokenName").asText()).isEqualTo("test admin organisation");
            assertThat(update.path("clientAddress").asText()).isNotBlank();
            assertThat(entries.get(1).path("action").asText()).isEqualTo("token.create");
            assertThat(entries.get(2).path("action").asText()).isEqualTo("organisation.create");

            assertThat(service.get("/platform/v1/audit", "X-API-Key", orgAdmin).statusCode()).isEqualTo(403);
            assertThat(service.get("/platform/v1/audit").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void clientAddressesOverTheirLimitGet429WithRetryAfter() {
        try (TestService service = TestService.start(TestService.Store.SQLITE, c -> c.with(c.server().withRateLimits(0, 5)))) {
            for (int i = 0; i < 5; i++) {
                assertThat(service.get("/waardelijsten/v1/lists").statusCode()).isEqualTo(200);
            }
            HttpResponse<String> limited = service.get("/waardelijsten/v1/lists");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
            assertThat(limited.headers().firstValue("Content-Type")).contains("application/problem+json");
        }
    }

    @Test
    void tokensOverTheirLimitGet429() {
        try (TestService service = TestService.start(TestService.Store.SQLITE, c -> c.with(c.server().withRateLimits(3, 0)))) {
            for (int i = 0; i < 3; i++) {
                assertThat(service.get("/platform/v1/tokens", service.asAdmin()).statusCode()).isEqualTo(200);
            }
            assertThat(service.get("/platform/v1/tokens", service.asAdmin()).statusCode()).isEqualTo(429);
            assertThat(service.get("/health/live").statusCode()).as("anonymous requests have their own budget").isEqualTo(200);
        }
    }
}
