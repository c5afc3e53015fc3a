package nl.vindplaats.access;

import nl.vindplaats.access.api.PlatformApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import nl.vindplaats.http.OpenApiDocument;
import nl.vindplaats.http.Operation;
import nl.vindplaats.platform.HealthApi;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform API's hand-written OpenAPI document against the real service: every route of the
 * route table is in it, and every route is called for real with its answer (status, media type,
 * required headers, body) checked against the document with a JSON Schema 2020-12 validator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformContractTest {
    // The route-table tests read only the routes, so they share one service; the test of every route's answer
    // starts its own, with settings of its own.
    private TestService routes;

    private TestService routes() {
        if (routes == null) {
            routes = TestService.start(TestService.Store.SQLITE);
        }
        return routes;
    }

    @AfterAll
    void stop() {
        if (routes != null) {
            routes.destroy();
        }
    }

    private static final String DOCUMENT_RESOURCE = "openapi/platform.json";
    private static final JsonNode DOCUMENT = Json.read(new String(OpenApiDocument.load(DOCUMENT_RESOURCE),
            java.nio.charset.StandardCharsets.UTF_8));
    /** JSON Schema 2020-12, told that the OpenAPI document's own top-level fields are not schema keywords. */
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory
            .builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012))
            .metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                    .keywords(Stream.of("openapi", "jsonSchemaDialect", "info", "servers", "tags", "paths", "components")
                            .map(NonValidationKeyword::new).toList())
                    .build())
            .build();
    private static final SchemaValidatorsConfig STRICT = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final String ORGANISATIONS = PlatformApi.BASE + "/organisations";

    @Test
    void everyPlatformRouteInTheRouteTableIsInTheDocument() {
        TestService service = routes();
        Set<String> missing = platformRoutes(service).stream()
                .filter(route -> DOCUMENT.path("paths").path(documentPath(route.path()))
                        .path(route.method().name().toLowerCase(Locale.ROOT)).isMissingNode())
                .map(route -> route.method() + " " + route.path())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(missing).as("routes without an operation in " + DOCUMENT_RESOURCE).isEmpty();
    }

    @Test
    void theDocumentIsValidOpenApi31WithTheRouteTablesOperationNames() {
        ParseOptions resolve = new ParseOptions();
        resolve.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(DOCUMENT.toString(), null, resolve);
        assertThat(parsed.getMessages()).as("what the OpenAPI parser finds wrong").isEmpty();
        assertThat(parsed.getOpenAPI().getSpecVersion()).isEqualTo(io.swagger.v3.oas.models.SpecVersion.V31);

        TestService service = routes();
        for (Operation route : platformRoutes(service)) {
            JsonNode operation = DOCUMENT.path("paths").path(documentPath(route.path()))
                    .path(route.method().name().toLowerCase(Locale.ROOT));
            assertThat(operation.path("operationId").asText()).as("operationId of " + route.method() + " "
                    + route.path() + " is the operation's name in the route table and the audit log")
                    .isEqualTo(route.name());
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void everyRouteAnswersAsTheDocumentSays(TestService.Store store) {
        // Internal addresses allowed: the webhook subscription below names a loopback URL.
        try (TestService service = TestService.start(store, c -> c.with(
                nl.vindplaats.notify.NotificationSettings.defaults().withAllowPrivateAddresses(true)))) {
            Contract contract = new Contract();
            String[] admin = service.asAdmin();
            String utrecht = Json.write(Map.of("id", "https://identifier.overheid.nl/tooi/id/test/contractgemeente",
                    "name", "Gemeente Utrecht", "slug", "gemeente-utrecht"));

            contract.check("GET", "/health", 200, service.get("/health"));
            contract.check("GET", "/health/ready", 200, service.get("/health/ready"));
            contract.check("GET", "/health/live", 200, service.get("/health/live"));
            contract.check("GET", "/metrics", 200, service.get("/metrics"));
            contract.check("GET", PlatformApi.BASE + "/openapi.json", 200, service.get(PlatformApi.BASE + "/openapi.json"));

            contract.check("POST", ORGANISATIONS, 201, service.post(ORGANISATIONS, utrecht, admin));
            contract.check("POST", ORGANISATIONS, 409, service.post(ORGANISATIONS, utrecht, admin));
            contract.check("POST", ORGANISATIONS, 400, service.post(ORGANISATIONS,
                    "{\"id\":\"geen uri\",\"name\":\"\",\"slug\":\"Geen Slug\",\"kleur\":1}", admin));
            contract.check("POST", ORGANISATIONS, 400, service.post(ORGANISATIONS, "{niet json", admin));
            contract.check("POST", ORGANISATIONS, 401, service.post(ORGANISATIONS, utrecht));
            contract.check("GET", ORGANISATIONS, 200, service.get(ORGANISATIONS + "?q=utrecht"));
            contract.check("GET", ORGANISATIONS, 200, service.get(ORGANISATIONS + "?page=2&pageSize=1"));
            contract.check("GET", ORGANISATIONS, 400, service.get(ORGANISATIONS + "?pageSize=1000"));
            contract.check("GET", ORGANISATIONS + "/{slug}", 200, service.get(ORGANISATIONS + "/gemeente-utrecht"));
            contract.check("GET", ORGANISATIONS + "/{slug}", 404, service.get(ORGANISATIONS + "/gemeente-nergens"));

            String change = "{\"name\":\"Gemeente Utrecht (stad)\",\"slug\":\"gemeente-utrecht\"}";
            String one = ORGANISATIONS + "/gemeente-utrecht";
            contract.check("PUT", ORGANISATIONS + "/{slug}", 200,
                    service.put(one, change, "X-API-Key", service.adminToken(), "If-Match", "\"1\""));
            contract.check("PUT", ORGANISATIONS + "/{slug}", 409,
                    service.put(one, change, "X-API-Key", service.adminToken(), "If-Match", "\"1\""));
            contract.check("PUT", ORGANISATIONS + "/{slug}", 428, service.put(one, change, admin));
            contract.check("PUT", ORGANISATIONS + "/{slug}", 400,
                    service.put(one, "{\"name\":\"\"}", "X-API-Key", service.adminToken(), "If-Match", "\"2\""));

            String tokenRequest = "{\"name\":\"publicatiesysteem\",\"scope\":{\"type\":\"organisation\",\"id\":"
                    + "\"gemeente-utrecht\"},\"level\":\"write\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}";
            HttpResponse<String> created = service.post(PlatformApi.BASE + "/tokens", tokenRequest, admin);
            contract.check("POST", PlatformApi.BASE + "/tokens", 201, created);
            contract.check("POST", PlatformApi.BASE + "/tokens", 400, service.post(PlatformApi.BASE + "/tokens",
                    "{\"name\":\"\",\"scope\":{\"type\":\"platform\"},\"level\":\"super\"}", admin));
            String writeToken = TestService.json(created).path("secret").asText();
            contract.check("POST", ORGANISATIONS, 403, service.post(ORGANISATIONS, utrecht, TestService.withKey(writeToken)));
            contract.check("GET", PlatformApi.BASE + "/tokens", 200, service.get(PlatformApi.BASE + "/tokens", admin));
            contract.check("GET", PlatformApi.BASE + "/tokens", 403,
                    service.get(PlatformApi.BASE + "/tokens", TestService.withKey(writeToken)));
            String tokenId = TestService.json(created).path("id").asText();
            contract.check("DELETE", PlatformApi.BASE + "/tokens/{tokenId}", 204,
                    service.delete(PlatformApi.BASE + "/tokens/" + tokenId, admin));
            contract.check("DELETE", PlatformApi.BASE + "/tokens/{tokenId}", 404,
                    service.delete(PlatformApi.BASE + "/tokens/bestaat-niet", admin));
            contract.check("GET", PlatformApi.BASE + "/audit", 200, service.get(PlatformApi.BASE + "/audit", admin));
            contract.check("GET", PlatformApi.BASE + "/audit", 401,
                    service.get(PlatformApi.BASE + "/audit", TestService.withKey(writeToken)));

            String sources = PlatformApi.BASE + "/harvest-sources";
            String source = "{\"type\":\"ckan\",\"url\":\"https://ckan.contract.example/\",\"organisation\":"
                    + "\"gemeente-utrecht\",\"schedule\":\"PT6H\",\"options\":{\"rows\":50}}";
            HttpResponse<String> sourceCreated = service.post(sources, source, admin);
            contract.check("POST", sources, 201, sourceCreated);
            contract.check("POST", sources, 400, service.post(sources, "{\"type\":\"gopher\"}", admin));
            contract.check("POST", sources, 401, service.post(sources, source));
            contract.check("GET", sources, 200, service.get(sources, admin));
            String oneSource = sources + "/" + TestService.json(sourceCreated).path("id").asText();
            contract.check("GET", sources + "/{sourceId}", 200, service.get(oneSource, admin));
            contract.check("GET", sources + "/{sourceId}", 404, service.get(sources + "/bestaat-niet", admin));
            contract.check("PUT", sources + "/{sourceId}", 200,
                    service.put(oneSource, source, "X-API-Key", service.adminToken(), "If-Match", "\"1\""));
            contract.check("PUT", sources + "/{sourceId}", 409,
                    service.put(oneSource, source, "X-API-Key", service.adminToken(), "If-Match", "\"1\""));
            contract.check("PUT", sources + "/{sourceId}", 428, service.put(oneSource, source, admin));
            HttpResponse<String> runStarted = service.post(oneSource + "/runs", "{\"full\":true}", admin);
            contract.check("POST", sources + "/{sourceId}/runs", 202, runStarted);
            contract.check("POST", sources + "/{sourceId}/runs", 400, service.post(oneSource + "/runs", "{\"x\":1}", admin));
            contract.check("GET", sources + "/{sourceId}/runs", 200, service.get(oneSource + "/runs", admin));
            contract.check("GET", sources + "/{sourceId}/runs/{runId}", 200,
                    service.get(runStarted.headers().firstValue("Location").orElseThrow(), admin));
            contract.check("GET", sources + "/{sourceId}/runs/{runId}", 404,
                    service.get(oneSource + "/runs/bestaat-niet", admin));
            contract.check("DELETE", sources + "/{sourceId}", 204, service.delete(oneSource, admin));
            String subscriptions = PlatformApi.BASE + "/subscriptions";
            String oneSubscription = subscriptions + "/{subscriptionId}";
            HttpResponse<String> subscribed = service.post(subscriptions, "{\"url\":\"http://127.0.0.1:9/hook\","
                    + "\"owner\":\"gemeente-utrecht\",\"filter\":{\"kinds\":[\"dataset\"],\"q\":\"fiets\"}}", admin);
            contract.check("POST", subscriptions, 201, subscribed);
            contract.check("POST", subscriptions, 400, service.post(subscriptions, "{\"url\":\"ftp://example.org\"}", admin));
            contract.check("GET", subscriptions, 200, service.get(subscriptions, admin));
            String subscription = subscriptions + "/" + TestService.json(subscribed).path("id").asText();
            contract.check("GET", oneSubscription, 200, service.get(subscription, admin));
            contract.check("GET", oneSubscription, 404, service.get(subscriptions + "/bestaat-niet", admin));
            contract.check("PUT", oneSubscription, 200, service.put(subscription,
                    "{\"url\":\"http://127.0.0.1:9/hook\",\"state\":\"paused\"}", admin));
            contract.check("PUT", oneSubscription, 400, service.put(subscription, "{\"url\":\"\"}", admin));
            contract.check("GET", oneSubscription + "/deliveries", 200, service.get(subscription + "/deliveries", admin));
            contract.check("DELETE", oneSubscription, 204, service.delete(subscription, admin));
            contract.check("DELETE", oneSubscription, 404, service.delete(subscription, admin));

            // Not ready (here: the index closed under it) is a 503 in problem details, as the document says.
            service.app().index().close();
            HttpResponse<String> notReady = service.get("/health");
            contract.check("GET", "/health", 503, notReady);
            contract.check("GET", "/health/ready", 503, service.get("/health/ready"));
            assertThat(notReady.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(Json.read(notReady.body()).at("/checks/index/status").asText()).isEqualTo("DOWN");

            Set<String> notCalled = platformRoutes(service).stream()
                    .map(route -> route.method().name() + " " + route.path())
                    .filter(route -> !contract.called.contains(route))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(notCalled).as("routes this test does not call yet: add a call for each").isEmpty();
        }
    }

    /**
     * Where a route is in the document: its paths are relative to the server /platform/v1, except the
     * operations endpoints, whose path items name the root of the instance as their server.
     */
    private static String documentPath(String routePath) {
        if (routePath.startsWith(PlatformApi.BASE + "/")) {
            assertThat(DOCUMENT.path("servers").path(0).path("url").asText()).isEqualTo(PlatformApi.BASE);
            return routePath.substring(PlatformApi.BASE.length());
        }
        assertThat(DOCUMENT.path("paths").path(routePath).path("servers").path(0).path("url").asText())
                .as("the server of " + routePath).isEqualTo("/");
        return routePath;
    }

    /** The routes this document covers: everything under /platform/v1 and the operations endpoints. */
    private static List<Operation> platformRoutes(TestService service) {
        Set<String> operationsPaths = new HealthApi(null, null, null, null, null).operations().stream()
                .map(Operation::path).collect(Collectors.toSet());
        return service.app().routes().operations().stream()
                .filter(o -> o.path().startsWith(PlatformApi.BASE + "/") || operationsPaths.contains(o.path()))
                .toList();
    }

    /** Checks answers against the document and remembers which routes were called. */
    private static final class Contract {
        final Set<String> called = new HashSet<>();

        void check(String method, String path, int expectedStatus, HttpResponse<String> response) {
            String what = method + " " + path + " → " + response.statusCode() + " " + response.body();
            assertThat(response.statusCode()).as(what).isEqualTo(expectedStatus);
            called.add(method + " " + path);

            String operation = "/paths/" + escape(documentPath(path)) + "/" + method.toLowerCase(Locale.ROOT);
            assertThat(DOCUMENT.at(operation).isMissingNode()).as("the document has " + method + " " + path).isFalse();
            String answer = operation + "/responses/" + response.statusCode();
            JsonNode declared = DOCUMENT.at(answer);
            assertThat(declared.isMissingNode()).as("the document declares " + what).isFalse();
            if (declared.has("$ref")) {
                answer = declared.get("$ref").asText().substring(1);
                declared = DOCUMENT.at(answer);
            }

            for (Map.Entry<String, JsonNode> header : declared.path("headers").properties()) {
                JsonNode spec = resolve(header.getValue());
                if (!spec.path("required").asBoolean()) {
                    continue;
                }
                String value = response.headers().firstValue(header.getKey()).orElse(null);
                assertThat(value).as("header " + header.getKey() + " of " + what).isNotNull();
                JsonNode asJson = "integer".equals(spec.path("schema").path("type").asText())
                        ? IntNode.valueOf(Integer.parseInt(value)) : TextNode.valueOf(value);
                String headerSchema = header.getValue().has("$ref")
                        ? header.getValue().get("$ref").asText().substring(1) + "/schema"
                        : answer + "/headers/" + escape(header.getKey()) + "/schema";
                assertValid(headerSchema, asJson, "header " + header.getKey() + " of " + what);
            }

            JsonNode content = declared.path("content");
            if (content.isMissingNode()) {
                assertThat(response.body()).as("a " + response.statusCode() + " without content").isEmpty();
                return;
            }
            String mediaType = response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
            assertThat(content.has(mediaType)).as("media type " + mediaType + " of " + what + " is declared").isTrue();
            JsonNode body = mediaType.endsWith("json") ? Json.read(response.body()) : TextNode.valueOf(response.body());
            assertValid(answer + "/content/" + escape(mediaType) + "/schema", body, what);
        }

        private static JsonNode resolve(JsonNode node) {
            return node.has("$ref") ? DOCUMENT.at(node.get("$ref").asText().substring(1)) : node;
        }

        private static void assertValid(String pointer, JsonNode value, String what) {
            JsonSchema schema = SCHEMAS.getSchema(SchemaLocation.of("classpath:" + DOCUMENT_RESOURCE + "#" + pointer), STRICT);
            Set<ValidationMessage> errors = schema.validate(value);
            assertThat(errors).as(what + " against " + pointer).isEmpty();
        }

        private static String escape(String pointerToken) {
            return pointerToken.replace("~", "~0").replace("/", "~1");
        }
    }
}
