package nl.vindplaats.access;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.SharedServices;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganisationsApiTest {
    // One service per store, shared: each test makes an organisation of its own name and counts only that one.
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
    void createdOrganisationIsReadableAndFindableAtOnce(TestService.Store store) {
        TestService service = service(store);
        service.createOrganisation("gemeente-testdorp", "Gemeente Testdorp");

        HttpResponse<String> one = service.get("/platform/v1/organisations/gemeente-testdorp");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(one.headers().firstValue("API-Version")).contains("1.0.0");

        JsonNode found = TestService.json(service.get("/platform/v1/organisations?q=testdorp"));
        assertThat(found.path("total").asLong()).isEqualTo(1);
        assertThat(found.path("organisations").get(0).path("slug").asText()).isEqualTo("gemeente-testdorp");
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void staleVersionIsRefusedWithConflict(TestService.Store store) {
        TestService service = service(store);
        service.createOrganisation("gemeente-delft", "Gemeente Delft");
        String body = "{\"name\":\"Gemeente Delft (nieuw)\",\"slug\":\"gemeente-delft\"}";
        String[] headers = {"X-API-Key", service.adminToken(), "If-Match", "\"1\""};

        assertThat(service.put("/platform/v1/organisations/gemeente-delft", body, headers).statusCode()).isEqualTo(200);
        HttpResponse<String> stale = service.put("/platform/v1/organisations/gemeente-delft", body, headers);

        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void badInputNamesEveryInvalidField(TestService.Store store) {
        TestService service = service(store);
        HttpResponse<String> r = service.post("/platform/v1/organisations",
                "{\"id\":\"not a uri\",\"name\":\"\",\"slug\":\"Bad Slug\",\"colour\":1}", service.asAdmin());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestService.json(r).path("invalidParams").findValuesAsText("name"))
                .containsExactlyInAnyOrder("id", "name", "slug", "colour");
    }
}
