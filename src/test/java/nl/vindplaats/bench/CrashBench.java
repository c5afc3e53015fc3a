package nl.vindplaats.bench;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.bench.CrashLedger.Kind;
import nl.vindplaats.testing.ChildService;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash test at scale (issue 16), run by hand: five rounds of SIGKILL at random moments while 64 writers
 * write every kind of record (PLOOI documents with their PDF, CKAN datasets, API register entries with an inline
 * OpenAPI document, API tokens), on one data directory; after each restart {@link CrashChecks} checks that every
 * acknowledged write is there, searchable, and that search lists exactly what the store holds. Off in normal
 * builds:
 * {@code ./mvnw -o test -Dvp.bench=true -Dtest=CrashBench -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dvp.crash.seed=N} replays the moments; {@code vp.crash.rounds}, {@code vp.crash.writers} change the
 * size). With VINDPLAATS_TEST_POSTGRES_URL set it runs on PostgreSQL too.
 */
@EnabledIfSystemProperty(named = "vp.bench", matches = "true")
class CrashBench {
    static final String PLOOI = "/overheid/openbaarmaken/api/v0";
    static final String DEN_HAAG = "https://identifier.overheid.nl/tooi/id/gemeente/gm0518";
    static final String DATASET_ORG = "kraak";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60); // a loaded shared machine; a kill ends it sooner

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void acknowledgedWritesOfEveryKindSurviveFiveKills(TestService.Store store) throws Exception {
        long seed = Long.getLong("vp.crash.seed", System.nanoTime());
        int rounds = Integer.getInteger("vp.crash.rounds", 5);
        int writers = Integer.getInteger("vp.crash.writers", 64);
        System.out.println("CrashBench " + store + " seed " + seed + " (replay with -Dvp.crash.seed=" + seed + "), "
                + rounds + " rounds, " + writers + " writers");
        Random random = new Random(seed);
        String template = Files.readString(Path.of("src/test/resources/plooi/metadata-example.json"));
        ChildService.Place place = ChildService.Place.create(store);
        CrashLedger ledger = new CrashLedger();
        List<String> table = new ArrayList<>();
        try {
            ChildService service = start(place);
            String writeToken = setUp(service);
            for (int round = 1; round <= rounds; round++) {
                long killAfterMillis = 1_000 + random.nextInt(14_000);
                int before = ledger.acknowledgedCount();
                writeUntilKilled(service, round, writers, killAfterMillis, writeToken, template, ledger);
                long restarting = System.nanoTime();
                service = start(place);
                long restartMillis = (System.nanoTime() - restarting) / 1_000_000;
                System.out.printf("round %d: killed %,d ms after the writers started, %d writes acknowledged this round; "
                        + "restarted in %,d ms; load %.1f%n", round, killAfterMillis, ledger.acknowledgedCount() - before,
                        restartMillis, load());
                CrashChecks checks = new CrashChecks(service, ledger, writeToken, template);
                table.addAll(checks.run(round));
                System.out.println(CrashChecks.HEADER);
                table.forEach(System.out::println);
                assertThat(checks.problems()).as("round " + round + " seed " + seed).isEmpty();
            }
            service.forceStop();
        } finally {
            place.destroy();
        }
    }

    private static ChildService start(ChildService.Place place) {
        return ChildService.start(place, "--rate-limit-per-token", "0", "--rate-limit-per-address", "0");
    }

    /** The CKAN organisation the datasets belong to, and a write token of gemeente Den Haag (PLOOI, register). */
    private static String setUp(ChildService service) {
        HttpResponse<String> org = post(service, "/api/3/action/organization_create",
                Json.write(Map.of("name", DATASET_ORG, "title", "Kraakproef")), admin(service));
        assertThat(org.statusCode()).as(org.body()).isEqualTo(200);
        HttpResponse<String> token = post(service, "/platform/v1/tokens", Json.write(Map.of("name", "kraak-schrijver",
                "scope", Map.of("type", "organisation", "id", DEN_HAAG), "level", "write")), admin(service));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        return TestService.json(token).path("secret").asText();
    }

    /** Every writer writes the four kinds in turn until the service is killed at the chosen moment. */
    private static void writeUntilKilled(ChildService service, int round, int writers, long killAfterMillis,
                                         String writeToken, String template, CrashLedger ledger)
            throws InterruptedException {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger acks = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.add(Thread.ofPlatform().name("crash-writer-" + w).start(() -> {
                for (int n = 0; ; n++) {
                    Kind kind = Kind.values()[(writer + n) % Kind.values().length];
                    String key = round + "-" + writer + "-" + n;
                    try {
                        String refused = write(service, kind, key, writeToken, template, ledger);
                        if (refused != null) {
                            failures.add(kind + " " + key + ": " + refused);
                            return;
                        }
                        acks.incrementAndGet();
                    } catch (UncheckedIOException killed) {
                        return; // the connection died with the process: this write was not acknowledged
                    }
                }
            }));
        }
        Thread.sleep(killAfterMillis);
        service.kill();
        for (Thread t : threads) {
            t.join(TIMEOUT.toMillis());
        }
        assertThat(failures).as("writes refused before the kill; service log:\n" + service.log()).isEmpty();
    }

    /** One write; null when acknowledged, else what the service answered. */
    private static String write(ChildService service, Kind kind, String key, String writeToken, String template,
                                CrashLedger ledger) {
        String word = word(kind, key);
        return switch (kind) {
            case DOCUMENT -> {
                String identifier = "https://documenten.denhaag.nl/documenten/kraak-" + key;
                ledger.attempt(kind, identifier, word);
                HttpResponse<String> r = post(service, PLOOI + "/metadata", document(template, identifier, word),
                        "Aanlever-Token", writeToken);
                if (r.statusCode() != 201) {
                    yield r.statusCode() + " " + r.body();
                }
                String location = r.headers().firstValue("Location").orElseThrow();
                String uuid = location.substring(location.lastIndexOf('/') + 1);
                ledger.acknowledge(kind, identifier, uuid);
                byte[] pdf = pdf(word);
                ledger.filesAttempted.put(uuid, pdf);
                HttpResponse<String> file = send(service, "POST", PLOOI + "/documenten/" + uuid, "application/pdf", pdf,
                        "Aanlever-Token", writeToken);
                if (file.statusCode() != 202) {
                    yield "file " + file.statusCode() + " " + file.body();
                }
                ledger.filesAcknowledged.add(uuid);
                yield null;
            }
            case DATASET -> {
                String name = "kraak-" + key;
                ledger.attempt(kind, name, word);
                HttpResponse<String> r = post(service, "/api/3/action/package_create", Json.write(Map.of("name", name,
                        "owner_org", DATASET_ORG, "title", "Kraakdataset " + word,
                        "notes", "Geschreven tijdens de kraakproef.")), admin(service));
                if (r.statusCode() != 200) {
                    yield r.statusCode() + " " + r.body();
                }
                ledger.acknowledge(kind, name, name);
                yield null;
            }
            case API -> {
                String id = "kraak-" + key;
                ledger.attempt(kind, id, word);
                HttpResponse<String> r = post(service, "/api-register/v1/apis", Json.write(Map.of("id", id,
                        "oasBody", openApi(id, word), "organisationUri", DEN_HAAG,
                        "contact", Map.of("name", "Team Kraak", "email", "kraak@denhaag.example"))),
                        "X-API-Key", writeToken);
                if (r.statusCode() != 201) {
                    yield r.statusCode() + " " + r.body();
                }
                ledger.acknowledge(kind, id, id);
                yield null;
            }
            case TOKEN -> {
                String name = "kraak-" + key;
                ledger.attempt(kind, name, word);
                HttpResponse<String> r = post(service, "/platform/v1/tokens", Json.write(Map.of("name", name,
                        "scope", Map.of("type", "organisation", "id", DEN_HAAG), "level", "read")), admin(service));
                if (r.statusCode() != 201) {
                    yield r.statusCode() + " " + r.body();
                }
                JsonNode issued = TestService.json(r);
                ledger.tokenSecrets.put(issued.path("id").asText(), issued.path("secret").asText());
                ledger.acknowledge(kind, name, issued.path("id").asText());
                yield null;
            }
        };
    }

    /** A word in this record's text only ("kd3x17x5"), to find it by full text. */
    static String word(Kind kind, String key) {
        return "k" + kind.name().substring(0, 1).toLowerCase() + key.replace('-', 'x');
    }

    static String document(String template, String identifier, String word) {
        return template.replace("https://documenten.denhaag.nl/documenten/doc-123e4567-e89b-12d3-a456-426614174777",
                identifier).replace("Kapvergunning voor Dorpsstraat 16", "Kapvergunning " + word);
    }

    /** A small PDF of its own per document: a comment line with the word makes its bytes unique. */
    static byte[] pdf(String word) {
        return ("%PDF-1.4\n% " + word + "\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A minimal valid OpenAPI 3.0 document, as the register's tests use, titled with the word. */
    static Map<String, Object> openApi(String id, String word) {
        Map<String, Object> ok = Map.of("description", "ok");
        return Map.of("openapi", "3.0.3",
                "info", Map.of("title", "Kraak API " + word, "version", "1.0.0", "description", "Kraakproef " + word,
                        "contact", Map.of("name", "Team Kraak", "email", "kraak@denhaag.example")),
                "servers", List.of(Map.of("url", "https://api.denhaag.example/" + id + "/v1")),
                "paths", Map.of("/kraken", Map.of("get", Map.of("responses", Map.of("200", ok)))));
    }

    static String[] admin(ChildService service) {
        return new String[] {"X-API-Key", service.place().adminToken()};
    }

    static HttpResponse<String> post(ChildService service, String path, String json, String... headers) {
        return send(service, "POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    static HttpResponse<String> get(ChildService service, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(service.uri(path)).timeout(TIMEOUT).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<byte[]> getBytes(ChildService service, String path) {
        return send(HttpRequest.newBuilder(service.uri(path)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> send(ChildService service, String method, String path, String contentType,
                                             byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(service.uri(path)).timeout(TIMEOUT)
                .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return CLIENT.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
