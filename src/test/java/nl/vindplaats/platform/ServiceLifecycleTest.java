package nl.vindplaats.platform;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.Main;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceLifecycleTest {

    @Test
    void firstStartPrintsOneAdminTokenThatWorksAndLaterStartsPrintNothing() throws Exception {
        Path dir = TestService.newDataDir();
        Config config = Config.defaults(dir);
        config = config.with(config.server().withPort(0));
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        String secret;
        try (Vindplaats app = Vindplaats.start(config, Clock.systemUTC(), new PrintStream(first, true))) {
            Matcher m = Pattern.compile("(vp_[A-Za-z0-9_-]{43})").matcher(first.toString());
            assertThat(m.find()).as(first.toString()).isTrue();
            secret = m.group(1);
            assertThat(first.toString()).contains("X-API-Key");
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + app.port() + "/platform/v1/tokens"))
                    .header("X-API-Key", secret).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try (Vindplaats app = Vindplaats.start(config, Clock.systemUTC(), new PrintStream(second, true))) {
            assertThat(second.toString()).doesNotContain("vp_");
        }
    }

    @Test
    void healthReportsStoreAndIndexAndMetricsArePrometheusText() {
        try (TestService service = TestService.start(TestService.Store.SQLITE)) {
            service.createOrganisation("proefgemeente-ede", "Proefgemeente Ede");
            JsonNode health = TestService.json(service.get("/health"));
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.at("/checks/store/status").asText()).isEqualTo("UP");
            long organisations = TestService.json(service.get("/platform/v1/organisations")).path("total").asLong();
            long documents = health.at("/checks/index/documents").asLong();
            assertThat(documents).isGreaterThanOrEqualTo(organisations).isPositive();
            assertThat(health.at("/checks/index/lag").asLong()).isZero();
            assertThat(service.get("/health/ready").statusCode()).isEqualTo(200);
            assertThat(service.get("/health/live").statusCode()).isEqualTo(200);

            service.get("/platform/v1/organisations");
            HttpResponse<String> metrics = service.get("/metrics");
            assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
            assertThat(metrics.body())
                    .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/platform/v1/organisations\",status=\"200\"}")
                    .contains("vindplaats_index_documents " + documents + ".0")
                    .contains("vindplaats_changelog_lag 0.0");
        }
    }

    @Test
    void reindexCommandRebuildsAnIndexThatAnswersAsBefore() {
        TestService service = TestService.start(TestService.Store.SQLITE);
        try {
            service.createOrganisation("gemeente-ede", "Gemeente Ede");
            service.createOrganisation("gemeente-epe", "Gemeente Epe");
            service.createOrganisation("waterschap-vallei", "Waterschap Vallei en Veluwe");
            List<String> queries = List.of("/platform/v1/organisations", "/platform/v1/organisations?q=gemeente",
                    "/platform/v1/organisations?q=veluw&pageSize=1", "/platform/v1/organisations?page=2&pageSize=2");
            List<String> before = queries.stream().map(q -> service.get(q).body()).toList();
            service.close();

            StringWriter out = new StringWriter();
            int exit = new CommandLine(new Main()).setOut(new PrintWriter(out))
                    .execute("reindex", "--data-dir", service.dataDir().toString());
            assertThat(exit).isZero();

            TestService again = service.restart();
            assertThat(queries.stream().map(q -> again.get(q).body()).toList()).isEqualTo(before);
            again.close();
        } finally {
            service.destroy();
        }
    }

    @Test
    void everyCommandExplainsItself() {
        for (String[] args : new String[][] {{"--help"}, {"serve", "--help"}, {"reindex", "--help"},
                {"check", "--help"}, {"import", "api-register", "--help"}}) {
            StringWriter out = new StringWriter();
            int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).execute(args);
            assertThat(exit).isZero();
            assertThat(out.toString()).contains("Usage: vindplaats");
        }
        StringWriter serve = new StringWriter();
        new CommandLine(new Main()).setOut(new PrintWriter(serve)).execute("serve", "--help");
        assertThat(serve.toString()).contains("--port", "VINDPLAATS_PORT", "--data-dir", "--database-url");
    }
}
