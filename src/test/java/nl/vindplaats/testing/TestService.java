package nl.vindplaats.testing;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.platform.Config;
import nl.vindplaats.base.FileTree;
import nl.vindplaats.register.RegisterSettings;
import nl.vindplaats.base.Ids;
import nl.vindplaats.base.Json;
import nl.vindplaats.platform.Vindplaats;
import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real Vindplaats on a random port, with its own data directory and its own store: a SQLite file,
 * or a fresh schema in the PostgreSQL named by {@code VINDPLAATS_TEST_POSTGRES_URL}.
 */
public final class TestService implements AutoCloseable {
    public enum Store { SQLITE, POSTGRES }

    public static final String POSTGRES_URL_VARIABLE = "VINDPLAATS_TEST_POSTGRES_URL";


    private final Path dataDir;
    private final String schema;
    private final Config config;
    private final Vindplaats app;
    private final String adminToken;
    private final String baseUrl;
    private final Clock clock;
    // One client per service, closed before the service: Jetty's graceful stop waits (its connectors' shutdown
    // idle timeout, 1 s) for kept-alive connections that a client shared by every service would hold open.
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private boolean closed;

    private TestService(Path dataDir, String schema, Config config, String adminToken, Clock clock) {
        this.clock = clock;
        this.dataDir = dataDir;
        this.schema = schema;
        this.config = config;
        this.adminToken = adminToken;
        this.app = Vindplaats.start(config, clock, new PrintStream(new ByteArrayOutputStream()));
        try {
            // Tests start from a settled state: the instance's own APIs are in its register (unless a test
            // delays that on purpose).
            if (config.register().selfRegistrationDelay().isZero()) {
                app.awaitOwnApisRegistered();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        this.baseUrl = "http://localhost:" + app.port();
    }

    public static TestService start(Store store) {
        return start(store, c -> c);
    }

    public static TestService start(Store store, UnaryOperator<Config> adjust) {
        return start(store, Clock.systemUTC(), adjust);
    }

    /** A service whose clock the test sets (e.g. to move a day on without waiting for it). */
    public static TestService start(Store store, Clock clock, UnaryOperator<Config> adjust) {
        Path dir = newDataDir();
        String token = Ids.secret();
        Config config = Config.defaults(dir);
        config = config.with(config.server().withPort(0)).with(config.instance().withAdminToken(token));
        String schema = null;
        if (store == Store.POSTGRES) {
            String url = postgresUrl();
            schema = "t_" + Ids.uuid().replace("-", "").substring(0, 16);
            config = config.with(config.store().withDatabase(url, null, null, schema));
        }
        // Tests wait for the instance's own APIs to be registered, so they are registered at once, unless a test
        // chose a delay of its own.
        Config adjusted = adjust.apply(config);
        if (adjusted.register().selfRegistrationDelay().equals(RegisterSettings.defaults().selfRegistrationDelay())) {
            adjusted = adjusted.with(adjusted.register().withSelfRegistrationDelay(Duration.ZERO));
        }
        // A demo service too: a first start seeds the organisations before it loads the demo data, so the copy
        // leaves the demo to load on what a first start of its own would have had.
        if (store == Store.SQLITE && adjusted.store().dataDir().equals(dir)) {
            TemplateDataDir.copyInto(dir);
        }
        return new TestService(dir, schema, adjusted, token, clock);
    }

    /** A second node on the same PostgreSQL schema, with its own data directory (index) and port. */
    public TestService anotherNode() {
        return anotherNode(c -> c.with(c.index().withChangeLogPollInterval(Duration.ofMillis(200))));
    }

    /** A second node on the same PostgreSQL schema, with settings of its own. */
    public TestService anotherNode(UnaryOperator<Config> adjust) {
        if (schema == null) {
            throw new IllegalStateException("only PostgreSQL stores can be shared by nodes");
        }
        Path otherDir = newDataDir();
        Config other = adjust.apply(config.with(config.server().withPort(0)).with(config.store().withDataDir(otherDir))
                .with(config.instance().withDemo(false)));
        return new TestService(otherDir, null, other, adminToken, clock);
    }

    /** The same data directory and store, started again (after {@link #close()}). */
    public TestService restart() {
        close();
        return new TestService(dataDir, schema, config, adminToken, clock);
    }

    public static String postgresUrl() {
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        Assumptions.assumeTrue(url != null && !url.isBlank(), POSTGRES_URL_VARIABLE + " is not set");
        Assumptions.assumeFalse(slowTestsLeftOut(), "the PostgreSQL variants are slow tests, left out of this run "
                + "(./vindplaats test or ./mvnw verify -Pall-tests runs them)");
        return url;
    }

    /**
     * True in a run that leaves out the tests tagged "slow" (a plain {@code ./mvnw verify}, see the pom's
     * {@code vp.test.excludedGroups}); the PostgreSQL variants, parameters of a test rather than tests of their
     * own, cannot carry the tag and are left out with them.
     */
    static boolean slowTestsLeftOut() {
        String excluded = System.getProperty("vindplaats.test.excludedGroups", "");
        return java.util.Arrays.stream(excluded.split(",")).map(String::trim).anyMatch("slow"::equals);
    }

    public static Path newDataDir() {
        try {
            return Files.createTempDirectory("vindplaats-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Vindplaats app() {
        return app;
    }

    public Config config() {
        return config;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String adminToken() {
        return adminToken;
    }

    public String url(String path) {
        return baseUrl + path;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    /**
     * A GET on a connection of its own, for a request that Jetty answers and then closes the connection of (a bad
     * request line or URI): on the shared client the next request could be sent on that closed connection.
     */
    public HttpResponse<String> getOnItsOwnConnection(String path, String... headers) {
        try (HttpClient own = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return own.send(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> put(String path, String body, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> delete(String path, String... headers) {
        return send(request(path, headers).DELETE().build());
    }

    public HttpResponse<String> method(String method, String path, String body, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Headers that authenticate as the platform admin. */
    public String[] asAdmin() {
        return new String[] {"X-API-Key", adminToken};
    }

    public static String[] withKey(String token) {
        return new String[] {"X-API-Key", token};
    }

    public static JsonNode json(HttpResponse<String> response) {
        return Json.read(response.body());
    }

    /** Creates an organisation as the platform admin and returns its JSON. */
    public JsonNode createOrganisation(String slug, String name) {
        HttpResponse<String> r = post("/platform/v1/organisations", Json.write(java.util.Map.of(
                "id", "https://identifier.overheid.nl/tooi/id/test/" + slug, "name", name, "slug", slug)), asAdmin());
        if (r.statusCode() != 201) {
            throw new AssertionError("creating organisation " + slug + ": " + r.statusCode() + " " + r.body());
        }
        return json(r);
    }

    /** Creates a token as the platform admin and returns its secret. */
    public String createToken(String scopeType, String scopeId, String level, String expiresAt) {
        var body = Json.object().put("name", "test " + level + " " + scopeType);
        body.putObject("scope").put("type", scopeType).put("id", scopeId);
        body.put("level", level);
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt);
        }
        HttpResponse<String> r = post("/platform/v1/tokens", body.toString(), asAdmin());
        if (r.statusCode() != 201) {
            throw new AssertionError("creating token: " + r.statusCode() + " " + r.body());
        }
        return json(r).path("secret").asText();
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            // A request that never answers is a hang in the service: say where its threads are.
            throw new UncheckedIOException(request.method() + " " + request.uri() + " timed out; threads in our code:\n"
                    + threadsInOurCode(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every thread, virtual ones too, whose stack runs through the service's code; the top of each stack. */
    private static String threadsInOurCode() {
        try {
            Path file = Files.createTempFile("threads", ".txt");
            Files.delete(file);
            java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            StringBuilder dump = new StringBuilder();
            for (String thread : Files.readString(file).split("\n\\s*\n")) {
                List<String> lines = thread.lines().toList();
                boolean ours = lines.stream().anyMatch(l -> l.contains("nl.vindplaats.") && !l.contains("nl.vindplaats.testing."));
                if (ours) {
                    lines.stream().limit(14).forEach(l -> dump.append("  ").append(l).append('\n'));
                }
            }
            Files.delete(file);
            return dump.toString();
        } catch (IOException | RuntimeException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        client.close();
        app.close();
    }

    /** Closes the service and removes everything it stored. */
    public void destroy() {
        close();
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(postgresUrl()); var s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            FileTree.delete(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
