package nl.vindplaats.http;

import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Input built to hurt: deep nesting, far-away instants, parameters that would swell a response header. */
class HostileInputTest {
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.Store.SQLITE);
    }

    @AfterAll
    static void stop() {
        service.destroy();
    }

    @Test
    void deeplyNestedJsonIsABadRequestEverywhere() {
        String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        for (String path : List.of("/overheid/openbaarmaken/api/v0/metadata", "/platform/v1/organisations",
                "/platform/v1/tokens", "/api-register/v1/apis", "/api/3/action/package_create",
                "/api/3/action/organization_create")) {
            HttpResponse<String> r = service.post(path, deep, "X-API-Key", service.adminToken(),
                    "Content-Type", "application/json");
            assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(400);
            assertThat(r.body()).as(path).contains("nesting");
        }
    }

    @Test
    void aTokenExpiringBeyondTheYear9999IsABadRequest() {
        String body = "{\"name\":\"ver weg\",\"scope\":{\"type\":\"platform\",\"id\":\"platform\"},\"level\":\"read\","
                + "\"expiresAt\":\"+999999999-12-31T23:59:59Z\"}";
        HttpResponse<String> r = service.post("/platform/v1/tokens", body, service.asAdmin());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(TestService.json(r).path("invalidParams").findValuesAsText("name")).contains("expiresAt");
    }

    @Test
    void valueListLinksNameEachParameterOnceAndStaySmall() {
        HttpResponse<String> r = service.get("/waardelijsten/v1/lists/gemeenten?label=a&label=b&pageSize=5&x=1&x=2");
        assertThat(r.statusCode()).isEqualTo(200);
        String link = r.headers().firstValue("Link").orElseThrow();
        for (String one : link.split(", ")) {
            assertThat(one.split("label=", -1)).as(one).hasSize(2);
            assertThat(one.split("[?&]x=", -1)).as(one).hasSize(2);
        }

        HttpResponse<String> long_ = service.get("/waardelijsten/v1/lists/gemeenten?label=" + "a".repeat(3000));
        assertThat(long_.statusCode()).as(long_.body()).isEqualTo(400);
        assertThat(long_.headers().firstValue("Content-Type")).contains("application/problem+json");
    }
}
