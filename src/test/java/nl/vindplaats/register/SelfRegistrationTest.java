package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** At start the instance lists its own APIs in its own register, once, with their documents and scores. */
class SelfRegistrationTest {
    private static final String B = RegisterApi.BASE;
    /** Entry id → base path of each of our APIs. */
    private static final Map<String, String> OWN = ownApis();
    private static final List<String> OUR_OWN_DESIGN = List.of("vindplaats-platform", "vindplaats-waardelijsten",
            "vindplaats-api-register");

    private static Map<String, String> ownApis() {
        Map<String, String> own = new LinkedHashMap<>();
        own.put("vindplaats-platform", "/platform/v1");
        own.put("vindplaats-waardelijsten", "/waardelijsten/v1");
        own.put("vindplaats-plooi-aanleveren", "/overheid/openbaarmaken/api/v0");
        own.put("vindplaats-open-data-documenten", "/v1");
        own.put("vindplaats-ckan", "/api/3");
        own.put("vindplaats-api-register", "/api-register/v1");
        return own;
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void everyOwnApiIsListedWithTheDocumentItServesAndItsScore(TestService.Store store) throws Exception {
        try (TestService service = TestService.start(store)) {
            String owner = service.config().baseUrl() + "/id/organisatie/vindplaats";
            JsonNode listed = ownEntries(service, owner);
            assertThat(ids(listed)).containsExactlyInAnyOrderElementsOf(OWN.keySet());

            Map<String, Integer> scores = new TreeMap<>();
            for (JsonNode item : listed) {
                String id = item.path("id").asText();
                String apiUrl = service.url(OWN.get(id));
                assertThat(item.path("organisation").path("uri").asText()).isEqualTo(owner);
                assertThat(item.path("organisation").path("label").asText()).isEqualTo("Vindplaats");
                JsonNode production = item.path("environments").path(0);
                assertThat(production.path("name").asText()).isEqualTo("production");
                assertThat(production.path("apiUrl").asText()).isEqualTo(apiUrl);
                assertThat(production.path("specificationUrl").asText()).isEqualTo(apiUrl + "/openapi.json");
                assertThat(item.path("specification").path("status").asText()).isEqualTo("valid");

                // The stored document is, byte for byte, the one the API serves; its score is our linter's.
                HttpResponse<String> served = service.get(OWN.get(id) + "/openapi.json");
                assertThat(served.statusCode()).as(id).isEqualTo(200);
                HttpResponse<String> stored = service.get(B + "/apis/" + id + "/oas/latest");
                assertThat(stored.statusCode()).as(id).isEqualTo(200);
                assertThat(stored.body()).as(id).isEqualTo(served.body());
                int score = DesignRules.lint(Json.MAPPER.readTree(served.body())).score();
                assertThat(item.path("adrScore").asInt(-1)).as(id).isEqualTo(score);
                assertThat(item.path("serviceName").asText())
                        .isEqualTo(Json.MAPPER.readTree(served.body()).path("info").path("title").asText());
                scores.put(id, score);
            }
            for (String id : OUR_OWN_DESIGN) {
                assertThat(scores.get(id)).as("ADR score of our own " + id).isEqualTo(100);
            }
            System.out.println("ADR scores of the instance's own APIs: " + scores);

            // The owner is an organisation of the register (and of the platform), found by its name.
            HttpResponse<String> organisations = service.get(B + "/organisations?q=Vindplaats");
            assertThat(Json.MAPPER.readTree(organisations.body()).findValuesAsText("uri")).contains(owner);
            // Filterable like any other organisation's entries.
            JsonNode filters = Json.MAPPER.readTree(service.get(B + "/apis/filters").body());
            assertThat(filters.toString()).contains(owner);
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void aRestartNeitherDuplicatesNorRewritesTheEntries(TestService.Store store) throws Exception {
        TestService service = TestService.start(store, c -> c.with(c.server().withPublicBaseUrl("https://vindplaats.example.nl")));
        try {
            String owner = "https://vindplaats.example.nl/id/organisatie/vindplaats";
            Map<String, String> before = versions(ownEntries(service, owner));
            assertThat(before.keySet()).containsExactlyInAnyOrderElementsOf(OWN.keySet());
            assertThat(before.values()).allMatch(v -> v.startsWith("1 "));
            long organisationsBefore = total(service.get(B + "/organisations?q=Vindplaats"));

            service = service.restart();

            assertThat(versions(ownEntries(service, owner))).isEqualTo(before);
            assertThat(total(service.get(B + "/apis?organisation=" + enc(owner)))).isEqualTo(OWN.size());
            assertThat(total(service.get(B + "/organisations?q=Vindplaats"))).isEqualTo(organisationsBefore);
            HttpResponse<String> one = service.get(B + "/apis/vindplaats-platform");
            assertThat(Json.MAPPER.readTree(one.body()).path("specification").path("versions").size()).isEqualTo(1);
            assertThat(Json.MAPPER.readTree(one.body()).path("environments").path(0).path("apiUrl").asText())
                    .isEqualTo("https://vindplaats.example.nl/platform/v1");
        } finally {
            service.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void aConfiguredOrganisationOwnsThemAndANewAddressUpdatesThemOnce(TestService.Store store) throws Exception {
        String owner = "https://identifier.overheid.nl/tooi/id/oorg/oorg99999";
        // No public base URL: the address is the port actually bound, which changes at a restart.
        TestService service = TestService.start(store, c -> c.with(c.instance().withOrganisationUri(owner)
                .withOrganisationName("Beheerorganisatie Vindplaats")));
        try {
            JsonNode first = ownEntries(service, owner);
            assertThat(ids(first)).containsExactlyInAnyOrderElementsOf(OWN.keySet());
            assertThat(first.path(0).path("organisation").path("label").asText()).isEqualTo("Beheerorganisatie Vindplaats");

            service = service.restart();

            JsonNode again = ownEntries(service, owner);
            for (JsonNode item : again) {
                String id = item.path("id").asText();
                assertThat(item.path("environments").path(0).path("apiUrl").asText()).isEqualTo(service.url(OWN.get(id)));
                assertThat(item.path("version").asLong()).as(id).isEqualTo(2);
                // The same document: still one stored version of it.
                assertThat(item.path("specification").path("versions").size()).as(id).isEqualTo(1);
            }
        } finally {
            service.close();
        }
    }

    @Test
    void ownApisAreRegisteredOnlyAfterTheirDelayAndAStopDoesNotWaitForIt() throws Exception {
        RegisterSettings later = RegisterSettings.defaults().withSelfRegistrationDelay(Duration.ofHours(1));
        TestService service = TestService.start(TestService.Store.SQLITE, c -> c.with(later));
        try {
            assertThat(service.get(B + "/apis/vindplaats-platform").statusCode()).isEqualTo(404);
        } finally {
            long stopping = System.nanoTime();
            service.close();
            // Far less than the grace period (20 s) a stop would wait for a registration still under way.
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void ourOwnEntriesAreNeitherProbedNorRefetched(TestService.Store store) throws Exception {
        RegisterSettings often = RegisterSettings.defaults().withProbes(Duration.ofMillis(200), 4, 1);
        often = new RegisterSettings(often.connectTimeout(), often.readTimeout(), often.maxSpecBytes(),
                often.maxRedirects(), false, Duration.ofMillis(200), often.probeInterval(), often.probeConcurrency(),
                often.probeDownAfter(), often.selfRegistrationDelay());
        RegisterSettings settings = often;
        try (TestService service = TestService.start(store, c -> c.with(settings))) {
            String owner = service.config().baseUrl() + "/id/organisatie/vindplaats";
            Map<String, String> before = versions(ownEntries(service, owner));
            // Several rounds of probing and refetching; a probe of localhost would be refused (down) and a
            // refetch would be refused (unreachable) by the address rules.
            Thread.sleep(1500);
            assertThat(versions(ownEntries(service, owner))).isEqualTo(before);
            for (JsonNode item : ownEntries(service, owner)) {
                assertThat(item.has("availability")).as(item.path("id").asText()).isFalse();
                assertThat(item.path("specification").path("status").asText()).isEqualTo("valid");
            }
        }
    }

    private static JsonNode ownEntries(TestService service, String owner) throws Exception {
        HttpResponse<String> r = service.get(B + "/apis?perPage=100&organisation=" + enc(owner));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private static List<String> ids(JsonNode items) {
        return java.util.stream.StreamSupport.stream(items.spliterator(), false).map(i -> i.path("id").asText()).toList();
    }

    /** id → "version modified" of each entry. */
    private static Map<String, String> versions(JsonNode items) {
        Map<String, String> versions = new TreeMap<>();
        for (JsonNode item : items) {
            versions.put(item.path("id").asText(), item.path("version").asLong() + " " + item.path("modified").asText());
        }
        return versions;
    }

    private static long total(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        return Long.parseLong(r.headers().firstValue("Total-Count").orElseThrow());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
