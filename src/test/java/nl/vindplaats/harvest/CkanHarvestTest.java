package nl.vindplaats.harvest;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.Eventually;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instance B harvests instance A over A's CKAN Action API: datasets arrive with A's ids and names and the marks of
 * their source, belong to the organisation A names (the source is trusted to), change when A changes them, are
 * withdrawn at a full run when A deletes them, and refuse changes made on B.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CkanHarvestTest {
    static final String SOURCES = "/platform/v1/harvest-sources";
    private static final String EINDHOVEN = "https://identifier.overheid.nl/tooi/id/gemeente/gm0772";
    private static final String UTRECHT = "https://identifier.overheid.nl/tooi/id/gemeente/gm0344";
    private TestService a;
    private TestService b;

    @BeforeAll
    void start() {
        a = TestService.start(TestService.Store.SQLITE);
        b = TestService.start(TestService.Store.SQLITE,
                c -> c.with(c.register().withAllowPrivateAddresses(true)));
    }

    @AfterAll
    void stop() {
        a.close();
        b.close();
    }

    private void publishOnA(String name, String title) {
        publishOnA(name, title, "gm0772");
    }

    private void publishOnA(String name, String title, String organisation) {
        HttpResponse<String> r = a.post("/api/3/action/package_create", "{\"name\":\"" + name + "\",\"title\":\"" + title
                + "\",\"owner_org\":\"" + organisation + "\",\"notes\":\"Eerste versie.\",\"tags\":[{\"name\":\"bomen\"}],"
                + "\"extras\":[{\"key\":\"bron\",\"value\":\"gemeente\"}],"
                + "\"resources\":[{\"url\":\"https://data.eindhoven.example/" + name + ".csv\",\"name\":\"CSV\"}]}",
                "Authorization", a.adminToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** Starts a run on B and waits until it has ended; returns the run. */
    static JsonNode run(TestService b, String sourceId, boolean full) {
        HttpResponse<String> started = b.post(SOURCES + "/" + sourceId + "/runs", "{\"full\":" + full + "}", b.asAdmin());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        return Eventually.value("run " + location + " ends", Duration.ofSeconds(60),
                () -> TestService.json(b.get(location, b.asAdmin())),
                run -> run.path("state").asText().equals("finished") || run.path("state").asText().equals("failed"));
    }

    private JsonNode showOnB(String name) {
        return TestService.json(b.post("/api/3/action/package_show", "{\"id\":\"" + name + "\"}", "Authorization",
                b.adminToken()));
    }

    @Test
    void bHarvestsAsDatasetsOverCkanFollowingChangesAndDeletions() {
        publishOnA("bomen-eindhoven", "Bomen in Eindhoven");
        publishOnA("lantaarnpalen", "Lantaarnpalen");
        publishOnA("speelplaatsen", "Speelplaatsen");

        HttpResponse<String> created = b.post(SOURCES, "{\"type\":\"ckan\",\"url\":\"" + a.url("/") + "\","
                + "\"organisation\":\"gm0344\",\"title\":\"Instantie A\",\"options\":{\"trustedToNameOrganisation\":true,"
                + "\"rows\":2,\"organizations_filter_include\":[\"gm0772\"]}}", b.asAdmin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String sourceId = TestService.json(created).path("id").asText();

        JsonNode first = run(b, sourceId, false);
        assertThat(first.path("state").asText()).as(first.toString()).isEqualTo("finished");
        assertThat(first.path("full").asBoolean()).as("the first run is a full one").isTrue();
        assertThat(first.at("/counts/created").asInt()).as(first.toString()).isEqualTo(3);
        assertThat(first.at("/counts/failed").asInt()).isZero();
        assertThat(first.at("/progress/total").asInt()).isEqualTo(3);
        assertThat(first.at("/progress/done").asInt()).isEqualTo(3);
        assertThat(first.at("/requests/requests").asInt()).as("two pages of two, then an empty page").isEqualTo(3);

        JsonNode onA = TestService.json(a.post("/api/3/action/package_show", "{\"id\":\"bomen-eindhoven\"}"));
        JsonNode harvested = showOnB("bomen-eindhoven").path("result");
        assertThat(harvested.path("id").asText()).isEqualTo(onA.at("/result/id").asText());
        assertThat(harvested.path("title").asText()).isEqualTo("Bomen in Eindhoven");
        assertThat(harvested.path("owner_org").asText()).as("the trusted source names the organisation")
                .isEqualTo(EINDHOVEN);
        assertThat(harvested.path("metadata_modified").asText()).isEqualTo(onA.at("/result/metadata_modified").asText());
        assertThat(harvested.path("resources").path(0).path("url").asText())
                .isEqualTo("https://data.eindhoven.example/bomen-eindhoven.csv");
        assertThat(extra(harvested, "harvest_source_id")).isEqualTo(sourceId);
        assertThat(extra(harvested, "guid")).isEqualTo(onA.at("/result/id").asText());
        assertThat(extra(harvested, "harvest_url")).isEqualTo(a.url("/dataset/bomen-eindhoven"));
        assertThat(extra(harvested, "bron")).isEqualTo("gemeente");

        // A write on B to a harvested dataset is refused in CKAN's error format.
        HttpResponse<String> refused = b.post("/api/3/action/package_patch",
                "{\"id\":\"bomen-eindhoven\",\"notes\":\"Hier veranderd.\"}", "Authorization", b.adminToken());
        assertThat(refused.statusCode()).isEqualTo(409);
        JsonNode error = TestService.json(refused);
        assertThat(error.path("success").asBoolean()).isFalse();
        assertThat(error.at("/error/__type").asText()).isEqualTo("Validation Error");
        assertThat(error.at("/error/harvest_source_id/0").asText()).contains("harvested from").contains(a.url("/"));
        assertThat(b.post("/api/3/action/package_delete", "{\"id\":\"lantaarnpalen\"}", "Authorization",
                b.adminToken()).statusCode()).isEqualTo(409);
        assertThat(b.post("/api/3/action/package_create", "{\"name\":\"nep\",\"owner_org\":\"gm0344\",\"extras\":"
                + "[{\"key\":\"harvest_source_id\",\"value\":\"" + sourceId + "\"}]}", "Authorization",
                b.adminToken()).statusCode()).as("only the harvest marks a dataset harvested").isEqualTo(409);

        // A change and a deletion on A.
        HttpResponse<String> patched = a.post("/api/3/action/package_patch",
                "{\"id\":\"lantaarnpalen\",\"notes\":\"Tweede versie.\"}", "Authorization", a.adminToken());
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(a.post("/api/3/action/package_delete", "{\"id\":\"speelplaatsen\"}", "Authorization",
                a.adminToken()).statusCode()).isEqualTo(200);

        JsonNode incremental = run(b, sourceId, false);
        assertThat(incremental.path("full").asBoolean()).isFalse();
        assertThat(incremental.at("/counts/updated").asInt()).as(incremental.toString()).isEqualTo(1);
        assertThat(incremental.at("/counts/unchanged").asInt()).isEqualTo(1);
        assertThat(incremental.at("/counts/withdrawn").asInt()).as("an incremental run cannot see deletions").isZero();
        assertThat(showOnB("lantaarnpalen").at("/result/notes").asText()).isEqualTo("Tweede versie.");

        JsonNode full = run(b, sourceId, true);
        assertThat(full.at("/counts/withdrawn").asInt()).as(full.toString()).isEqualTo(1);
        assertThat(full.at("/counts/unchanged").asInt()).isEqualTo(2);
        assertThat(full.at("/counts/created").asInt() + full.at("/counts/updated").asInt()).isZero();
        assertThat(showOnB("speelplaatsen").at("/result/state").asText()).isEqualTo("deleted");
        assertThat(b.post("/api/3/action/package_search", "{\"q\":\"speelplaatsen\"}").body())
                .doesNotContain("\"name\":\"speelplaatsen\"");

        JsonNode again = run(b, sourceId, true);
        assertThat(again.at("/counts/unchanged").asInt()).isEqualTo(2);
        assertThat(again.at("/counts/created").asInt() + again.at("/counts/updated").asInt()
                + again.at("/counts/withdrawn").asInt() + again.at("/counts/failed").asInt()).isZero();

        JsonNode runs = TestService.json(b.get(SOURCES + "/" + sourceId + "/runs", b.asAdmin()));
        assertThat(runs.path("total").asInt()).isEqualTo(4);
        assertThat(runs.path("runs").path(0).path("id").asText()).as("newest first").isEqualTo(again.path("id").asText());
    }

    @Test
    void anUntrustedSourceFillsItsOwnOrganisationAndARecordThatDoesNotFitFailsAlone() {
        publishOnA("afvalbakken", "Afvalbakken", "gm0363");
        // B has a dataset of its own by that name: the harvested one cannot take it.
        assertThat(b.post("/api/3/action/package_create", "{\"name\":\"afvalbakken\",\"owner_org\":\"gm0344\"}",
                "Authorization", b.adminToken()).statusCode()).isEqualTo(200);
        publishOnA("bankjes", "Bankjes", "gm0363");
        HttpResponse<String> created = b.post(SOURCES, "{\"type\":\"ckan\",\"url\":\"" + a.url("") + "\","
                + "\"organisation\":\"gm0344\",\"options\":{\"organizations_filter_include\":[\"gm0363\"]}}",
                b.asAdmin());
        String sourceId = TestService.json(created).path("id").asText();
        JsonNode run = run(b, sourceId, true);
        assertThat(run.path("state").asText()).isEqualTo("finished");
        assertThat(run.at("/counts/failed").asInt()).as(run.toString()).isEqualTo(1);
        assertThat(run.at("/failures/0/reason").asText()).as(run.toString()).contains("name");
        assertThat(showOnB("bankjes").at("/result/owner_org").asText()).isEqualTo(UTRECHT);
    }

    private static String extra(JsonNode dataset, String key) {
        for (JsonNode e : dataset.path("extras")) {
            if (e.path("key").asText().equals(key)) {
                return e.path("value").asText();
            }
        }
        return null;
    }
}
