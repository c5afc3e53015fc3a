package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The register's benchmark (see bench/README.md): 10,000 generated entries, list with filters and
 * _search latency and throughput over real HTTP, and lint time of a large real-world document.
 * Runs only with VINDPLAATS_BENCH=1; prints a Markdown table.
 */
@EnabledIfEnvironmentVariable(named = "VINDPLAATS_BENCH", matches = "1")
class RegisterBench {
    static final int ENTRIES = Integer.parseInt(System.getenv().getOrDefault("VINDPLAATS_BENCH_ENTRIES", "10000"));
    static final String[] WORDS = ("afval ophaaldagen containers kadaster percelen adressen gebouwen vergunningen "
            + "parkeren kentekens voertuigen subsidies belastingen zorg onderwijs scholen bibliotheek monumenten "
            + "archief kaarten luchtfoto bodem water dijken energie verkeer meldingen openbare ruimte bomen "
            + "evenementen raadsinformatie besluiten personen bedrijven handelsregister statistiek woningen").split(" ");
    static final String[] TYPES = {"rest_json", "rest_json", "rest_json", "rest_xml", "soap_xml", "graphql", "wfs", "wms"};
    static final String[] AUTH = {"none", "api_key", "api_key", "oauth2", "mutual_tls", "unknown"};
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void bench() throws Exception {
        StringBuilder out = new StringBuilder();
        for (TestService.Store store : storesToRun()) {
            try (TestService service = TestService.start(store, c -> c.with(c.server().withRateLimits(0, 0)))) {
                long started = System.nanoTime();
                generate(service, ENTRIES);
                double loadSeconds = (System.nanoTime() - started) / 1e9;
                assertThat(RegisterApiTest.othersCount(service, "")).isEqualTo(ENTRIES);
                out.append("\n### ").append(store.name().toLowerCase(Locale.ROOT)).append(": ").append(ENTRIES)
                        .append(" entries written in ").append(String.format(Locale.ROOT, "%.1f", loadSeconds))
                        .append(" s\n\n| request | p50 ms | p99 ms | requests/s (8 clients) |\n|---|---|---|---|\n");
                for (String path : List.of("/api-register/v1/apis?perPage=20",
                        "/api-register/v1/apis?page=50&perPage=20",
                        "/api-register/v1/apis?apiType=rest_json&auth=api_key&perPage=20",
                        "/api-register/v1/apis?organisation=https%3A%2F%2Fexample.nl%2Forg%2F7&adrScore=75",
                        "/api-register/v1/apis/_search?q=afval",
                        "/api-register/v1/apis/_search?q=kentekens%20voertuigen&auth=api_key",
                        "/api-register/v1/apis/filters?apiType=rest_json")) {
                    double[] latencies = sequential(service.url(path), 300);
                    double rps = throughput(service.url(path), 8, Duration.ofSeconds(5));
                    out.append(String.format(Locale.ROOT, "| `%s` | %.1f | %.1f | %.0f |\n",
                            path.substring("/api-register/v1".length()), percentile(latencies, 50),
                            percentile(latencies, 99), rps));
                }
            }
        }
        String spec = System.getenv("VINDPLAATS_BENCH_SPEC");
        if (spec != null) {
            out.append(lintTime(Path.of(spec)));
        }
        System.out.println("\n## Register benchmark results\n" + out);
        Path results = Path.of(System.getProperty("user.dir"), "bench", "last-run.md");
        Files.createDirectories(results.getParent());
        Files.writeString(results, out.toString());
    }

    static List<TestService.Store> storesToRun() {
        String url = System.getenv(TestService.POSTGRES_URL_VARIABLE);
        return url == null || url.isBlank() ? List.of(TestService.Store.SQLITE)
                : List.of(TestService.Store.SQLITE, TestService.Store.POSTGRES);
    }

    static void generate(TestService service, int count) {
        Random random = new Random(42);
        var store = service.app().store();
        for (int i = 0; i < count; i++) {
            String name = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " API " + i;
            StringBuilder description = new StringBuilder();
            for (int w = 0; w < 30; w++) {
                description.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            int org = random.nextInt(200);
            int score = random.nextInt(9) * 100 / 8;
            ApiEntry.Specification spec = new ApiEntry.Specification("https://example.nl/" + i + "/openapi.json",
                    "valid", null, null, null, "3.0.3", name, null, "1.0.0", null, null, "active", score, null, null);
            ApiEntry entry = new ApiEntry("bench-" + i, name, description.toString().strip(),
                    new ApiEntry.OrganisationRef("https://example.nl/org/" + org, null, "Organisatie " + org),
                    TYPES[random.nextInt(TYPES.length)], AUTH[random.nextInt(AUTH.length)],
                    List.of(new ApiEntry.Environment("production", "https://example.nl/api/" + i, null, null)),
                    null, null, null, false, null, null, null, spec, null, null);
            store.create(ApiEntries.newVersion(entry, "benchmark"));
        }
    }

    static double[] sequential(String url, int requests) throws Exception {
        get(url); // warm up this path
        double[] millis = new double[requests];
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = get(url);
            millis[i] = (System.nanoTime() - t) / 1e6;
            assertThat(r.statusCode()).isEqualTo(200);
        }
        Arrays.sort(millis);
        return millis;
    }

    static double throughput(String url, int clients, Duration duration) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        if (get(url).statusCode() == 200) {
                            done.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        return done.get() / (duration.toNanos() / 1e9);
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static String lintTime(Path spec) throws IOException {
        byte[] bytes = Files.readAllBytes(spec);
        JsonNode doc = Specifications.parse(bytes);
        DesignRules.Result result = DesignRules.lint(doc);
        double[] parse = new double[5];
        double[] lint = new double[5];
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            doc = Specifications.parse(bytes);
            parse[i] = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            result = DesignRules.lint(doc);
            lint[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(parse);
        Arrays.sort(lint);
        return String.format(Locale.ROOT, "\n### Lint of `%s` (%.1f MB, %d paths)\n\nparse %.0f ms, lint %.0f ms "
                        + "(median of 5); score %d, %d findings\n", spec.getFileName(), bytes.length / 1e6,
                doc.path("paths").size(), parse[2], lint[2], result.score(), result.findings().size());
    }
}
