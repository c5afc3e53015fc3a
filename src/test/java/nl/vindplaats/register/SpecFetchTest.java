package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SpecFetchTest {
    static final String APIS = "/api-register/v1/apis";
    static final String UTRECHT = RegisterWriteTest.UTRECHT;

    static TestService start(TestService.Store store, RegisterSettings settings) {
        TestService service = TestService.start(store, c -> c.with(settings));
        service.createOrganisation("gemeente-utrecht", "Gemeente Utrecht");
        return service;
    }

    static RegisterSettings allowed() {
        return RegisterSettings.defaults().withAllowPrivateAddresses(true)
                .withLimits(Duration.ofSeconds(2), Duration.ofSeconds(1), 2000, 2);
    }

    /** Registers from the URL and returns the reason given for oasUrl (the registration must be refused). */
    static String refusal(TestService service, String url) {
        HttpResponse<String> r = service.post(APIS, RegisterWriteTest.registration(url), service.asAdmin());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode param = TestService.json(r).path("invalidParams").get(0);
        assertThat(param.path("name").asText()).isEqualTo("oasUrl");
        return param.path("reason").asText();
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void internalAddressesAreRefusedUnlessTheOperatorAllowsThem(TestService.Store store) {
        try (SpecServer specs = new SpecServer()) {
            specs.serve("/openapi.json", "application/json", SpecServer.goodSpec("1.0.0", "https://a.example/v1"));
            try (TestService closed = start(store, RegisterSettings.defaults())) {
                assertThat(refusal(closed, specs.url("/openapi.json"))).contains("unreachable", "internal address");
                assertThat(refusal(closed, "http://localhost:1/openapi.json")).contains("internal address");
            }
            try (TestService open = start(store, allowed())) {
                HttpResponse<String> r = open.post(APIS, RegisterWriteTest.registration(specs.url("/openapi.json")),
                        open.asAdmin());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void limitsOnRedirectsSizeAndTimeHold(TestService.Store store) {
        try (SpecServer specs = new SpecServer(); TestService service = start(store, allowed())) {
            specs.serve("/doc.json", "application/json", SpecServer.goodSpec("1.0.0", "https://a.example/v1"));
            specs.redirect("/one", specs.url("/two")).redirect("/two", "/doc.json");
            specs.redirect("/loop", "/loop");
            specs.serve("/big.json", "application/json", "{\"x\":\"" + "a".repeat(5000) + "\"}");
            specs.serve("/slow.json", new SpecServer.Answer(200, "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8), null, 3000));
            specs.serve("/gone.json", new SpecServer.Answer(410, "text/plain", new byte[0], null, 0));

            HttpResponse<String> viaRedirects = service.post(APIS, RegisterWriteTest.registration(specs.url("/one")),
                    service.asAdmin());
            assertThat(viaRedirects.statusCode()).as(viaRedirects.body()).isEqualTo(201);

            assertThat(refusal(service, specs.url("/loop"))).contains("more than 2 redirects");
            assertThat(refusal(service, specs.url("/big.json"))).contains("larger than the limit of 2000 bytes");
            assertThat(refusal(service, specs.url("/slow.json"))).contains("within 1 s");
            assertThat(refusal(service, specs.url("/gone.json"))).contains("HTTP status 410");
            assertThat(refusal(service, "ftp://example.org/x")).contains("http or https");
            HttpResponse<String> bigBody = service.post(APIS, Json.write(Map.of("organisationUri", UTRECHT,
                    "oasBody", "{\"x\":\"" + "a".repeat(3000) + "\"}", "contact", Map.of("name", "x"))),
                    service.asAdmin());
            assertThat(bigBody.statusCode()).isEqualTo(400);
            assertThat(TestService.json(bigBody).path("invalidParams").get(0).path("reason").asText())
                    .contains("larger than the limit of 2000 bytes");
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void unreachableOnRefreshKeepsWhatWasLearntAndSaysWhy(TestService.Store store) {
        try (SpecServer specs = new SpecServer(); TestService service = start(store, allowed())) {
            specs.serve("/doc.json", "application/json", SpecServer.goodSpec("1.0.0", "https://a.example/v1"));
            assertThat(service.post(APIS, RegisterWriteTest.registration(specs.url("/doc.json")), service.asAdmin())
                    .statusCode()).isEqualTo(201);

            specs.serve("/doc.json", new SpecServer.Answer(503, "text/plain", new byte[0], null, 0));
            JsonNode after = TestService.json(service.put(APIS + "/afvalkalender-api", "{}", service.asAdmin()));

            assertThat(after.path("specification").path("status").asText()).isEqualTo("unreachable");
            assertThat(after.path("specification").path("reason").asText()).isEqualTo("HTTP status 503");
            assertThat(after.path("specification").path("version").asText()).isEqualTo("1.0.0");
            assertThat(after.path("adrScore").asInt()).isEqualTo(100);
            assertThat(service.get(APIS + "?oasStatus=unreachable").headers().firstValue("Total-Count")).contains("1");

            specs.serve("/doc.json", "text/html", "<html>onderhoud</html>");
            JsonNode invalid = TestService.json(service.put(APIS + "/afvalkalender-api", "{}", service.asAdmin()));
            assertThat(invalid.path("specification").path("status").asText()).isEqualTo("invalid");
            assertThat(invalid.path("specification").path("reason").asText()).contains("not an OpenAPI document");
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void swaggerTwoAndYamlBodiesAreRead(TestService.Store store) {
        try (TestService service = start(store, allowed())) {
            String swagger = """
                    swagger: "2.0"
                    info: {title: Oude API, version: "2.1.0", x-deprecated: true,
                           contact: {name: Beheer, email: beheer@example.nl, url: "https://example.nl"}}
                    host: oud.example.nl
                    basePath: /api/v2
                    schemes: [https]
                    securityDefinitions: {oauth: {type: oauth2, flow: application, tokenUrl: "https://example.nl/token"}}
                    paths: {}
                    """;
            HttpResponse<String> r = service.post(APIS, Json.write(Map.of("oasBody", swagger,
                    "organisationUri", UTRECHT, "contact", Map.of("name", "Beheer"))), service.asAdmin());

            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode api = TestService.json(r);
            assertThat(api.path("specification").path("oasVersion").asText()).isEqualTo("2.0");
            assertThat(api.path("environments").get(0).path("apiUrl").asText()).isEqualTo("https://oud.example.nl/api/v2");
            assertThat(api.path("authentication").asText()).isEqualTo("oauth2");
            assertThat(api.path("lifecycle").path("status").asText()).isEqualTo("deprecated");
            // As Spectral with the official ruleset: no `openapi` field fails openapi-root-exists (nlgov:openapi3
            // looks at that field only, so finds nothing); the other seven groups pass: 7 of 8 = 88.
            assertThat(api.path("specification").path("findings").findValuesAsText("rule"))
                    .containsExactly("nlgov:openapi-root-exists");
            assertThat(api.path("adrScore").asInt()).isEqualTo(88);
            assertThat(service.get(APIS + "?status=deprecated").headers().firstValue("Total-Count")).contains("1");
        }
    }

    @Test
    void internalAddressesAreRecognised() throws Exception {
        for (String internal : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1"}) {
            assertThat(SpecFetcher.isInternal(InetAddress.getByName(internal))).as(internal).isTrue();
        }
        for (String external : new String[] {"8.8.8.8", "145.21.0.1", "2001:4860:4860::8888"}) {
            assertThat(SpecFetcher.isInternal(InetAddress.getByName(external))).as(external).isFalse();
        }
    }
}
