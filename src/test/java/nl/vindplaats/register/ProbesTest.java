package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.Eventually;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class ProbesTest {
    static final String APIS = "/api-register/v1/apis";

    static JsonNode awaitEntry(TestService service, String id, Predicate<JsonNode> until) throws InterruptedException {
        return Eventually.value("the entry " + id + " gets there", Duration.ofSeconds(10),
                () -> TestService.json(service.get(APIS + "/" + id)), until);
    }

    static void awaitTotal(TestService service, String query, String total) throws InterruptedException {
        Eventually.value(query + " gives " + total + " results", Duration.ofSeconds(5),
                () -> service.get(APIS + query).headers().firstValue("Total-Count").orElse(""), total::equals);
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void apiIsMarkedDownAfterConsecutiveFailuresAndUpAtTheFirstAnswer(TestService.Store store) throws Exception {
        RegisterSettings settings = RegisterSettings.defaults().withAllowPrivateAddresses(true)
                .withProbes(Duration.ofMillis(250), 2, 2);
        try (SpecServer api = new SpecServer(); TestService service = TestService.start(store, c -> c.with(settings))) {
            service.createOrganisation("gemeente-utrecht", "Gemeente Utrecht");
            api.serve("/afval/v1", "application/json", "{}");
            HttpResponse<String> created = service.post(APIS, Json.write(Map.of(
                    "oasBody", SpecServer.goodSpec("1.0.0", api.url("/afval/v1")),
                    "organisationUri", RegisterWriteTest.UTRECHT, "contact", Map.of("name", "Team Afval"))),
                    service.asAdmin());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

            JsonNode up = awaitEntry(service, "afvalkalender-api", e -> e.path("availability").asText().equals("up"));
            assertThat(up.path("probe").path("lastStatusCode").asInt()).isEqualTo(200);
            assertThat(up.path("probe").path("uptime24h").asDouble()).isEqualTo(100.0);
            assertThat(up.path("probe").path("lastLatencyMs").isNumber()).isTrue();
            // the probe writes in the background: the list (index) may show it a moment after the entry (store)
            awaitTotal(service, "?availability=up", "1");

            api.serve("/afval/v1", new SpecServer.Answer(503, "text/plain", new byte[0], null, 0));
            JsonNode down = awaitEntry(service, "afvalkalender-api", e -> e.path("availability").asText().equals("down"));
            assertThat(down.path("probe").path("consecutiveFailures").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(down.path("probe").path("lastReason").asText()).isEqualTo("HTTP status 503");
            assertThat(down.path("probe").path("uptime24h").asDouble()).isLessThan(100.0);
            awaitTotal(service, "?availability=down", "1");
            JsonNode groups = TestService.json(service.get(APIS + "/filters"));
            assertThat(RegisterApiTest.option(RegisterApiTest.group(groups, "availability"), "down")
                    .path("count").asLong()).isEqualTo(1);

            // an API that wants a key answers 401: it is there
            api.serve("/afval/v1", new SpecServer.Answer(401, "text/plain", new byte[0], null, 0));
            JsonNode back = awaitEntry(service, "afvalkalender-api", e -> e.path("availability").asText().equals("up"));
            assertThat(back.path("probe").path("lastStatusCode").asInt()).isEqualTo(401);
        }
    }
}
