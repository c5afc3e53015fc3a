package nl.vindplaats.notify;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.Eventually;
import nl.vindplaats.testing.TestClock;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks end to end: a real service delivers to a receiver on loopback (so internal addresses are allowed here);
 * the service's clock stands still until the test moves it, so a day of retries takes no day.
 */
class WebhooksTest {
    private static final String ORG_A = "gm0518";
    private static final String ORG_B = "gm0363";
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Short, for the slow receiver; long enough for the first call, which starts the HTTP client, on a busy machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
    private TestService service;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver();
        service = TestService.start(TestService.Store.SQLITE, clock, c -> c.with(
                NotificationSettings.defaults().withAllowPrivateAddresses(true).withTimeout(TIMEOUT)
                        .withPollInterval(Duration.ofMillis(50))));
    }

    @AfterEach
    void stop() {
        receiver.close();
        service.destroy();
    }

    @Test
    void deliversTheChangesTheFilterMatchesSignedAndInOrder() throws Exception {
        JsonNode subscription = subscribe(service.adminToken(),
                "{\"url\":\"" + receiver.url() + "\",\"owner\":\"" + ORG_A + "\","
                        + "\"filter\":{\"kinds\":[\"dataset\"],\"organisation\":\"" + ORG_A + "\"}}");
        String secret = subscription.path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeBetween(24, 64);
        assertThat(service.get("/platform/v1/subscriptions/" + subscription.path("id").asText(), service.asAdmin())
                .body()).doesNotContain(secret).doesNotContain("\"secret\"");

        String first = createDataset("fietspaden", ORG_A, "Fietspaden");
        createDataset("elders", ORG_B, "Niet van A");
        patchDataset(first, "Fietspaden 2026");
        patchDataset(first, "Fietspaden 2027");
        deleteDataset(first);

        List<WebhookReceiver.Received> got = Eventually.value("four events", WAIT, receiver::received, r -> r.size() >= 4);
        assertThat(got).hasSize(4);
        List<String> types = new ArrayList<>();
        long previousChange = 0;
        for (WebhookReceiver.Received r : got) {
            assertThat(verifies(secret, r)).as("signature of %s", r.header("webhook-id")).isTrue();
            JsonNode event = Json.read(new String(r.body(), StandardCharsets.UTF_8));
            types.add(event.path("type").asText());
            JsonNode data = event.path("data");
            assertThat(data.path("id").asText()).isEqualTo(first);
            assertThat(data.path("kind").asText()).isEqualTo("dataset");
            assertThat(data.path("organisation").asText()).endsWith("/" + ORG_A);
            assertThat(data.path("url").asText()).isEqualTo(service.url("/api/3/action/package_show?id=" + first));
            assertThat(data.path("change").asLong()).isGreaterThan(previousChange);
            previousChange = data.path("change").asLong();
            assertThat(Instant.parse(event.path("timestamp").asText())).isEqualTo(clock.instant());
            assertThat(r.header("webhook-timestamp")).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        }
        assertThat(types).containsExactly("dataset.created", "dataset.updated", "dataset.updated", "dataset.deleted");
        assertThat(got.stream().map(r -> r.header("webhook-id")).distinct()).hasSize(4);

        // A delivery is logged once its answer has come back, so the last may reach the receiver before the log.
        JsonNode log = Eventually.value("four deliveries logged", WAIT,
                () -> TestService.json(service.get("/platform/v1/subscriptions/" + subscription.path("id").asText()
                        + "/deliveries", service.asAdmin())), l -> l.path("total").asLong() >= 4);
        assertThat(log.path("total").asLong()).isEqualTo(4);
        assertThat(log.path("deliveries").get(0).path("status").asInt()).isEqualTo(204);
        assertThat(log.path("deliveries").get(0).path("attempt").asInt()).isEqualTo(1);
    }

    @Test
    void aSearchTextMatchesTheWordsOfTheChangedVersion() {
        subscribe(service.adminToken(), "{\"url\":\"" + receiver.url() + "\",\"filter\":{\"q\":\"Grondwater meetpunten\"}}");
        createDataset("alleen-meetpunten", ORG_A, "Meetpunten");
        String both = createDataset("grondwater", ORG_A, "Meetpunten van het grondwater");
        String accents = createDataset("grondwater-b", ORG_B, "GRONDWATER-méetpunten");
        List<WebhookReceiver.Received> got = Eventually.value("two events", WAIT, receiver::received, r -> r.size() >= 2);
        assertThat(got.stream().map(r -> Json.read(new String(r.body(), StandardCharsets.UTF_8)).at("/data/id").asText()))
                .containsExactly(both, accents);
    }

    @Test
    void aReceiverThatIsDownForAWhileGetsEverythingInOrderOnceItIsUp() {
        receiver.answer(503);
        JsonNode subscription = subscribe(service.adminToken(), "{\"url\":\"" + receiver.url() + "\"}");
        String id = subscription.path("id").asText();
        String secret = subscription.path("secret").asText();
        List<String> datasets = List.of(createDataset("een", ORG_A, "Een"), createDataset("twee", ORG_A, "Twee"),
                createDataset("drie", ORG_B, "Drie"));
        Instant firstFailure = clock.instant();

        JsonNode failing = Eventually.value("the first attempt failed", WAIT, () -> show(id),
                s -> s.path("failedAttempts").asInt() == 1);
        Duration firstWait = Duration.between(firstFailure, Instant.parse(failing.path("nextAttemptAt").asText()));
        assertThat(firstWait).isBetween(Duration.ofMillis(4500), Duration.ofMillis(5500));
        moveToNextAttempt(id);
        failing = Eventually.value("the second attempt failed", WAIT, () -> show(id),
                s -> s.path("failedAttempts").asInt() == 2);
        Duration secondWait = Duration.between(clock.instant(), Instant.parse(failing.path("nextAttemptAt").asText()));
        assertThat(secondWait).isBetween(Duration.ofSeconds(270), Duration.ofSeconds(330));
        // Only the first event was tried: the others wait behind it.
        assertThat(receiver.received()).hasSize(2).extracting(r -> r.header("webhook-id")).containsOnly(
                receiver.received().getFirst().header("webhook-id"));

        receiver.answer(200);
        moveToNextAttempt(id);
        List<WebhookReceiver.Received> got = Eventually.value("every event after the outage", WAIT,
                receiver::received, r -> r.size() >= 5);
        List<String> delivered = got.subList(2, 5).stream().peek(r -> assertThat(verifies(secret, r)).isTrue())
                .map(r -> Json.read(new String(r.body(), StandardCharsets.UTF_8)).at("/data/id").asText()).toList();
        assertThat(delivered).isEqualTo(datasets);
        JsonNode after = Eventually.value("the failures cleared", WAIT, () -> show(id),
                s -> s.path("failedAttempts").asInt() == 0 && s.path("nextAttemptAt").isNull());
        assertThat(after.path("state").asText()).isEqualTo("active");
        JsonNode log = Eventually.value("five deliveries logged", WAIT, () -> TestService.json(
                service.get("/platform/v1/subscriptions/" + id + "/deliveries", service.asAdmin())),
                l -> l.path("total").asInt() >= 5);
        assertThat(log.path("total").asInt()).isEqualTo(5);
        assertThat(log.path("deliveries").findValues("status").stream().map(JsonNode::asInt))
                .containsExactly(200, 200, 200, 503, 503);
    }

    @Test
    void aSlowReceiverTimesOutAndTheSameEventIsSentAgain() {
        receiver.hold();
        JsonNode subscription = subscribe(service.adminToken(), "{\"url\":\"" + receiver.url() + "\"}");
        String id = subscription.path("id").asText();
        createDataset("traag", ORG_A, "Traag");
        Eventually.value("the first attempt timed out", WAIT, () -> show(id), s -> s.path("failedAttempts").asInt() == 1);
        JsonNode log = TestService.json(service.get("/platform/v1/subscriptions/" + id + "/deliveries", service.asAdmin()));
        JsonNode attempt = log.path("deliveries").get(0);
        assertThat(attempt.path("status").isNull()).isTrue();
        assertThat(attempt.path("error").asText()).contains("no response within 3 s");
        assertThat(attempt.path("durationMs").asLong()).isGreaterThanOrEqualTo(TIMEOUT.toMillis());

        receiver.letGo();
        moveToNextAttempt(id);
        List<WebhookReceiver.Received> got = Eventually.value("the retry", WAIT, receiver::received, r -> r.size() >= 2);
        assertThat(got.get(1).header("webhook-id")).isEqualTo(got.get(0).header("webhook-id"));
        assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
        Eventually.value("delivered", WAIT, () -> show(id), s -> s.path("failedAttempts").asInt() == 0);
    }

    @Test
    void aGoneReceiverDisablesTheSubscription() {
        receiver.answer(410);
        String id = subscribe(service.adminToken(), "{\"url\":\"" + receiver.url() + "\"}").path("id").asText();
        createDataset("weg", ORG_A, "Weg");
        JsonNode disabled = Eventually.value("disabled", WAIT, () -> show(id), s -> s.path("state").asText().equals("disabled"));
        assertThat(disabled.path("reason").asText()).contains("410 Gone");
        try (WebhookReceiver witness = new WebhookReceiver()) {
            subscribe(service.adminToken(), "{\"url\":\"" + witness.url() + "\"}");
            clock.advance(Duration.ofDays(2));
            createDataset("nog-een", ORG_A, "Nog een");
            // Once another subscription has heard of the change, the disabled one would have too.
            Eventually.value("the witness heard of it", WAIT, witness::received, r -> r.size() == 1);
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void retryAfterIsHonouredAndADayOfFailuresPausesTheSubscription() {
        receiver.answer(429, Map.of("Retry-After", "120"));
        String id = subscribe(service.adminToken(), "{\"url\":\"" + receiver.url() + "\"}").path("id").asText();
        createDataset("druk", ORG_A, "Druk");
        Instant firstFailure = clock.instant();
        JsonNode throttled = Eventually.value("throttled", WAIT, () -> show(id), s -> s.path("failedAttempts").asInt() == 1);
        assertThat(Instant.parse(throttled.path("nextAttemptAt").asText())).isEqualTo(firstFailure.plusSeconds(120));

        receiver.answer(500);
        int attempts = 1;
        while (true) {
            moveToNextAttempt(id);
            int expected = ++attempts;
            JsonNode s = Eventually.value("attempt " + expected, WAIT, () -> show(id),
                    x -> x.path("failedAttempts").asInt() == expected);
            if (s.path("state").asText().equals("paused")) {
                assertThat(s.path("reason").asText()).contains("no delivery succeeded for 24 hours").contains("HTTP status 500");
                break;
            }
            assertThat(Instant.parse(s.path("nextAttemptAt").asText())).isBeforeOrEqualTo(firstFailure.plus(Duration.ofHours(24)));
        }
        assertThat(clock.instant()).isEqualTo(firstFailure.plus(Duration.ofHours(24)));
        // 120 s, then the schedule's 5 min, 30 min, 2 h, 5 h, 10 h, and a last attempt at the day's end
        assertThat(attempts).isEqualTo(8);

        // Resuming sends the event it stopped at, and what came after.
        receiver.answer(204);
        JsonNode resumed = TestService.json(service.put("/platform/v1/subscriptions/" + id,
                "{\"url\":\"" + receiver.url() + "\",\"state\":\"active\"}", service.asAdmin()));
        assertThat(resumed.path("reason").isNull()).isTrue();
        Eventually.value("delivered after resuming", WAIT, () -> show(id), s -> s.path("failedAttempts").asInt() == 0
                && s.path("position").asLong() == service.app().store().lastSeq());
        assertThat(receiver.received()).hasSize(9);
    }

    @Test
    void aRestartLosesNothingAndSendsNothingTwice() {
        String id = subscribe(service.adminToken(), "{\"url\":\"" + receiver.url() + "\"}").path("id").asText();
        String before = createDataset("voor", ORG_A, "Voor");
        Eventually.value("the first event", WAIT, receiver::received, r -> r.size() == 1);
        Eventually.value("its position stored", WAIT, () -> show(id),
                s -> s.path("position").asLong() == service.app().store().lastSeq());
        receiver.answer(503);
        List<String> during = List.of(createDataset("tijdens-1", ORG_A, "Tijdens een"),
                createDataset("tijdens-2", ORG_A, "Tijdens twee"));
        Eventually.value("a failed attempt", WAIT, () -> show(id), s -> s.path("failedAttempts").asInt() == 1);

        service = service.restart();
        receiver.answer(204);
        String after = createDataset("na", ORG_A, "Na");
        moveToNextAttempt(id);
        // (the restart also wrote the instance's own API entries, whose address changed: events of their own)
        List<String> ids = Eventually.value("everything", WAIT, () -> receiver.received().stream()
                .map(r -> Json.read(new String(r.body(), StandardCharsets.UTF_8)))
                .filter(e -> e.at("/data/kind").asText().equals("dataset")).map(e -> e.at("/data/id").asText()).toList(),
                list -> list.size() >= 5);
        // The event that failed before the restart is sent again (at least once), nothing is lost, the order holds.
        assertThat(ids).containsExactly(before, during.get(0), during.get(0), during.get(1), after);
    }

    @Test
    void anOrganisationSeesAndManagesOnlyItsOwnSubscriptions() {
        String writerA = service.createToken("organisation", ORG_A, "write", null);
        String writerB = service.createToken("organisation", ORG_B, "write", null);
        String readerA = service.createToken("organisation", ORG_A, "read", null);
        JsonNode mine = subscribe(writerA, "{\"url\":\"" + receiver.url() + "\"}");
        assertThat(mine.path("owner").asText()).endsWith("/" + ORG_A);
        subscribe(writerB, "{\"url\":\"" + receiver.url() + "\"}");
        String path = "/platform/v1/subscriptions/" + mine.path("id").asText();

        assertThat(TestService.json(service.get("/platform/v1/subscriptions", TestService.withKey(readerA)))
                .path("total").asInt()).isEqualTo(1);
        assertThat(TestService.json(service.get("/platform/v1/subscriptions", service.asAdmin())).path("total").asInt())
                .isEqualTo(2);
        assertThat(service.get(path, TestService.withKey(writerB)).statusCode()).isEqualTo(403);
        assertThat(service.delete(path, TestService.withKey(writerB)).statusCode()).isEqualTo(403);
        assertThat(service.delete(path, TestService.withKey(readerA)).statusCode()).isEqualTo(403);
        assertThat(service.post("/platform/v1/subscriptions", "{\"url\":\"" + receiver.url() + "\",\"owner\":\"" + ORG_A
                + "\"}", TestService.withKey(writerB)).statusCode()).isEqualTo(403);
        assertThat(service.delete(path, TestService.withKey(writerA)).statusCode()).isEqualTo(204);
        assertThat(service.get(path, service.asAdmin()).statusCode()).isEqualTo(404);
    }

    @Test
    void badSubscriptionsAreRefusedInTheProblemFormat() {
        HttpResponse<String> r = service.post("/platform/v1/subscriptions",
                "{\"url\":\"ftp://example.org/x\",\"filter\":{\"kinds\":[\"boek\"],\"organisation\":\"nergens\"},\"extra\":1}",
                service.asAdmin());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(TestService.json(r).path("invalidParams").findValuesAsText("name"))
                .contains("url", "filter.kinds", "filter.organisation", "extra");
    }

    @Test
    void internalTargetsAreRefusedUnlessTheOperatorAllowsThem() {
        try (TestService strict = TestService.start(TestService.Store.SQLITE)) {
            HttpResponse<String> r = strict.post("/platform/v1/subscriptions", "{\"url\":\"" + receiver.url() + "\"}",
                    strict.asAdmin());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("internal address");
        }
    }

    // --- helpers ---

    /** Standard Webhooks verification, written independently of the service's signing. */
    private static boolean verifies(String secret, WebhookReceiver.Received r) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] signed = (r.header("webhook-id") + "." + r.header("webhook-timestamp") + "."
                    + new String(r.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            byte[] expected = mac.doFinal(signed);
            for (String signature : r.header("webhook-signature").split(" ")) {
                if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode subscribe(String token, String body) {
        HttpResponse<String> r = service.post("/platform/v1/subscriptions", body, TestService.withKey(token));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestService.json(r);
    }

    private JsonNode show(String id) {
        return TestService.json(service.get("/platform/v1/subscriptions/" + id, service.asAdmin()));
    }

    private void moveToNextAttempt(String id) {
        JsonNode s = show(id);
        Instant next = Instant.parse(s.path("nextAttemptAt").asText());
        if (next.isAfter(clock.instant())) {
            clock.set(next);
        }
    }

    private String createDataset(String name, String organisation, String title) {
        HttpResponse<String> r = service.post("/api/3/action/package_create", "{\"name\":\"" + name + "\",\"title\":\""
                + title + "\",\"owner_org\":\"" + organisation + "\"}", "Authorization", service.adminToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestService.json(r).at("/result/id").asText();
    }

    private void patchDataset(String id, String title) {
        HttpResponse<String> r = service.post("/api/3/action/package_patch", "{\"id\":\"" + id + "\",\"title\":\""
                + title + "\"}", "Authorization", service.adminToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private void deleteDataset(String id) {
        HttpResponse<String> r = service.post("/api/3/action/package_delete", "{\"id\":\"" + id + "\"}",
                "Authorization", service.adminToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
