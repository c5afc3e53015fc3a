package nl.vindplaats.documents.opendata;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import nl.vindplaats.documents.OpenDataFixtures;
import nl.vindplaats.http.Operation;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;

import static nl.vindplaats.documents.OpenDataFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document describes every route of the API, and the JSON responses validate against it. */
class OpenDataOpenApiTest {
    static TestService service;
    static JsonNode openapi;
    static String uuid;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.Store.SQLITE);
        uuid = OpenDataFixtures.deliver(service, Spec.of("Brief over kapvergunningen", OCW, BRIEF).themas(ONDERWIJS));
        OpenDataFixtures.deliver(service, Spec.of("Mediatekst", AZ, MEDIATEKST).withoutFile());
        HttpResponse<String> r = service.get("/v1/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        openapi = TestService.json(r);
    }

    @AfterAll
    static void stop() {
        service.destroy();
    }

    static JsonSchema schema(String name) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(
                SchemaLocation.of("classpath:openapi/opendata.json#/components/schemas/" + name));
    }

    static void assertValid(String schema, String path) {
        HttpResponse<String> r = service.get(path);
        assertThat(r.statusCode()).as(path).isIn(200, 400, 404);
        var errors = schema(schema).validate(TestService.json(r));
        assertThat(errors).as(path + " against " + schema + ": " + r.body()).isEmpty();
    }

    @Test
    void everyRouteIsDescribedAndEveryDescribedPathIsARoute() {
        Set<String> routes = new HashSet<>();
        for (Operation op : service.app().routes().operations()) {
            if ((op.path().startsWith("/v1/") || op.path().startsWith("/binaries/")) && !op.path().endsWith("/")) {
                routes.add(op.path());
            }
        }
        Set<String> described = new HashSet<>();
        openapi.path("paths").fieldNames().forEachRemaining(described::add);
        assertThat(described).isEqualTo(routes);
        assertThat(openapi.path("info").path("description").asText()).contains("extensions");
    }

    @Test
    void jsonResponsesValidate() {
        assertValid("DocumentList", "/v1/documents?output=json");
        assertValid("DocumentList", "/v1/sources/rijksoverheid/documents?output=json&q=kapvergunning");
        assertValid("DocumentList", "/v1/documents?output=json&offset=10");
        assertValid("Document", "/v1/documents/" + uuid + "?output=json");
        assertValid("DocumentTypes", "/v1/documents/infotypes?output=json");
        assertValid("NamedValues", "/v1/infotypes/subject?output=json");
        assertValid("NamedValues", "/v1/sources/mnre1109/infotypes/ministry?output=json");
        assertValid("Error", "/v1/documents?output=json&rows=x");
        assertValid("Error", "/v1/sources/geen/documents?output=json");
    }

    @Test
    void everyXmlAnswerHasTheRootElementTheDocumentNames() throws Exception {
        int checked = 0;
        for (var path = openapi.path("paths").fields(); path.hasNext(); ) {
            var entry = path.next();
            JsonNode schema = entry.getValue().path("get").path("responses").path("200").path("content")
                    .path("application/xml").path("schema");
            if (schema.isMissingNode()) {
                continue;
            }
            JsonNode resolved = openapi.at(schema.path("$ref").asText().substring(1));
            String named = resolved.path("xml").path("name").asText();
            String url = entry.getKey().replace("{source}", "rijksoverheid").replace("{id}", uuid)
                    .replace("{date}", "20000101");
            HttpResponse<String> r = service.get(url);
            assertThat(r.statusCode()).as(url).isEqualTo(200);
            var xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new org.xml.sax.InputSource(new java.io.StringReader(r.body())));
            assertThat(xml.getDocumentElement().getTagName()).as(url + " against " + schema).isEqualTo(named);
            checked++;
        }
        assertThat(checked).isEqualTo(12);
    }

    @Test
    void schemasRejectWhatTheyShould() {
        JsonNode detail = TestService.json(service.get("/v1/documents/" + uuid + "?output=json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) detail).remove("license");
        assertThat(schema("Document").validate(detail)).isNotEmpty();
        ((com.fasterxml.jackson.databind.node.ObjectNode) detail).put("license", "CC0 1.0 Universal")
                .put("lastmodified", "2022-04-01");
        assertThat(schema("Document").validate(detail)).isNotEmpty();
    }
}
