package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.register.v1.RegisterImport;
import nl.vindplaats.register.v1.RegisterImportTest;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class RegisterApiTest {
    static final String APIS = "/api-register/v1/apis";
    static final String KADASTER_OIN = "00000001802327497000";

    /** The tests that only read the real entries share one service with them per store: none of them writes. */
    private final Map<TestService.Store, TestService> realEntries = new EnumMap<>(TestService.Store.class);

    private TestService sharedWithRealEntries(TestService.Store store) throws IOException {
        TestService service = realEntries.get(store);
        if (service == null) {
            service = withRealEntries(store);
            realEntries.put(store, service);
        }
        return service;
    }

    @AfterAll
    void stopSharedServices() {
        realEntries.values().forEach(TestService::close);
    }

    static TestService withRealEntries(TestService.Store store) throws IOException {
        TestService service = TestService.start(store, c -> c.with(
                RegisterSettings.defaults().withAllowPrivateAddresses(true)));
        RegisterImport.Report report = new RegisterImport(service.app().store()).importFiles(RegisterImportTest.sharedFiles());
        assertThat(report.created()).isEqualTo(82);
        return service;
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The organisation that owns the instance's own APIs, which it registers at every start (SelfRegistrationTest). */
    static String instanceOrganisation(TestService service) {
        return service.config().instanceOrganisationUriOrDefault();
    }

    /**
     * Total-Count of {@code GET /apis?query}, not counting the instance's own APIs: the count of the
     * same query minus that of the same query within the instance's organisation.
     */
    public static long othersCount(TestService service, String query) {
        if (query.contains("organisation=")) {
            throw new IllegalArgumentException("organisation filters are combined with or; count those directly");
        }
        String own = (query.isEmpty() ? "?" : query + "&") + "organisation=" + enc(instanceOrganisation(service));
        return totalCount(service.get(APIS + query)) - totalCount(service.get(APIS + own));
    }

    static long totalCount(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Long.parseLong(r.headers().firstValue("Total-Count").orElseThrow());
    }

    static List<String> ids(HttpResponse<String> r) {
        List<String> ids = new ArrayList<>();
        TestService.json(r).forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void listPagesByIdWithTheRegistersPagingHeaders(TestService.Store store) throws IOException {
        TestService service = sharedWithRealEntries(store);
        HttpResponse<String> page2 = service.get(APIS + "?page=2&perPage=10");

        assertThat(page2.statusCode()).isEqualTo(200);
        assertThat(page2.headers().firstValue("API-Version")).contains("1.0.0");
        assertThat(othersCount(service, "")).isEqualTo(82);
        assertThat(totalCount(page2)).isEqualTo(82 + totalCount(service.get(APIS + "?organisation="
                + enc(instanceOrganisation(service)))));
        assertThat(page2.headers().firstValue("Current-Page")).contains("2");
        assertThat(page2.headers().firstValue("Per-Page")).contains("10");
        assertThat(page2.headers().firstValue("Total-Pages")).contains("9");
        String link = page2.headers().firstValue("Link").orElseThrow();
        assertThat(link).contains("<" + APIS + "?page=3&perPage=10>; rel=\"next\"",
                "<" + APIS + "?page=1&perPage=10>; rel=\"prev\"", "<" + APIS + "?page=9&perPage=10>; rel=\"last\"");
        List<String> ids = ids(page2);
        assertThat(ids).hasSize(10).isSorted();
        assertThat(TestService.json(page2).get(0).path("_links").path("self").path("href").asText())
                .isEqualTo(APIS + "/" + ids.getFirst());

        HttpResponse<String> filtered = service.get(APIS + "?apiType=rest_xml&perPage=1");
        assertThat(filtered.headers().firstValue("Total-Count")).contains("2");
        assertThat(filtered.headers().firstValue("Link").orElseThrow()).contains("apiType=rest_xml");
        assertThat(othersCount(service, "?auth=api_key")).isEqualTo(3);
        assertThat(service.get(APIS + "?organisation=" + KADASTER_OIN).headers().firstValue("Total-Count"))
                .contains("5");
        assertThat(service.get(APIS + "?organisation=" + KADASTER_OIN + "&auth=api_key").headers()
                .firstValue("Total-Count")).contains("2");
        assertThat(service.get(APIS + "?apiType=wfs,rest_xml").headers().firstValue("Total-Count")).contains("3");
        assertThat(othersCount(service, "?status=active")).isEqualTo(82);
        assertThat(service.get(APIS + "?status=retired").headers().firstValue("Total-Count")).contains("0");
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void badPagingOrFilterValuesAreProblems(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            for (String query : List.of("perPage=101", "perPage=0", "page=x", "auth=password", "status=dead",
                    "adrScore=101", "apiType=soap")) {
                HttpResponse<String> r = service.get(APIS + "?" + query);
                assertThat(r.statusCode()).as(query).isEqualTo(400);
                assertThat(r.headers().firstValue("Content-Type")).as(query).contains("application/problem+json");
                assertThat(TestService.json(r).path("invalidParams").get(0).path("name").asText())
                        .isEqualTo(query.substring(0, query.indexOf('=')));
            }
            HttpResponse<String> missing = service.get(APIS + "/bestaat-niet");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(service.get(APIS + "/_search").statusCode()).isEqualTo(400);
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void searchFindsDutchWordFormsAndMarksThem(TestService.Store store) throws IOException {
        TestService service = sharedWithRealEntries(store);
        HttpResponse<String> r = service.get(APIS + "/_search?q=afvalcontainer");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ids(r)).contains("afvalcontainers", "gemeente-amsterdam-afvalcontainers");
        assertThat(TestService.json(r).get(0).path("highlights").toString()).contains("<em>");

        HttpResponse<String> org = service.get(APIS + "/_search?q=" + enc("kadaster brk"));
        assertThat(ids(org)).contains("kadaster-brk");
        HttpResponse<String> narrowed = service.get(APIS + "/_search?q=kadaster&apiType=wfs");
        assertThat(ids(narrowed)).containsExactly("vng-cdf-energie-maps"); // the one WFS mentions the Kadaster
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void filterGroupsCountWithinTheOtherActiveFilters(TestService.Store store) throws IOException {
        TestService service = sharedWithRealEntries(store);
        JsonNode groups = TestService.json(service.get(APIS + "/filters?apiType=rest_xml"));

        JsonNode apiType = group(groups, "apiType");
        // 77 real entries, plus the instance's own (all REST/JSON)
        JsonNode ownGroups = TestService.json(service.get(APIS + "/filters?apiType=rest_xml&organisation="
                + enc(instanceOrganisation(service))));
        assertThat(option(apiType, "rest_json").path("count").asLong()
                - option(group(ownGroups, "apiType"), "rest_json").path("count").asLong()).isEqualTo(77);
        assertThat(option(apiType, "rest_xml").path("selected").asBoolean()).isTrue();
        assertThat(option(apiType, "rest_xml").path("label").asText()).isEqualTo("REST/XML");
        long organisationTotal = 0;
        for (JsonNode o : group(groups, "organisation").path("options")) {
            organisationTotal += o.path("count").asLong();
        }
        assertThat(organisationTotal).isEqualTo(2);

        JsonNode all = TestService.json(service.get(APIS + "/filters"));
        JsonNode kadaster = option(group(all, "organisation"), KADASTER_OIN);
        assertThat(kadaster.path("count").asLong()).isEqualTo(5);
        assertThat(kadaster.path("label").asText()).isEqualTo("Dienst voor het kadaster en de openbare registers");
        assertThat(option(group(all, "auth"), "unknown").path("count").asLong()).isEqualTo(69);
    }

    static JsonNode group(JsonNode groups, String key) {
        for (JsonNode g : groups) {
            if (g.path("key").asText().equals(key)) {
                return g;
            }
        }
        throw new AssertionError("no group " + key + " in " + groups);
    }

    static JsonNode option(JsonNode group, String value) {
        for (JsonNode o : group.path("options")) {
            if (o.path("value").asText().equals(value)) {
                return o;
            }
        }
        throw new AssertionError("no option " + value + " in " + group);
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void oneEntryAsJsonOrAsDcatDataService(TestService.Store store) throws IOException {
        TestService service = sharedWithRealEntries(store);
        HttpResponse<String> json = service.get(APIS + "/kadaster-brt");
        assertThat(json.headers().firstValue("Vary")).contains("Accept");
        JsonNode entry = TestService.json(json);
        assertThat(entry.path("serviceName").asText()).isEqualTo("Basisregistratie Topografie (BRT)");
        assertThat(entry.path("forum").path("url").asText()).isEqualTo("https://geoforum.nl/c/datasets/brt");
        assertThat(entry.path("lifecycle").path("status").asText()).isEqualTo("active");

        HttpResponse<String> ld = service.get(APIS + "/kadaster-brt", "Accept", "application/ld+json");
        assertThat(ld.headers().firstValue("Content-Type").orElse("")).startsWith("application/ld+json");
        JsonNode doc = TestService.json(ld);
        assertThat(doc.path("@type").asText()).isEqualTo("dcat:DataService");
        assertThat(doc.path("@context").path("dcat").asText()).isEqualTo("http://www.w3.org/ns/dcat#");
        assertThat(doc.path("@id").asText()).isEqualTo(service.url(APIS + "/kadaster-brt"));
        assertThat(doc.path("dcat:endpointURL").path("@id").asText())
                .isEqualTo("https://brt.basisregistraties.overheid.nl/api/v2");
        assertThat(doc.path("dcat:keyword").toString()).contains("brt");

        HttpResponse<String> preferJson = service.get(APIS + "/kadaster-brt",
                "Accept", "application/json, application/ld+json;q=0.5");
        assertThat(preferJson.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void organisationsAreListedAndAddedByThePlatformAdmin(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            String body = "{\"uri\":\"https://identifier.overheid.nl/tooi/id/test/proefregister\",\"label\":\"Proefgemeente Register\"}";
            assertThat(service.post("/api-register/v1/organisations", body).statusCode()).isEqualTo(401);
            HttpResponse<String> created = service.post("/api-register/v1/organisations", body, service.asAdmin());
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(service.post("/api-register/v1/organisations", body, service.asAdmin()).statusCode())
                    .isEqualTo(409);
            HttpResponse<String> bad = service.post("/api-register/v1/organisations", "{\"label\":\"\"}", service.asAdmin());
            assertThat(TestService.json(bad).path("invalidParams").findValuesAsText("name"))
                    .containsExactlyInAnyOrder("uri", "label");

            HttpResponse<String> list = service.get("/api-register/v1/organisations?q=proefgemeente");
            assertThat(list.headers().firstValue("Total-Count")).contains("1");
            JsonNode first = TestService.json(list).get(0);
            assertThat(first.path("uri").asText()).isEqualTo("https://identifier.overheid.nl/tooi/id/test/proefregister");
            assertThat(first.path("label").asText()).isEqualTo("Proefgemeente Register");
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void ownOpenApiDocumentScoresFullMarks(TestService.Store store) {
        try (TestService service = TestService.start(store, c -> c.with(
                RegisterSettings.defaults().withAllowPrivateAddresses(true)))) {
            HttpResponse<String> doc = service.get("/api-register/v1/openapi.json");
            assertThat(doc.statusCode()).isEqualTo(200);
            DesignRules.Result lint = DesignRules.lint(Json.read(doc.body()));
            assertThat(lint.findings()).filteredOn(f -> f.severity().equals(DesignRules.ERROR)).isEmpty();
            assertThat(lint.score()).isEqualTo(100);

            // and the register says so too when it is registered in itself
            service.post("/api-register/v1/organisations",
                    "{\"uri\":\"https://identifier.overheid.nl/tooi/id/ministerie/mnre1034\",\"label\":\"BZK\"}",
                    service.asAdmin());
            HttpResponse<String> created = service.post(APIS, Json.write(java.util.Map.of(
                    "oasUrl", service.url("/api-register/v1/openapi.json"),
                    "organisationUri", "https://identifier.overheid.nl/tooi/id/ministerie/mnre1034",
                    "contact", java.util.Map.of("email", "beheer@vindplaats.example"))), service.asAdmin());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(TestService.json(created).path("adrScore").asInt()).isEqualTo(100);
            // The id its title gives is taken by the instance's own entry for the same API, which scores 100 too.
            assertThat(TestService.json(created).path("id").asText()).isEqualTo("vindplaats-api-register-2");
            JsonNode own = TestService.json(service.get(APIS + "/vindplaats-api-register"));
            assertThat(own.path("organisation").path("uri").asText()).isEqualTo(instanceOrganisation(service));
            assertThat(own.path("adrScore").asInt()).isEqualTo(100);
        }
    }
}
