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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Walks every write operation in the route table with every kind of token that must not be allowed
 * to write to organisation A's resources, so a new write route is covered the moment it is added.
 * A route whose path parameter or body this test cannot fill makes it fail, naming the route.
 */
@ParameterizedClass
@EnumSource(TestService.Store.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteRouteAccessTest {
    private static final String ORG_A = "gm0518";
    private static final String ORG_B = "gm0363";
    /** Operations whose resource is the caller's own scope (CKAN: a user makes tokens for itself), so org B's admin may. */
    private static final java.util.Set<String> ACTS_ON_CALLERS_OWN_SCOPE = java.util.Set.of("ckan.api_token_create");

    @Parameter
    TestService.Store store;
    private TestService service;
    private Map<String, String[]> refusedCallers;
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private String datasetId;
    private String resourceId;

    @BeforeAll
    void start() throws InterruptedException {
        // Internal addresses allowed, so that a subscription of organisation A can name a loopback URL.
        service = TestService.start(store, c -> c.with(
                nl.vindplaats.notify.NotificationSettings.defaults().withAllowPrivateAddresses(true)));
        // Long enough to be created on a busy machine; the set-up waits until it has passed.
        Instant expiry = Instant.now().plusSeconds(5);
        String expiring = service.createToken("organisation", ORG_A, "admin", expiry.toString());
        HttpResponse<String> revokedCreated = service.post("/platform/v1/tokens",
                "{\"name\":\"revoked\",\"scope\":{\"type\":\"organisation\",\"id\":\"" + ORG_A + "\"},\"level\":\"admin\"}",
                service.asAdmin());
        JsonNode revoked = TestService.json(revokedCreated);
        assertThat(service.delete("/platform/v1/tokens/" + revoked.path("id").asText(), service.asAdmin()).statusCode())
                .isEqualTo(204);
        HttpResponse<String> delivered = service.post("/overheid/openbaarmaken/api/v0/metadata", plooiExample(),
                service.asAdmin());
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(201);
        String location = delivered.headers().firstValue("Location").orElseThrow();

        HttpResponse<String> dataset = service.post("/api/3/action/package_create",
                "{\"name\":\"doelwit\",\"owner_org\":\"" + ORG_A + "\",\"resources\":[{\"url\":\"https://example.org/a.csv\"}],"
                        + "\"tags\":[{\"name\":\"doel\"}]}", "Authorization", service.adminToken());
        assertThat(dataset.statusCode()).as(dataset.body()).isEqualTo(200);
        datasetId = TestService.json(dataset).at("/result/id").asText();
        resourceId = TestService.json(dataset).at("/result/resources/0/id").asText();
        assertThat(service.post("/api/3/action/group_create", "{\"name\":\"groep\"}", "Authorization",
                service.adminToken()).statusCode()).isEqualTo(200);

        HttpResponse<String> api = service.post("/api-register/v1/apis", registerBody("walk-api"), service.asAdmin());
        assertThat(api.statusCode()).as(api.body()).isEqualTo(201);

        HttpResponse<String> subscription = service.post("/platform/v1/subscriptions", subscriptionBody(), service.asAdmin());
        assertThat(subscription.statusCode()).as(subscription.body()).isEqualTo(201);

        pathValues.put("slug", ORG_A);
        pathValues.put("subscriptionId", TestService.json(subscription).path("id").asText());
        pathValues.put("id", TestService.json(api).path("id").asText());
        pathValues.put("tokenId", revoked.path("id").asText());
        pathValues.put("uuid", location.substring(location.lastIndexOf('/') + 1));
        HttpResponse<String> source = service.post("/platform/v1/harvest-sources", "{\"type\":\"ckan\",\"url\":"
                + "\"https://ckan.walk.example/\",\"organisation\":\"" + ORG_A + "\"}", service.asAdmin());
        assertThat(source.statusCode()).as(source.body()).isEqualTo(201);
        pathValues.put("sourceId", TestService.json(source).path("id").asText());

        refusedCallers = new LinkedHashMap<>();
        refusedCallers.put("no token", new String[0]);
        refusedCallers.put("unknown token", TestService.withKey("vp_thisTokenWasNeverIssuedByThisService000000000"));
        refusedCallers.put("expired token", TestService.withKey(expiring));
        refusedCallers.put("revoked token", TestService.withKey(revoked.path("secret").asText()));
        refusedCallers.put("read token of org A", TestService.withKey(service.createToken("organisation", ORG_A, "read", null)));
        refusedCallers.put("write token of org B", TestService.withKey(service.createToken("organisation", ORG_B, "write", null)));
        refusedCallers.put("admin token of org B", TestService.withKey(service.createToken("organisation", ORG_B, "admin", null)));
        Thread.sleep(Math.max(0, java.time.Duration.between(Instant.now(), expiry).toMillis() + 100));
    }

    @AfterAll
    void stop() {
        // start() may have been skipped (no PostgreSQL) or have failed before the service existed.
        if (service != null) {
            service.destroy();
        }
    }

    @Test
    void everyWriteRouteRefusesCallersWithoutTheRightToken() {
        List<Operation> writes = service.app().routes().operations().stream().filter(Operation::writes).toList();
        assertThat(writes).isNotEmpty();
        List<String> accepted = new ArrayList<>();
        for (Operation operation : writes) {
            String path = concretePath(operation.path());
            String body = sampleBody(operation, path);
            for (var caller : refusedCallers.entrySet()) {
                if (caller.getKey().equals("admin token of org B") && ACTS_ON_CALLERS_OWN_SCOPE.contains(operation.name())) {
                    continue;
                }
                HttpResponse<String> r = service.method(operation.method().name(), path, body, withIfMatch(caller.getValue()));
                boolean anonymousLike = caller.getKey().contains("no token") || caller.getKey().contains("unknown")
                        || caller.getKey().contains("expired") || caller.getKey().contains("revoked");
                // CKAN answers every refusal with 403 (its Authorization Error); our own APIs say 401 to
                // callers without a usable token.
                int expected = anonymousLike && !operation.name().startsWith("ckan.") ? 401 : 403;
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
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String value = pathValues.get(m.group(1));
            if (value == null) {
                fail("No sample value for path parameter {" + m.group(1) + "} of " + template
                        + ": add one of organisation " + ORG_A + "'s resources to this test");
            }
            m.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        m.appendTail(path);
        return path.toString();
    }

    private String sampleBody(Operation operation, String path) {
        if (operation.name().startsWith("ckan.")) {
            String action = operation.name().substring("ckan.".length());
            if (action.startsWith("resource_")) {
                return "{\"id\":\"" + resourceId + "\",\"package_id\":\"doelwit\",\"url\":\"https://example.org/b.csv\"}";
            }
            if (action.equals("tag_delete")) {
                return "{\"id\":\"doel\"}";
            }
            if (action.startsWith("group_")) {
                return "{\"id\":\"groep\",\"name\":\"groep\"}";
            }
            if (action.startsWith("organization_")) {
                return "{\"id\":\"" + ORG_A + "\",\"name\":\"" + ORG_A + "\"}";
            }
            return "{\"id\":\"" + datasetId + "\",\"package_id\":\"doelwit\",\"name\":\"nieuw\",\"owner_org\":\"" + ORG_A
                    + "\",\"object\":\"doelwit\",\"object_type\":\"package\",\"jti\":\"" + pathValues.get("tokenId") + "\"}";
        }
        if (path.startsWith("/overheid/openbaarmaken/")) {
            return plooiExample();
        }
        if (path.startsWith("/api-register/v1/organisations")) {
            return "{\"uri\":\"https://identifier.overheid.nl/tooi/id/test/walk\",\"label\":\"Walk\"}";
        }
        if (path.startsWith("/api-register/")) {
            return registerBody("walk-api-2");
        }
        if (path.startsWith("/platform/v1/subscriptions")) {
            return subscriptionBody();
        }
        if (path.startsWith("/platform/v1/harvest-sources")) {
            return "{\"type\":\"ckan\",\"url\":\"https://ckan.walk.example/\",\"organisation\":\"" + ORG_A + "\"}";
        }
        if (path.startsWith("/platform/")) {
            return "{\"name\":\"x\",\"slug\":\"" + ORG_A + "\",\"level\":\"write\",\"scope\":{\"type\":\"organisation\",\"id\":\""
                    + ORG_A + "\"}}";
        }
        return fail("No sample body for " + path + ": add one that names organisation " + ORG_A + " to this test");
    }

    private static String subscriptionBody() {
        return "{\"url\":\"http://127.0.0.1:9/hook\",\"owner\":\"" + ORG_A + "\"}";
    }

    private static String registerBody(String title) {
        return "{\"organisationUri\":\"https://identifier.overheid.nl/tooi/id/gemeente/" + ORG_A + "\","
                + "\"contact\":{\"email\":\"beheer@example.org\"},\"oasBody\":{\"openapi\":\"3.0.3\","
                + "\"info\":{\"title\":\"" + title + "\",\"version\":\"1.0.0\"},"
                + "\"servers\":[{\"url\":\"https://api.example.org/" + title + "/v1\"}],\"paths\":{}}}";
    }

    private static String plooiExample() {
        try {
            return Files.readString(Path.of("src/test/resources/plooi/metadata-example.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] withIfMatch(String[] headers) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "If-Match";
        all[headers.length + 1] = "\"1\"";
        return all;
    }
}
