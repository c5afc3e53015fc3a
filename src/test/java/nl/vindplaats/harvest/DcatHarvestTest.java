package nl.vindplaats.harvest;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static nl.vindplaats.harvest.CkanHarvestTest.SOURCES;
import static nl.vindplaats.harvest.CkanHarvestTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instance B harvests DCAT: instance A's own {@code /catalog.ttl} (creation, trusted organisations, unchanged on a
 * second run, changes, withdrawal at a full run), catalogues in each RDF form with both hydra paging terms, the real
 * DCAT-AP files of ../shared/data/dcat, and hostile documents (XXE, billion laughs, a remote JSON-LD context) that
 * must fail the run with a reason and leave nothing behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DcatHarvestTest {
    private static final String EINDHOVEN = "https://identifier.overheid.nl/tooi/id/gemeente/gm0772";
    private static final String UTRECHT = "https://identifier.overheid.nl/tooi/id/gemeente/gm0344";
    private static final Path SAMPLES = Path.of("/work/shared/data/dcat");
    private TestService a;
    private TestService b;
    private HttpServer files;
    private final Map<String, String[]> served = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

    @BeforeAll
    void start() throws IOException {
        a = TestService.start(TestService.Store.SQLITE);
        b = TestService.start(TestService.Store.SQLITE,
                c -> c.with(c.register().withAllowPrivateAddresses(true)));
        files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        files.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            asked.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            String[] file = served.get(path);
            if (file == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] bytes = file[1].getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", file[0]);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        files.start();
    }

    @AfterAll
    void stop() {
        files.stop(0);
        a.close();
        b.close();
    }

    private String serve(String path, String contentType, String body) {
        served.put(path, new String[] {contentType, body});
        return "http://127.0.0.1:" + files.getAddress().getPort() + path;
    }

    private String source(String url, String options) {
        HttpResponse<String> created = b.post(SOURCES, "{\"type\":\"dcat\",\"url\":\"" + url + "\","
                + "\"organisation\":\"gm0344\",\"title\":\"DCAT\",\"options\":" + options + "}", b.asAdmin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestService.json(created).path("id").asText();
    }

    private void publishOnA(String name, String title) {
        HttpResponse<String> r = a.post("/api/3/action/package_create", "{\"name\":\"" + name + "\",\"title\":\""
                + title + "\",\"owner_org\":\"gm0772\",\"notes\":\"Eerste versie.\",\"tags\":[{\"name\":\"bomen\"}],"
                + "\"language\":[\"http://publications.europa.eu/resource/authority/language/NLD\"],"
                + "\"license_id\":\"http://creativecommons.org/publicdomain/zero/1.0/deed.nl\","
                + "\"resources\":[{\"url\":\"https://data.eindhoven.example/" + name + ".csv\",\"name\":\"CSV\"}]}",
                "Authorization", a.adminToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private JsonNode searchOnB(String fq) {
        return TestService.json(b.post("/api/3/action/package_search", "{\"fq\":\"" + fq + "\",\"rows\":100}",
                "Authorization", b.adminToken())).path("result");
    }

    private JsonNode harvestedBy(String sourceId) {
        return searchOnB("extras_harvest_source_id:\\\"" + sourceId + "\\\"");
    }

    @Test
    void bHarvestsTheCatalogueOfAFollowingChangesAndDeletions() {
        publishOnA("bomen-dcat", "Bomen DCAT");
        publishOnA("lantaarnpalen-dcat", "Lantaarnpalen DCAT");
        publishOnA("speelplaatsen-dcat", "Speelplaatsen DCAT");
        String sourceId = source(a.url("/catalog.ttl"), "{\"trustedToNameOrganisation\":true}");

        JsonNode first = run(b, sourceId, false);
        assertThat(first.path("state").asText()).as(first.toString()).isEqualTo("finished");
        assertThat(first.at("/counts/created").asInt()).as(first.toString()).isEqualTo(3);
        assertThat(first.at("/counts/failed").asInt()).isZero();

        JsonNode onA = TestService.json(a.post("/api/3/action/package_show", "{\"id\":\"bomen-dcat\"}")).path("result");
        JsonNode harvested = TestService.json(b.post("/api/3/action/package_show", "{\"id\":\"bomen-dcat\"}",
                "Authorization", b.adminToken())).path("result");
        assertThat(harvested.path("title").asText()).isEqualTo("Bomen DCAT");
        assertThat(harvested.path("notes").asText()).isEqualTo("Eerste versie.");
        assertThat(harvested.path("owner_org").asText()).as("the trusted source names the publisher").isEqualTo(EINDHOVEN);
        assertThat(harvested.path("tags").path(0).path("name").asText()).isEqualTo("bomen");
        assertThat(harvested.path("language").path(0).asText()).endsWith("/language/NLD");
        assertThat(harvested.path("license_id").asText()).isEqualTo(onA.path("license_id").asText());
        assertThat(harvested.path("resources").path(0).path("url").asText())
                .isEqualTo("https://data.eindhoven.example/bomen-dcat.csv");
        assertThat(harvested.path("resources").path(0).path("name").asText()).isEqualTo("CSV");
        assertThat(extra(harvested, "guid")).as("the guid is the dataset URI").endsWith("/dataset/" + onA.path("id").asText());
        assertThat(extra(harvested, "harvest_url")).isEqualTo(extra(harvested, "guid"));
        assertThat(extra(harvested, "harvest_source_id")).isEqualTo(sourceId);
        assertThat(b.post("/api/3/action/package_patch", "{\"id\":\"bomen-dcat\",\"notes\":\"x\"}", "Authorization",
                b.adminToken()).statusCode()).as("harvested datasets change only through the harvest").isEqualTo(409);

        JsonNode again = run(b, sourceId, true);
        assertThat(again.at("/counts/unchanged").asInt()).as(again.toString()).isEqualTo(3);
        assertThat(again.at("/counts/updated").asInt() + again.at("/counts/created").asInt()
                + again.at("/counts/withdrawn").asInt()).isZero();

        assertThat(a.post("/api/3/action/package_patch", "{\"id\":\"lantaarnpalen-dcat\",\"notes\":\"Tweede versie.\"}",
                "Authorization", a.adminToken()).statusCode()).isEqualTo(200);
        assertThat(a.post("/api/3/action/package_delete", "{\"id\":\"speelplaatsen-dcat\"}", "Authorization",
                a.adminToken()).statusCode()).isEqualTo(200);
        JsonNode full = run(b, sourceId, true);
        assertThat(full.at("/counts/updated").asInt()).as(full.toString()).isEqualTo(1);
        assertThat(full.at("/counts/unchanged").asInt()).isEqualTo(1);
        assertThat(full.at("/counts/withdrawn").asInt()).isEqualTo(1);
        assertThat(TestService.json(b.post("/api/3/action/package_show", "{\"id\":\"lantaarnpalen-dcat\"}",
                "Authorization", b.adminToken())).at("/result/notes").asText()).isEqualTo("Tweede versie.");
        assertThat(TestService.json(b.post("/api/3/action/package_show", "{\"id\":\"speelplaatsen-dcat\"}",
                "Authorization", b.adminToken())).at("/result/state").asText()).isEqualTo("deleted");
    }

    private static final String PREFIXES = """
            @prefix dcat: <http://www.w3.org/ns/dcat#> .
            @prefix dct: <http://purl.org/dc/terms/> .
            @prefix hydra: <http://www.w3.org/ns/hydra/core#> .
            @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
            """;

    @Test
    void pagesInEachRdfFormFollowHydraNextAndTheDeprecatedNextPage() {
        String third = serve("/paged/3.jsonld", "application/ld+json", """
                {"@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                              "hydra": "http://www.w3.org/ns/hydra/core#"},
                 "@graph": [
                   {"@id": "https://data.example/ds/3", "@type": "dcat:Dataset", "dct:title": "Derde",
                    "dcat:distribution": {"@id": "https://data.example/ds/3/csv", "@type": "dcat:Distribution",
                                          "dcat:accessURL": {"@id": "https://data.example/3.csv"}}},
                   {"@id": "https://data.example/catalog?page=3", "@type": "hydra:PagedCollection"}]}
                """);
        String second = serve("/paged/2.rdf", "application/rdf+xml", """
                <?xml version="1.0" encoding="utf-8"?>
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#"
                         xmlns:dct="http://purl.org/dc/terms/" xmlns:hydra="http://www.w3.org/ns/hydra/core#">
                  <dcat:Dataset rdf:nodeID="b1">
                    <dct:identifier>tweede-id</dct:identifier>
                    <dct:title xml:lang="en">Second</dct:title>
                    <dct:title xml:lang="nl">Tweede</dct:title>
                  </dcat:Dataset>
                  <hydra:PagedCollection rdf:about="https://data.example/catalog?page=2">
                    <hydra:nextPage>%s</hydra:nextPage>
                  </hydra:PagedCollection>
                </rdf:RDF>
                """.formatted(third));
        String first = serve("/paged/1.ttl", "text/turtle", PREFIXES + """
                <https://data.example/ds/1> a dcat:Dataset ; dct:title "Eerste" ; dct:identifier "eerste-id" ;
                    dcat:keyword "wegen" ;
                    dcat:contactPoint [ a vcard:Kind ; vcard:fn "Loket" ; vcard:hasEmail <mailto:loket@data.example> ] .
                <https://data.example/catalog?page=1> a hydra:PartialCollectionView ; hydra:next <2.rdf> .
                """.replace("<2.rdf>", "<" + second + ">"));
        String sourceId = source(first, "{}");
        JsonNode run = run(b, sourceId, true);
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("finished");
        assertThat(run.at("/counts/created").asInt()).as(run.toString()).isEqualTo(3);
        assertThat(run.at("/requests/requests").asInt()).isEqualTo(3);
        JsonNode found = harvestedBy(sourceId);
        assertThat(found.path("count").asInt()).isEqualTo(3);
        assertThat(found.toString()).contains("\"title\":\"Tweede\"", "\"title\":\"Derde\"", "\"title\":\"Eerste\"")
                .contains("loket@data.example").contains("https://data.example/3.csv").contains("tweede-id");
        for (JsonNode d : found.path("results")) {
            assertThat(d.path("owner_org").asText()).isEqualTo(UTRECHT);
        }

        // A page whose next link leads back to itself: paging stops, and the run withdraws nothing.
        String loop = serve("/loop.ttl", "text/turtle", PREFIXES + """
                <https://data.example/ds/9> a dcat:Dataset ; dct:title "Lus" .
                <https://data.example/loop> a hydra:PagedCollection ; hydra:nextPage "loop.ttl" .
                """);
        JsonNode looped = run(b, source(loop, "{}"), true);
        assertThat(looped.path("state").asText()).isEqualTo("finished");
        assertThat(looped.at("/counts/created").asInt()).isEqualTo(1);
        assertThat(looped.at("/failures/0/reason").asText()).as(looped.toString()).contains("already read");
        assertThat(asked.get("/loop.ttl").get()).isEqualTo(1);
    }

    @Test
    void theRealDcatApFilesOfTheSharedSamplesAreReadAndHoldNoDatasets() throws IOException {
        for (String sample : new String[] {"dcat-ap_3.0.1_shacl.ttl", "dcat-ap_2.1.1_shacl_shapes.ttl",
                "donl2_licenses.ttl"}) {
            String url = serve("/samples/" + sample, "text/turtle", Files.readString(SAMPLES.resolve(sample)));
            JsonNode run = run(b, source(url, "{}"), true);
            assertThat(run.path("state").asText()).as(sample + " " + run).isEqualTo("finished");
            assertThat(run.at("/counts/created").asInt() + run.at("/counts/failed").asInt()).as(sample).isZero();
        }
    }

    @Test
    void anXxeABillionLaughsAndARemoteJsonLdContextFailTheRunAndLeaveNothing() {
        String xxe = serve("/xxe.rdf", "application/rdf+xml", """
                <?xml version="1.0"?>
                <!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#"
                         xmlns:dct="http://purl.org/dc/terms/">
                  <dcat:Dataset rdf:about="https://evil.example/ds/1"><dct:title>Geheim &xxe;</dct:title></dcat:Dataset>
                </rdf:RDF>
                """);
        StringBuilder lol = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            lol.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        lol.append("""
                ]>
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#"
                         xmlns:dct="http://purl.org/dc/terms/">
                  <dcat:Dataset rdf:about="https://evil.example/ds/2"><dct:title>&lol9;</dct:title></dcat:Dataset>
                </rdf:RDF>
                """);
        String laughs = serve("/laughs.rdf", "application/rdf+xml", lol.toString());
        String context = serve("/context.jsonld", "application/ld+json",
                "{\"@context\": {\"dct\": \"http://purl.org/dc/terms/\"}}");
        String remote = serve("/remote.jsonld", "application/ld+json", """
                {"@context": "%s", "@id": "https://evil.example/ds/3",
                 "@type": "http://www.w3.org/ns/dcat#Dataset", "dct:title": "Op afstand"}
                """.formatted(context));
        for (String url : new String[] {xxe, laughs, remote}) {
            String sourceId = source(url, "{}");
            JsonNode run = run(b, sourceId, true);
            assertThat(run.path("state").asText()).as(url + " " + run).isEqualTo("failed");
            assertThat(run.path("message").asText()).as(run.toString())
                    .contains(url.endsWith(".rdf") ? "DOCTYPE" : "remote JSON-LD contexts are not fetched");
            assertThat(harvestedBy(sourceId).path("count").asInt()).isZero();
        }
        assertThat(asked.get("/context.jsonld")).as("a remote context is never fetched").isNull();
        assertThat(searchOnB("*:*").toString()).doesNotContain("root:x:0:0");
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
