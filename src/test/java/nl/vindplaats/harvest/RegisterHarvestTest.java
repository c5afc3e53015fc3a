package nl.vindplaats.harvest;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static nl.vindplaats.harvest.CkanHarvestTest.SOURCES;
import static nl.vindplaats.harvest.CkanHarvestTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instance B harvests instance A's API register: the entry arrives with A's id, the organisation A names (the source
 * is trusted to), its specification fetched from A and linted on B; a write on B is refused; an unchanged entry is
 * left alone, a change on A reaches B at the next run.
 */
class RegisterHarvestTest {
    private static final String EINDHOVEN = "https://identifier.overheid.nl/tooi/id/gemeente/gm0772";

    @Test
    void bHarvestsTheApisOfAWithTheirSpecifications() {
        try (TestService a = TestService.start(TestService.Store.SQLITE);
             TestService b = TestService.start(TestService.Store.SQLITE,
                     c -> c.with(c.register().withAllowPrivateAddresses(true)))) {
            HttpResponse<String> registered = a.post("/api-register/v1/apis", "{\"organisationUri\":\"" + EINDHOVEN
                    + "\",\"contact\":{\"email\":\"api@eindhoven.example\"},\"oasBody\":{\"openapi\":\"3.0.3\","
                    + "\"info\":{\"title\":\"Bomen API\",\"description\":\"De bomen van Eindhoven.\",\"version\":\"1.0.0\"},"
                    + "\"servers\":[{\"url\":\"https://api.eindhoven.example/bomen/v1\"}],\"paths\":{}}}", a.asAdmin());
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            JsonNode onA = TestService.json(registered);
            String id = onA.path("id").asText();

            HttpResponse<String> created = b.post(SOURCES, "{\"type\":\"register\",\"url\":\"" + a.url("/")
                    + "\",\"organisation\":\"gm0344\",\"options\":{\"trustedToNameOrganisation\":true}}", b.asAdmin());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String sourceId = TestService.json(created).path("id").asText();

            JsonNode first = run(b, sourceId, false);
            assertThat(first.path("state").asText()).as(first.toString()).isEqualTo("finished");
            assertThat(first.at("/counts/created").asInt()).as(first.toString()).isEqualTo(1);

            JsonNode onB = TestService.json(b.get("/api-register/v1/apis/" + id));
            assertThat(onB.path("serviceName").asText()).isEqualTo("Bomen API");
            assertThat(onB.at("/organisation/uri").asText()).isEqualTo(EINDHOVEN);
            assertThat(onB.at("/contact/email").asText()).isEqualTo("api@eindhoven.example");
            assertThat(onB.at("/specification/sha256").asText()).as("fetched from A")
                    .isEqualTo(onA.at("/specification/sha256").asText());
            assertThat(onB.at("/specification/adrScore").isMissingNode() && onB.path("adrScore").isMissingNode())
                    .as("linted on B: " + onB).isFalse();
            assertThat(onB.at("/extra/harvestSourceId").asText()).isEqualTo(sourceId);
            assertThat(b.get("/api-register/v1/apis/" + id + "/oas/1.0.0").statusCode()).isEqualTo(200);

            HttpResponse<String> refused = b.put("/api-register/v1/apis/" + id, "{\"description\":\"Hier.\"}",
                    b.asAdmin());
            assertThat(refused.statusCode()).as("a harvested API changes only through its harvest").isEqualTo(409);
            assertThat(refused.body()).contains("harvested from").contains(a.url("/"));

            JsonNode again = run(b, sourceId, false);
            assertThat(again.at("/counts/unchanged").asInt()).as(again.toString()).isEqualTo(1);
            assertThat(again.at("/requests/requests").asInt()).as("only the listing").isEqualTo(1);

            HttpResponse<String> changed = a.put("/api-register/v1/apis/" + id,
                    "{\"description\":\"Alle bomen van Eindhoven.\"}", a.asAdmin());
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            JsonNode third = run(b, sourceId, false);
            assertThat(third.at("/counts/updated").asInt()).as(third.toString()).isEqualTo(1);
            assertThat(TestService.json(b.get("/api-register/v1/apis/" + id)).path("description").asText())
                    .isEqualTo("Alle bomen van Eindhoven.");
        }
    }
}
