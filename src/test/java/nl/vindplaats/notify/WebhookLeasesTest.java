package nl.vindplaats.notify;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.platform.Config;
import nl.vindplaats.store.Database;
import nl.vindplaats.store.Jobs;
import nl.vindplaats.testing.Eventually;
import nl.vindplaats.testing.TestClock;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL deliver a subscription's events once, through the subscription's job lease; when the
 * node holding it dies, the other continues from the last delivered change once the lease has run out. The nodes'
 * clock stands still until the test moves it past the lease (no waiting for two minutes).
 */
class WebhookLeasesTest {
    private static final String ORG = "gm0518";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final UnaryOperator<Config> settings = c -> c.with(NotificationSettings.defaults()
            .withAllowPrivateAddresses(true).withTimeout(Duration.ofSeconds(5)).withPollInterval(Duration.ofMillis(50)));

    @Test
    void twoNodesDeliverEachEventOnceAndADeadNodesStreamIsTakenOver() {
        TestService a = TestService.start(TestService.Store.POSTGRES, clock, settings);
        TestService b = a.anotherNode(settings);
        try (WebhookReceiver receiver = new WebhookReceiver();
             Database database = Database.open(a.config().store())) {
            String id = subscribe(a, receiver);
            List<String> first = List.of(createDataset(a, "een"), createDataset(b, "twee"), createDataset(a, "drie"));
            long written = a.app().store().lastSeq();
            Eventually.until("the position passes the three changes", WAIT,
                    () -> show(b, id).path("position").asLong() >= written);
            assertThat(ids(receiver)).as("each event once, in order, though both nodes look every 50 ms")
                    .containsExactlyElementsOf(first);
            assertThat(TestService.json(b.get("/platform/v1/subscriptions/" + id + "/deliveries", b.asAdmin()))
                    .path("total").asLong()).isEqualTo(3);

            // A node claims the subscription's stream and dies with it: nothing goes out until its lease runs out.
            // (Once the node that delivered has given the stream's job up.)
            Jobs jobs = new Jobs(database, clock);
            Eventually.value("a node that then dies claims the stream", WAIT, () -> {
                jobs.schedule(Notifier.JOB, id, clock.instant());
                return jobs.claim(Notifier.JOB, "dead-node", Notifier.LEASE);
            }, java.util.Optional::isPresent);
            List<String> later = List.of(createDataset(b, "vier"), createDataset(a, "vijf"));
            assertThat(receiver.received()).hasSize(3);

            clock.advance(Notifier.LEASE.plusSeconds(1));
            Eventually.until("a live node continues the stream", WAIT, () -> receiver.received().size() >= 5);
            long writtenLater = a.app().store().lastSeq();
            Eventually.until("the position passes the later changes", WAIT,
                    () -> show(a, id).path("position").asLong() >= writtenLater);
            assertThat(ids(receiver)).as("from the last delivered change on, nothing twice")
                    .containsExactly(first.get(0), first.get(1), first.get(2), later.get(0), later.get(1));
        } finally {
            b.destroy();
            a.destroy();
        }
    }

    private static List<String> ids(WebhookReceiver receiver) {
        return receiver.received().stream()
                .map(r -> Json.read(new String(r.body(), StandardCharsets.UTF_8)).at("/data/id").asText()).toList();
    }

    private static String subscribe(TestService service, WebhookReceiver receiver) {
        HttpResponse<String> r = service.post("/platform/v1/subscriptions", "{\"url\":\"" + receiver.url()
                + "\",\"filter\":{\"kinds\":[\"dataset\"]}}", service.asAdmin());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestService.json(r).path("id").asText();
    }

    private static JsonNode show(TestService service, String id) {
        return TestService.json(service.get("/platform/v1/subscriptions/" + id, service.asAdmin()));
    }

    private static String createDataset(TestService service, String name) {
        HttpResponse<String> r = service.post("/api/3/action/package_create", "{\"name\":\"" + name + "\",\"title\":\""
                + name + "\",\"owner_org\":\"" + ORG + "\"}", "Authorization", service.adminToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestService.json(r).at("/result/id").asText();
    }
}
