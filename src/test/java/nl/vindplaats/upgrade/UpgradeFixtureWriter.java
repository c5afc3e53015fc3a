package nl.vindplaats.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.FileTree;
import nl.vindplaats.base.Ids;
import nl.vindplaats.base.Json;
import nl.vindplaats.bench.SettableClock;
import nl.vindplaats.platform.Config;
import nl.vindplaats.platform.Vindplaats;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.testing.Eventually;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes the upgrade fixture: a data directory with a few records of every kind, written through the public APIs as
 * clients write them, and the answers this build gives to reading every one of them back. Run by hand, on the build
 * whose data is to be kept readable (it is skipped otherwise):
 *
 * <pre>./mvnw -B -o test -Dtest=UpgradeFixtureWriter -Dupgrade.fixture.write=true</pre>
 *
 * <p>It replaces src/test/resources/upgrade/sqlite-data.zip and answers.json; {@link UpgradeFixtureTest} then checks
 * that the build under test reads the same directory back the same way.
 *
 * <p>With {@code -Dupgrade.fixture.store=postgres} it writes the PostgreSQL twin instead, into a fresh schema of the
 * database that {@code VINDPLAATS_TEST_POSTGRES_URL} names: postgres-schema.sql.gz (that schema's pg_dump; pg_dump
 * must be on the PATH), postgres-data.zip (the node's own directory) and postgres-answers.json.gz.
 */
class UpgradeFixtureWriter {
    private static final String PLOOI = "/overheid/openbaarmaken/api/v0";
    private static final String DEN_HAAG = "https://identifier.overheid.nl/tooi/id/gemeente/gm0518";
    private static final String PRIVACY = "https://identifier.overheid.nl/tooi/def/thes/kern/c_098c1346";
    private static final String PROCEDURE = "https://identifier.overheid.nl/tooi/def/thes/kern/c_c77c86e0";
    /** The written records' time; each write moves the clock on a minute, so versions differ in time. */
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final int MAX_READS = 600;

    private final HttpClient client = HttpClient.newHttpClient();
    private final SettableClock clock = new SettableClock(START);
    private Vindplaats app;

    @Test
    void write() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("upgrade.fixture.write"), "writes the fixture only when asked");
        boolean postgres = System.getProperty("upgrade.fixture.store", "sqlite").equals("postgres");
        Path dir = Files.createTempDirectory("vindplaats-upgrade");
        Config config = UpgradeFixture.config(dir, true);
        String url = System.getenv(TestService.POSTGRES_URL_VARIABLE);
        String schema = "t_" + Ids.uuid().replace("-", "").substring(0, 16);
        if (postgres) {
            assertThat(url).as(TestService.POSTGRES_URL_VARIABLE).isNotBlank();
            config = config.with(config.store().withDatabase(url, null, null, schema));
        }
        app = Vindplaats.start(config, clock, new PrintStream(new ByteArrayOutputStream()));
        List<String> start = new ArrayList<>();
        try {
            start.addAll(writeRecords());
            awaitTextExtraction();
            tick();
            List<UpgradeFixture.Answer> answers = readEverything(start);
            Path resources = Path.of(UpgradeFixture.RESOURCES);
            Files.createDirectories(resources);
            ObjectNode file = Json.object().put("clock", clock.instant().toString());
            file.set("answers", UpgradeFixture.answersJson(answers));
            UpgradeFixture.writeText(resources.resolve(postgres ? UpgradeFixture.PG_ANSWERS : UpgradeFixture.ANSWERS),
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(file) + "\n");
        } finally {
            app.close();
        }
        if (postgres) {
            writeDump(url, schema, Path.of(UpgradeFixture.RESOURCES, UpgradeFixture.PG_DUMP));
            try (Connection c = DriverManager.getConnection(url); var s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
            UpgradeFixture.zip(dir, Path.of(UpgradeFixture.RESOURCES, UpgradeFixture.PG_DATA_ZIP));
        } else {
            Files.deleteIfExists(dir.resolve("vindplaats.db-wal"));
            Files.deleteIfExists(dir.resolve("vindplaats.db-shm"));
            UpgradeFixture.zip(dir, Path.of(UpgradeFixture.RESOURCES, UpgradeFixture.DATA_ZIP));
        }
        FileTree.delete(dir);
    }

    /**
     * The schema's pg_dump, gzip'd, in a form the test loads over JDBC: rows as INSERTs (COPY's inline data needs
     * psql), no owners or grants (the loading role owns what it loads), no psql commands (pg_dump's \restrict), and
     * the schema named {@link UpgradeFixture#SCHEMA_IN_DUMP}, which the test replaces with a fresh name.
     */
    private static void writeDump(String jdbcUrl, String schema, Path file) throws IOException, InterruptedException {
        // libpq takes the JDBC URL without its "jdbc:" (user and password as query parameters too).
        Process pgDump = new ProcessBuilder("pg_dump", "--schema=" + schema, "--no-owner", "--no-privileges",
                "--rows-per-insert=100", "--dbname=" + jdbcUrl.substring("jdbc:".length()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String dump = new String(pgDump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pgDump.waitFor()).as("pg_dump's exit status").isZero();
        // Only the psql commands pg_dump writes ((un)restrict): a row's text may run over lines that start with anything.
        String sql = dump.lines().filter(line -> !line.matches("\\\\(un)?restrict .*"))
                .map(line -> line.replace(schema, UpgradeFixture.SCHEMA_IN_DUMP))
                .collect(Collectors.joining("\n", "", "\n"));
        UpgradeFixture.writeText(file, sql);
    }

    /** Writes through the public APIs; returns the reads the crawl starts from. */
    private List<String> writeRecords() throws IOException {
        List<String> reads = new ArrayList<>();
        // platform: an organisation of its own, and tokens (one to expire, one revoked)
        expect(201, "POST", "/platform/v1/organisations", Json.write(java.util.Map.of(
                "id", "https://identifier.overheid.nl/tooi/id/test/upgrade", "name", "Organisatie Upgrade",
                "slug", "upgrade")));
        String writer = token("organisation", "gm0518", "write", null);
        token("organisation", "upgrade", "read", "2027-01-01T00:00:00Z");
        JsonNode revoked = Json.read(expect(201, "POST", "/platform/v1/tokens", tokenBody("platform", null, "read", null)));
        expect(204, "DELETE", "/platform/v1/tokens/" + revoked.path("id").asText(), null);

        // datasets: a group, a full dataset with extras, groups, resources; a private one; one updated
        ckan("group_create", "{\"name\":\"klimaat\",\"title\":\"Klimaat\",\"description\":\"Over het klimaat\"}");
        ObjectNode full = Json.object().put("name", "upgrade-volledig").put("title", "Luchtkwaliteit Den Haag")
                .put("notes", "Metingen van fijnstof en stikstofdioxide.").put("owner_org", DEN_HAAG)
                .put("identifier", "https://data.denhaag.nl/dataset/luchtkwaliteit")
                .put("language", "http://publications.europa.eu/resource/authority/language/NLD")
                .put("metadata_language", "http://publications.europa.eu/resource/authority/language/NLD")
                .put("theme", "http://standaarden.overheid.nl/owms/terms/Natuur-_en_landschapsbeheer")
                .put("modified", "2025-11-03T10:15:00").put("authority", DEN_HAAG).put("publisher", DEN_HAAG)
                .put("contact_point_name", "Team open data").put("contact_point_email", "opendata@denhaag.nl")
                .put("license_id", "http://creativecommons.org/publicdomain/zero/1.0/deed.nl")
                .put("access_rights", "http://publications.europa.eu/resource/authority/access-right/PUBLIC")
                .put("dataset_status", "http://data.overheid.nl/status/beschikbaar")
                .put("frequency", "http://publications.europa.eu/resource/authority/frequency/DAILY")
                .put("version", "2.1").put("url", "https://www.denhaag.nl/luchtkwaliteit");
        full.putArray("tags").add("lucht").add("milieu");
        full.putArray("groups").addObject().put("name", "klimaat");
        ArrayNode extras = full.putArray("extras");
        extras.addObject().put("key", "bronhouder").put("value", "GGD Haaglanden");
        extras.addObject().put("key", "meetnet").put("value", "LML");
        ArrayNode resources = full.putArray("resources");
        resources.addObject().put("url", "https://data.denhaag.nl/lucht.csv").put("name", "Metingen (CSV)")
                .put("description", "Uurwaarden").put("format", "http://publications.europa.eu/resource/authority/file-type/CSV")
                .put("media_type", "https://www.iana.org/assignments/media-types/text/csv").put("size", 12345);
        resources.addObject().put("url", "https://data.denhaag.nl/lucht.json").put("name", "Metingen (JSON)")
                .put("format", "http://publications.europa.eu/resource/authority/file-type/JSON");
        ckan("package_create", full.toString());
        ObjectNode secret = full.deepCopy().put("name", "upgrade-prive").put("title", "Meetpunten (intern)")
                .put("private", true).put("identifier", "https://data.denhaag.nl/dataset/meetpunten");
        secret.remove("groups");
        ckan("package_create", secret.toString());
        ckan("package_patch", "{\"id\":\"upgrade-volledig\",\"notes\":\"Metingen van fijnstof, ozon en stikstofdioxide.\"}");
        for (String name : List.of("upgrade-volledig", "upgrade-prive", "demo-gemeentelijke-indeling", "demo-bomenkaart",
                "demo-fietspaden")) {
            reads.add("/api/3/action/package_show?id=" + name);
            reads.add("/dataset/" + name + ".ttl");
            reads.add("/dataset/" + name + ".jsonld");
        }
        reads.add("/api/3/action/package_list");
        reads.add("/api/3/action/package_search?q=*:*&rows=50&facet.field=%5B%22tags%22,%22organization%22,%22groups%22%5D");
        reads.add("/api/3/action/current_package_list_with_resources");
        reads.add("/api/3/action/organization_list?all_fields=true&limit=20");
        reads.add("/api/3/action/organization_show?id=gm0518&include_datasets=true");
        reads.add("/api/3/action/group_list?all_fields=true");
        reads.add("/api/3/action/group_show?id=klimaat&include_datasets=true");
        reads.add("/api/3/action/tag_list");
        reads.add("/catalog.ttl");
        reads.add("/catalog.rdf");
        reads.add("/catalog.jsonld");
        reads.add("/dataset/upgrade-volledig.ttl");
        reads.add("/dataset/upgrade-volledig");

        // documents: one delivered, its file, changed, its file replaced; one withdrawn; one under embargo
        String plooiExample = Files.readString(Path.of("src/test/resources/plooi/metadata-example.json"));
        byte[] pdf = pdf("Kapvergunning verleend voor de boom aan de Dorpsstraat 16.");
        ObjectNode kap = (ObjectNode) Json.read(plooiExample);
        ((ArrayNode) kap.path("document").path("identifiers")).removeAll().add("https://documenten.denhaag.nl/kap-16");
        String first = uuid(expectAs(201, "POST", PLOOI + "/metadata", kap.toString(), "application/json", writer));
        expectBytes(202, "POST", PLOOI + "/documenten/" + first, pdf, writer);
        ObjectNode changed = kap.deepCopy();
        ((ObjectNode) changed.path("document").path("titelcollectie")).put("officieleTitel", "Kapvergunning (gecorrigeerd)");
        expectAs(201, "PUT", PLOOI + "/metadata/" + first + "?redenVerwijderingVervanging=" + PRIVACY,
                changed.toString(), "application/json", writer);
        awaitTextExtraction();
        expectBytes(202, "PUT", PLOOI + "/documenten/" + first + "?redenVerwijderingVervanging=" + PROCEDURE,
                pdf("Kapvergunning, tweede versie, met de voorwaarden voor herplant."), writer);

        ObjectNode other = (ObjectNode) Json.read(plooiExample);
        ((ArrayNode) other.path("document").path("identifiers")).removeAll().add("https://documenten.denhaag.nl/ingetrokken-1");
        ((ObjectNode) other.path("document").path("titelcollectie")).put("officieleTitel", "Ingetrokken besluit");
        String withdrawn = uuid(expectAs(201, "POST", PLOOI + "/metadata", other.toString(), "application/json", writer));
        expectBytes(202, "POST", PLOOI + "/documenten/" + withdrawn, pdf("Dit besluit is ingetrokken."), writer);
        awaitTextExtraction();
        expectAs(200, "DELETE", PLOOI + "/documenten/" + withdrawn + "?redenVerwijderingVervanging=" + PRIVACY, null,
                null, writer);

        ObjectNode later = (ObjectNode) Json.read(plooiExample);
        ((ArrayNode) later.path("document").path("identifiers")).removeAll().add("https://documenten.denhaag.nl/embargo-1");
        ((ObjectNode) later.path("document").path("titelcollectie")).put("officieleTitel", "Besluit onder embargo");
        String embargoed = uuid(expectAs(201, "POST", PLOOI + "/metadata?zichtbaarheidsdatumtijd=2030-01-01T00:00:00Z",
                later.toString(), "application/json", writer));
        for (String uuid : List.of(first, withdrawn, embargoed)) {
            reads.add(PLOOI + "/metadata/" + uuid);
            reads.add(PLOOI + "/metadata/" + uuid + "/versies");
            reads.add(PLOOI + "/documenten/" + uuid);
            reads.add("/documenten/" + uuid);
        }
        reads.add(PLOOI + "/_zoek?q=kapvergunning");
        reads.add("/v1/documents?rows=50");
        reads.add("/v1/documents/lastmodifiedsince/20200101");
        reads.add("/v1/documents/infotypes");
        reads.add("/v1/infotypes/ministry");
        reads.add("/v1/infotypes/subject");
        reads.add("/robots.txt");

        // the API register: the demo entries (register v1 files) and its lists
        reads.add("/api-register/v1/apis?perPage=100");
        reads.add("/api-register/v1/apis/filters");
        JsonNode apis = Json.read(expect(200, "GET", "/api-register/v1/apis?perPage=100", null));
        for (int i = 0; i < apis.size(); i += 6) {
            reads.add("/api-register/v1/apis/" + apis.get(i).path("id").asText());
        }
        reads.add("/api-register/v1/apis/_search?q=kadaster");
        reads.add("/api-register/v1/organisations");
        reads.add("/platform/v1/organisations?q=upgrade");
        reads.add("/platform/v1/organisations/upgrade");
        reads.add("/platform/v1/organisations/gm0518");
        reads.add("/zoeken?q=kapvergunning");
        return reads;
    }

    /**
     * Reads every start path as anyone and as the admin, then every path of this service that an answer links to,
     * breadth first, up to {@link #MAX_READS}.
     */
    private List<UpgradeFixture.Answer> readEverything(List<String> start) {
        List<UpgradeFixture.Answer> answers = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(start);
        queue.add("/platform/v1/tokens");
        queue.add("/platform/v1/audit");
        while (!queue.isEmpty() && answers.size() < MAX_READS) {
            String path = queue.poll();
            if (!seen.add(path)) {
                continue;
            }
            UpgradeFixture.Answer anyone = UpgradeFixture.read(app.port(), path, UpgradeFixture.Reader.ANYONE);
            UpgradeFixture.Answer admin = UpgradeFixture.read(app.port(), path, UpgradeFixture.Reader.ADMIN);
            answers.add(anyone);
            // The admin's answer is kept only where it differs (a private dataset, a withdrawn document…).
            if (!admin.sameAs(anyone)) {
                answers.add(admin);
            }
            for (UpgradeFixture.Answer answer : List.of(anyone, admin)) {
                if (answer.body() != null && answer.status() == 200 && !answer.contentType().startsWith("text/html")) {
                    UpgradeFixture.linksIn(answer.body(), queue::add);
                }
            }
        }
        return answers;
    }

    private void awaitTextExtraction() {
        Eventually.until("every delivered file's text extracted", Duration.ofSeconds(60), () -> app.index()
                .search(SearchQuery.of("document").filter("tekstStatus", "wachtend").page(0, 1).build()).total() == 0);
        app.index().awaitVisible(app.store().lastSeq());
    }

    private void tick() {
        clock.set(clock.instant().plus(Duration.ofMinutes(1)));
    }

    private String token(String type, String scope, String level, String expiresAt) {
        return Json.read(expect(201, "POST", "/platform/v1/tokens", tokenBody(type, scope, level, expiresAt)))
                .path("secret").asText();
    }

    private static String tokenBody(String type, String scope, String level, String expiresAt) {
        ObjectNode body = Json.object().put("name", "upgrade " + level + " " + type);
        ObjectNode s = body.putObject("scope").put("type", type);
        if (scope != null) {
            s.put("id", scope);
        }
        body.put("level", level);
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt);
        }
        return body.toString();
    }

    private void ckan(String action, String body) {
        HttpResponse<String> r = send("POST", "/api/3/action/" + action,
                HttpRequest.BodyPublishers.ofString(body), "application/json", "Authorization", UpgradeFixture.ADMIN_TOKEN);
        assertThat(r.statusCode()).as(action + ": " + r.body()).isEqualTo(200);
    }

    private String expect(int status, String method, String path, String body) {
        return expectRaw(status, method, path, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), "application/json", UpgradeFixture.ADMIN_TOKEN).body();
    }

    private HttpResponse<String> expectRaw(int status, String method, String path, HttpRequest.BodyPublisher body,
                                           String type, String token) {
        HttpResponse<String> r = send(method, path, body, type, "X-API-Key", token);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return r;
    }

    private String expectAs(int status, String method, String path, String body, String type, String token) {
        return uuidOrBody(expectRaw(status, method, path, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), type, token));
    }

    private void expectBytes(int status, String method, String path, byte[] file, String token) {
        expectRaw(status, method, path, HttpRequest.BodyPublishers.ofByteArray(file), "application/pdf", token);
    }

    /** The Location's last segment when there is one (a created document), else the body. */
    private static String uuidOrBody(HttpResponse<String> r) {
        return r.headers().firstValue("Location").map(l -> "uuid:" + l.substring(l.lastIndexOf('/') + 1)).orElse(r.body());
    }

    private static String uuid(String created) {
        assertThat(created).startsWith("uuid:");
        return created.substring("uuid:".length());
    }

    private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body, String type,
                                      String authHeader, String token) {
        tick();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .method(method, body).header(authHeader, token);
        if (type != null) {
            request.header("Content-Type", type);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A real one-page PDF with {@code text} on it, so that text extraction has something to find. */
    private static byte[] pdf(String text) {
        try (var document = new org.apache.pdfbox.pdmodel.PDDocument(); var out = new ByteArrayOutputStream()) {
            var page = new org.apache.pdfbox.pdmodel.PDPage();
            document.addPage(page);
            try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                        org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
