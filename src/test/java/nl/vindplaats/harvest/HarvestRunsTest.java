package nl.vindplaats.harvest;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import nl.vindplaats.testing.Eventually;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs of one source never overlap, and a run that a stop interrupts runs again after the restart. */
class HarvestRunsTest {
    private static final String SOURCES = CkanHarvestTest.SOURCES;

    /** A CKAN that holds its answers until released: a run on it stays running as long as the test wants. */
    private static final class HeldCkan implements AutoCloseable {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger requests = new AtomicInteger();
        final HttpServer server;

        HeldCkan() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/api/3/action/package_search", exchange -> {
                requests.incrementAndGet();
                try {
                    if (!release.await(60, TimeUnit.SECONDS)) {
                        exchange.close();
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.close();
                    return;
                }
                byte[] body = "{\"success\":true,\"result\":{\"count\":0,\"results\":[]}}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        }

        @Override
        public void close() {
            release.countDown();
            server.stop(0);
        }
    }

    @Test
    void aSecondRunIsRefusedWhileOneRunsAndAnInterruptedRunContinuesAfterTheRestart() throws IOException {
        try (HeldCkan ckan = new HeldCkan()) {
            TestService b = TestService.start(TestService.Store.SQLITE,
                    c -> c.with(c.register().withAllowPrivateAddresses(true)));
            try {
                HttpResponse<String> created = b.post(SOURCES, "{\"type\":\"ckan\",\"url\":\"" + ckan.url()
                        + "\",\"organisation\":\"gm0344\"}", b.asAdmin());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                String runs = SOURCES + "/" + TestService.json(created).path("id").asText() + "/runs";

                HttpResponse<String> first = b.post(runs, "", b.asAdmin());
                assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
                String location = first.headers().firstValue("Location").orElseThrow();
                Eventually.until("the run asks the source", Duration.ofSeconds(30), () -> ckan.requests.get() == 1);
                assertThat(TestService.json(b.get(location, b.asAdmin())).path("state").asText()).isEqualTo("running");

                HttpResponse<String> second = b.post(runs, "", b.asAdmin());
                assertThat(second.statusCode()).as("two runs of one source never overlap").isEqualTo(409);
                assertThat(second.headers().firstValue("Content-Type").orElseThrow())
                        .startsWith("application/problem+json");
                assertThat(TestService.json(second).path("detail").asText())
                        .contains(location.substring(location.lastIndexOf('/') + 1));

                b = b.restart();
                ckan.release.countDown();
                TestService restarted = b;
                JsonNode run = Eventually.value("the interrupted run ends after the restart", Duration.ofSeconds(60),
                        () -> TestService.json(restarted.get(location, restarted.asAdmin())),
                        r -> r.path("state").asText().equals("finished"));
                assertThat(run.path("restarts").asInt()).isEqualTo(1);
                assertThat(ckan.requests.get()).as("the run asked the source again").isGreaterThanOrEqualTo(2);
                assertThat(TestService.json(b.get(runs, b.asAdmin())).path("total").asInt())
                        .as("the same run continued; no second one was made").isEqualTo(1);
                assertThat(b.post(runs, "", b.asAdmin()).statusCode()).as("once it has ended, another may start")
                        .isEqualTo(202);
            } finally {
                b.close();
            }
        }
    }
}
