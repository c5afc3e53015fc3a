package nl.vindplaats.register;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.register.v1.RegisterV1;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static nl.vindplaats.register.RegisterWriteTest.APIS;
import static nl.vindplaats.register.RegisterWriteTest.UTRECHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The documented limits per API entry (README): at the limit accepted, one more refused naming the field. */
class EntryLimitsTest {

    @Test
    void aDescriptionOfTenThousandCharactersIsAcceptedOneMoreIsRefused() {
        try (TestService service = RegisterWriteTest.start(TestService.Store.SQLITE)) {
            service.createOrganisation("gemeente-utrecht", "Gemeente Utrecht");
            String write = service.createToken("organisation", "gemeente-utrecht", "write", null);
            HttpResponse<String> accepted = service.post(APIS, registration("a".repeat(10_000)),
                    TestService.withKey(write));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);

            HttpResponse<String> refused = service.post(APIS, registration("a".repeat(10_001)),
                    TestService.withKey(write));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(TestService.json(refused).path("invalidParams").get(0).path("name").asText())
                    .isEqualTo("description");
        }
    }

    private static String registration(String description) {
        return Json.write(Map.of("oasBody", SpecServer.goodSpec("1.0.0", "https://api.utrecht.example/afval/v1"),
                "organisationUri", UTRECHT, "description", description,
                "contact", Map.of("name", "Team Afval", "email", "afval@utrecht.example")));
    }

    @Test
    void importedEntriesHoldAtMostAThousandTags() throws Exception {
        assertThat(RegisterV1.read("met-labels", v1Entry(1000)).tags()).hasSize(1000);
        assertThatThrownBy(() -> RegisterV1.read("te-veel-labels", v1Entry(1001)))
                .isInstanceOfSatisfying(RegisterV1.Invalid.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p.name()).isEqualTo("tags")));
    }

    private static ObjectNode v1Entry(int tags) {
        ObjectNode v1 = Json.object().put("service_name", "Afval").put("description", "Ophaaldagen")
                .put("organization_name", "Gemeente Utrecht").put("organization_oin", "00000001002220647000")
                .put("api_type", "rest_json").put("api_authentication", "none");
        v1.putArray("environments").addObject().put("name", "production").put("api_url", "https://api.example.nl/v1")
                .put("documentation_url", "https://example.nl/docs");
        v1.putObject("contact").put("email", "a@example.nl");
        ArrayNode list = v1.putArray("tags");
        for (int i = 0; i < tags; i++) {
            list.add("label-" + i);
        }
        return v1;
    }
}
