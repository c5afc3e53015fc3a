package nl.vindplaats.access;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.http.Operation;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every write operation in the route table with every kind of token that must not be allowed
 * to write, so a new write route is covered the moment it is added.
 */
@ParameterizedClass
@EnumSource(TestService.Store.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteRouteAccessTest {
    @Parameter
    TestService.Store store;
    private TestService service;
    private Map<String, String[]> refusedCallers;
    private String orgATokenId;

    @BeforeAll
    void start() throws InterruptedException {
        service = TestService.start(store);
        service.createOrganisation("org-a", "Organisatie A");
        service.createOrganisation("org-b", "Organisatie B");
        String expiring = service.createToken("organisation", "org-a", "admin",
                Instant.now().plusMillis(1500).toString());
        String revoked = service.createToken("organisation", "org-a", "admin", null);
        JsonNode tokens = TestService.json(service.get("/platform/v1/tokens", service.asAdmin()));
        for (JsonNode token : tokens.path("tokens")) {
            if (token.path("expiresAt").isNull() && token.path("scope").path("type").asText().equals("organisation")) {
                orgATokenId = token.path("id").asText();
            }
        }
        assertThat(service.delete("/platform/v1/tokens/" + orgATokenId, service.asAdmin()).statusCode()).isEqualTo(204);

        refusedCallers = new LinkedHashMap<>();
        refusedCallers.put("no token", new String[0]);
        refusedCallers.put("unknown token", TestService.withKey("vp_thisTokenWasNeverIssuedByThisService000000000"));
        refusedCallers.put("expired token", TestService.withKey(expiring));
        refusedCallers.put("revoked token", TestService.withKey(revoked));
        refusedCallers.put("read token of org A", TestService.withKey(service.createToken("organisation", "org-a", "read", null)));
        refusedCallers.put("write token of org B", TestService.withKey(service.createToken("organisation", "org-b", "write", null)));
        refusedCallers.put("admin token of org B", TestService.withKey(service.createToken("organisation", "org-b", "admin", null)));
        Thread.sleep(1600);
    }

    @AfterAll
    void stop() {
        service.destroy();
    }

    @Test
    void everyWriteRouteRefusesCallersWithoutTheRightToken() {
        List<Operation> writes = service.app().routes().operations().stream().filter(Operation::writes).toList();
        assertThat(writes).isNotEmpty();
        List<String> accepted = new ArrayList<>();
        for (Operation operation : writes) {
            String path = concretePath(operation.path());
            String body = "{\"name\":\"x\",\"slug\":\"org-a\",\"level\":\"write\",\"scope\":{\"type\":\"organisation\",\"id\":\"org-a\"}}";
            for (var caller : refusedCallers.entrySet()) {
                String[] headers = withIfMatch(caller.getValue());
                HttpResponse<String> r = service.method(operation.method().name(), path, body, headers);
                boolean anonymousLike = caller.getKey().contains("no token") || caller.getKey().contains("unknown")
                        || caller.getKey().contains("expired") || caller.getKey().contains("revoked");
                int expected = anonymousLike ? 401 : 403;
                if (r.statusCode() != expected) {
                    accepted.add(operation.method() + " " + path + " with " + caller.getKey() + " → " + r.statusCode());
                }
            }
        }
        assertThat(accepted).isEmpty();
    }

    @Test
    void unknownExpiredAndRevokedTokensGetTheSameRefusal() {
        List<String> bodies = new ArrayList<>();
        for (String who : List.of("unknown token", "expired token", "revoked token")) {
            HttpResponse<String> r = service.post("/platform/v1/organisations", "{}", refusedCallers.get(who));
            assertThat(r.statusCode()).isEqualTo(401);
            bodies.add(r.body());
        }
        assertThat(bodies).allMatch(b -> b.equals(bodies.getFirst()));
    }

    @Test
    void refusedWritesLeaveNoTrace() {
        service.post("/platform/v1/organisations",
                "{\"id\":\"https://example.org/c\",\"name\":\"C\",\"slug\":\"org-c\"}",
                refusedCallers.get("write token of org B"));
        assertThat(service.get("/platform/v1/organisations/org-c").statusCode()).isEqualTo(404);
    }

    private String concretePath(String template) {
        return template.replace("{slug}", "org-a").replace("{tokenId}", orgATokenId)
                .replaceAll("\\{[^}]+}", "org-a");
    }

    private static String[] withIfMatch(String[] headers) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "If-Match";
        all[headers.length + 1] = "\"1\"";
        return all;
    }
}
