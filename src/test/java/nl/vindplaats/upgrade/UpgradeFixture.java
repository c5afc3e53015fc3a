package nl.vindplaats.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.platform.Config;
import nl.vindplaats.register.RegisterSettings;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * What the upgrade fixture's writer and its test share: the settings both start the service with, how a read is
 * made and recorded, and how a recorded answer is compared with a new one.
 *
 * <p>The fixture (src/test/resources/upgrade/) is a data directory written by an earlier build
 * ({@link UpgradeFixtureWriter}) plus every answer that build gave to the reads listed in it. A later build opens a copy
 * of the directory and must give the same answers.
 */
final class UpgradeFixture {
    /** Links in the answers name this address, not the random port of the run. */
    static final String PUBLIC_BASE = "http://vindplaats.upgrade.example";
    /** The platform admin's secret in the fixture (a fixture, not a secret: the store keeps only its hash). */
    static final String ADMIN_TOKEN = "upgrade-fixture-admin-token-0000000000000000";
    static final String RESOURCES = "src/test/resources/upgrade";
    static final String DATA_ZIP = "sqlite-data.zip";
    static final String ANSWERS = "answers.json";
    /** The PostgreSQL twin: the schema's dump, the node's own directory (index, files) and that run's answers. */
    static final String PG_DUMP = "postgres-schema.sql.gz";
    static final String PG_DATA_ZIP = "postgres-data.zip";
    static final String PG_ANSWERS = "postgres-answers.json.gz";
    /** The schema's name in the dump, where the test puts a fresh schema's name. */
    static final String SCHEMA_IN_DUMP = "vindplaats_upgrade_fixture";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private UpgradeFixture() {
    }

    /**
     * The settings both runs use: a fixed public address and admin token; nothing that reaches out to the network
     * (probes, fetching specifications again) or writes by itself later (the instance's own register entries), so
     * that the store holds only what the writer put there.
     */
    static Config config(Path dataDir, boolean demo) {
        Config config = Config.defaults(dataDir);
        config = config.with(config.server().withPort(0).withPublicBaseUrl(PUBLIC_BASE))
                .with(config.instance().withAdminToken(ADMIN_TOKEN).withDemo(demo));
        RegisterSettings r = config.register();
        return config.with(new RegisterSettings(r.connectTimeout(), r.readTimeout(), r.maxSpecBytes(),
                r.maxRedirects(), false, Duration.ZERO, Duration.ZERO, r.probeConcurrency(), r.probeDownAfter(),
                Duration.ofDays(365)));
    }

    /** Who reads: anyone, or the platform admin (who sees private datasets, withdrawn and embargoed documents). */
    enum Reader { ANYONE, ADMIN }

    /** One read and the answer the writing build gave. */
    record Answer(String path, Reader reader, int status, String contentType, String body, String sha256) {
        /** The same answer: status, content type and content (JSON as a tree, RDF as a graph, files by hash). */
        boolean sameAs(Answer other) {
            return differenceFrom(other) == null;
        }

        Answer withBody(String newBody) {
            return new Answer(path, reader, status, contentType, newBody, sha256);
        }

        private static final java.util.regex.Pattern XML_CANONICAL = java.util.regex.Pattern.compile(
                "<canonical>[^<]*</canonical>(\\s*)<dataurl>(https?://[^/<]+)(/v1/sources/[^/<]+/documents/([^<]+))</dataurl>");
        private static final java.util.regex.Pattern JSON_CANONICAL = java.util.regex.Pattern.compile(
                "\"canonical\"(\\s*):(\\s*)\"[^\"]*\"(\\s*),(\\s*)\"dataurl\"(\\s*):(\\s*)\"(https?://[^/\"]+)(/v1/sources/[^/\"]+/documents/([^\"]+))\"");

        /**
         * An open data answer of the earlier build with each document's {@code canonical} as this build gives it, the
         * document's portal page: changed on purpose (issue 18), the rest of the answer must still be the same.
         */
        static String documentPagesAsCanonical(String body) {
            String xml = XML_CANONICAL.matcher(body).replaceAll("<canonical>$2/documenten/$4</canonical>$1<dataurl>$2$3</dataurl>");
            return JSON_CANONICAL.matcher(xml).replaceAll("\"canonical\"$1:$2\"$7/documenten/$9\"$3,$4\"dataurl\"$5:$6\"$7$8\"");
        }

        /** How this answer differs from {@code expected}, or null when it does not. */
        String differenceFrom(Answer expected) {
            if (status != expected.status) {
                return "status " + status + ", expected " + expected.status + ": " + body;
            }
            if (contentType.startsWith("text/html")) {
                // Pages for people grow with the portal (a path may become one); their records are compared via the APIs.
                return null;
            }
            if (!contentType.equals(expected.contentType)) {
                return "Content-Type " + contentType + ", expected " + expected.contentType;
            }
            if (path.equals("/robots.txt") && body != null && expected.body != null) {
                // A newer build may name more sitemaps; every line the earlier one gave must still be there.
                java.util.List<String> missing = expected.body.lines().filter(l -> !body.lines().toList().contains(l))
                        .toList();
                return missing.isEmpty() ? null : "robots.txt lacks " + missing;
            }
            if (body == null || expected.body == null) {
                return java.util.Objects.equals(sha256, expected.sha256) && body == expected.body ? null
                        : "the bytes differ";
            }
            if (path.startsWith("/v1/")) {
                expected = expected.withBody(documentPagesAsCanonical(expected.body));
            }
            Lang rdf = rdfLang(contentType);
            if (rdf != null) {
                return withoutNewPagingTerms(graph(body, rdf)).isIsomorphicWith(graph(expected.body, rdf)) ? null
                        : "another graph:\n" + body + "\nexpected:\n" + expected.body;
            }
            if (isJson(contentType)) {
                return Json.read(body).equals(Json.read(expected.body)) ? null
                        : "other JSON:\n" + body + "\nexpected:\n" + expected.body;
            }
            return body.equals(expected.body) ? null : "other text:\n" + body + "\nexpected:\n" + expected.body;
        }

        /**
         * The catalogue's pages now also name their neighbours with Hydra's current terms (first, last, next,
         * previous) beside the deprecated ones the earlier build wrote alone; nothing else may differ.
         */
        private static Model withoutNewPagingTerms(Model graph) {
            for (String term : java.util.List.of("first", "last", "next", "previous")) {
                graph.removeAll(null, graph.createProperty("http://www.w3.org/ns/hydra/core#" + term), null);
            }
            return graph;
        }

        ObjectNode toJson() {
            ObjectNode o = Json.object().put("path", path).put("reader", reader.name()).put("status", status)
                    .put("contentType", contentType);
            if (body != null) {
                o.put("body", body);
            } else {
                o.put("sha256", sha256);
            }
            return o;
        }

        static Answer of(JsonNode o) {
            return new Answer(o.path("path").asText(), Reader.valueOf(o.path("reader").asText()), o.path("status").asInt(),
                    o.path("contentType").asText(), o.has("body") ? o.path("body").asText() : null,
                    o.has("sha256") ? o.path("sha256").asText() : null);
        }
    }

    /** GETs {@code path} from the service on {@code port} as {@code reader}. */
    static Answer read(int port, String path, Reader reader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (reader == Reader.ADMIN) {
            request.header("X-API-Key", ADMIN_TOKEN);
        }
        try {
            HttpResponse<byte[]> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (isText(type)) {
                return new Answer(path, reader, r.statusCode(), type, new String(r.body(), StandardCharsets.UTF_8), null);
            }
            return new Answer(path, reader, r.statusCode(), type, null, sha256(r.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isText(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/") || t.contains("json") || t.contains("xml");
    }

    static boolean isJson(String contentType) {
        return contentType.toLowerCase(Locale.ROOT).contains("json") && !isRdf(contentType);
    }

    static Lang rdfLang(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/turtle") ? Lang.TURTLE : t.startsWith("application/rdf+xml") ? Lang.RDFXML
                : t.startsWith("application/ld+json") ? Lang.JSONLD : null;
    }

    static boolean isRdf(String contentType) {
        return rdfLang(contentType) != null;
    }

    /** RDF as a graph: blank nodes are named anew by each write, so two answers are the same graph, not text. */
    static Model graph(String body, Lang lang) {
        Model model = ModelFactory.createDefaultModel();
        RDFParser.fromString(body, lang).base(PUBLIC_BASE).parse(model);
        return model;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ArrayNode answersJson(Iterable<Answer> answers) {
        ArrayNode all = Json.MAPPER.createArrayNode();
        answers.forEach(a -> all.add(a.toJson()));
        return all;
    }

    /** A fixture's text file; gunzip'd where its name ends in .gz (the PostgreSQL twin's, kept small). */
    /**
     * The earlier build's PostgreSQL schema under a fresh name, loaded over JDBC (no psql where the tests run): the
     * dump is plain SQL with the schema's name in it.
     */
    static void loadPostgresDump(String url, String schema) throws IOException, java.sql.SQLException {
        String sql = readText(Path.of(RESOURCES).resolve(PG_DUMP)).replace(SCHEMA_IN_DUMP, schema);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url); var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String readText(Path file) throws IOException {
        if (!file.toString().endsWith(".gz")) {
            return Files.readString(file);
        }
        try (var in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void writeText(Path file, String text) throws IOException {
        if (!file.toString().endsWith(".gz")) {
            Files.writeString(file, text);
            return;
        }
        try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    static void zip(Path dir, Path zipFile) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zipFile));
             var files = Files.walk(dir)) {
            out.setLevel(9);
            for (Path file : files.sorted().toList()) {
                // Lucene's write.lock is a native lock, taken anew at every start; it carries nothing.
                if (Files.isRegularFile(file) && !file.getFileName().toString().equals("write.lock")) {
                    ZipEntry entry = new ZipEntry(dir.relativize(file).toString().replace('\\', '/'));
                    entry.setTime(0);
                    out.putNextEntry(entry);
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
        }
    }

    static void unzip(Path zipFile, Path dir) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zipFile))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("entry outside the directory: " + entry.getName());
                }
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            }
        }
    }

    private static final java.util.regex.Pattern LINK = java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote(PUBLIC_BASE) + "(/[^\\s\"'<>]*)");

    /** Paths of this service that an answer links to (the crawl that reaches every record), but not CKAN's help. */
    static void linksIn(String body, java.util.function.Consumer<String> path) {
        java.util.regex.Matcher m = LINK.matcher(body);
        while (m.find()) {
            String found = m.group(1).replace("&amp;", "&");
            if (!found.contains("help_show")) {
                path.accept(found);
            }
        }
    }
}
