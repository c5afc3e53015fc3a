package nl.vindplaats.harvest;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import nl.vindplaats.platform.Config;
import nl.vindplaats.store.Database;
import nl.vindplaats.store.Jobs;
import nl.vindplaats.testing.Eventually;
import nl.vindplaats.testing.TestClock;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL run a harvest run once, through the source's job lease; a node that holds the run and
 * stops renewing (it died, or hangs) has its run taken over by the other once the lease has run out. The nodes' clock
 * stands still until the test moves it past the lease.
 */
class HarvestLeasesTest {
    private static final String SOURCES = CkanHarvestTest.SOURCES;
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** An empty CKAN that counts its listing requests and holds its answers until released. */
    private static final class CountingCkan implements AutoCloseable {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger requests = new AtomicInteger();
        final HttpServer server;

        CountingCkan() throws IOException {
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

    private final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final UnaryOperator<Config> settings = c -> c.with(c.register().withAllowPrivateAddresses(true))
            .with(c.harvest().withTick(Duration.ofMillis(100)));

    @Test
    void aRunRunsOnOneNodeAndAHungNodesRunIsTakenOver() throws IOException {
        TestService a = TestService.start(TestService.Store.POSTGRES, clock, settings);
        TestService b = a.anotherNode(settings);
        try (CountingCkan ckan = new CountingCkan()) {
            String runs = SOURCES + "/" + createSource(a, ckan) + "/runs";
            HttpResponse<String> requested = b.post(runs, "", b.asAdmin());
            assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
            String location = requested.headers().firstValue("Location").orElseThrow();

            JsonNode running = Eventually.value("one node runs it", WAIT, () -> TestService.json(a.get(location, a.asAdmin())),
                    r -> r.path("state").asText().equals("running") && ckan.requests.get() == 1);
            String first = running.path("node").asText();
            assertThat(first).isIn(a.app().node(), b.app().node());
            assertThat(ckan.requests.get()).as("the other node, looking every 100 ms, leaves it alone").isEqualTo(1);

            // The run hangs on the source past its lease: a node claims the source's job again and runs it again (the
            // hung node's own scheduler may be the one, as it is alive here; the hung worker is fenced off either way).
            clock.advance(HarvestRunner.LEASE.plusSeconds(1));
            JsonNode takenOver = Eventually.value("the run is taken over", WAIT,
                    () -> TestService.json(a.get(location, a.asAdmin())), r -> r.path("restarts").asInt() == 1);
            assertThat(takenOver.path("state").asText()).isEqualTo("running");
            Eventually.until("the new node asks the source", WAIT, () -> ckan.requests.get() == 2);

            ckan.release.countDown();
            JsonNode finished = Eventually.value("the run ends", WAIT, () -> TestService.json(a.get(location, a.asAdmin())),
                    r -> r.path("state").asText().equals("finished"));
            assertThat(finished.path("node").asText()).as("the hung worker, answered late, wrote nothing of its own")
                    .isEqualTo(takenOver.path("node").asText());
            assertThat(finished.path("restarts").asInt()).isEqualTo(1);
            assertThat(TestService.json(b.get(runs, b.asAdmin())).path("total").asInt()).isEqualTo(1);
            assertThat(ckan.requests.get()).isEqualTo(2);
        } finally {
            b.destroy();
            a.destroy();
        }
    }

    @Test
    void aRunWhoseNodeDiedBeforeStartingItIsRunByALiveNodeOnceTheLeaseRunsOut() throws IOException {
        TestService a = TestService.start(TestService.Store.POSTGRES, clock, settings);
        TestService b = a.anotherNode(settings);
        try (CountingCkan ckan = new CountingCkan(); Database database = Database.open(a.config().store())) {
            ckan.release.countDown();
            String sourceId = createSource(a, ckan);
            // A node claims the source's job and dies with it. The job is due a second from the live nodes' "now", and
            // the dead node's clock is that second ahead, so no live node's scheduler can claim it first.
            Instant due = clock.instant().plusSeconds(1);
            Jobs jobs = new Jobs(database, java.time.Clock.fixed(due, java.time.ZoneOffset.UTC));
            jobs.schedule(HarvestRunner.JOB, sourceId, due);
            assertThat(jobs.claim(HarvestRunner.JOB, "dead-node", HarvestRunner.LEASE)).isPresent();

            String runs = SOURCES + "/" + sourceId + "/runs";
            HttpResponse<String> requested = a.post(runs, "", a.asAdmin());
            assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
            String location = requested.headers().firstValue("Location").orElseThrow();
            assertThat(TestService.json(b.get(location, b.asAdmin())).path("state").asText()).isEqualTo("queued");

            clock.advance(HarvestRunner.LEASE.plusSeconds(2));
            JsonNode finished = Eventually.value("a live node runs it", WAIT,
                    () -> TestService.json(b.get(location, b.asAdmin())), r -> r.path("state").asText().equals("finished"));
            assertThat(finished.path("node").asText()).isIn(a.app().node(), b.app().node());
            assertThat(ckan.requests.get()).as("once, not on both nodes").isEqualTo(1);
        } finally {
            b.destroy();
            a.destroy();
        }
    }

    private static String createSource(TestService service, CountingCkan ckan) {
        HttpResponse<String> created = service.post(SOURCES, "{\"type\":\"ckan\",\"url\":\"" + ckan.url()
                + "\",\"organisation\":\"gm0344\"}", service.asAdmin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestService.json(created).path("id").asText();
    }
}
