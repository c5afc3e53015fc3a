package nl.vindplaats.platform;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.access.TokenStore;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Nodes sharing one PostgreSQL keep their own index current from the change log. */
@Tag("slow") // several nodes on one PostgreSQL
class SeveralNodesTest {

    @Test
    void eachNodeFindsWhatAnyNodeWrote() throws InterruptedException {
        TestService first = TestService.start(TestService.Store.POSTGRES);
        TestService second = first.anotherNode();
        try {
            first.createOrganisation("proef-zwaluwstaart", "Proefgemeente Zwaluwstaart");
            second.createOrganisation("proef-kievitsbloem", "Proefgemeente Kievitsbloem");

            assertThat(eventually(() -> total(second, "zwaluwstaart"))).isEqualTo(1);
            assertThat(eventually(() -> total(first, "kievitsbloem"))).isEqualTo(1);
            assertThat(second.get("/platform/v1/organisations/proef-zwaluwstaart").statusCode()).isEqualTo(200);

            String body = "{\"name\":\"Proefgemeente Zwaluwstaart (gewijzigd)\",\"slug\":\"proef-zwaluwstaart\"}";
            assertThat(second.put("/platform/v1/organisations/proef-zwaluwstaart", body,
                    "X-API-Key", second.adminToken(), "If-Match", "\"1\"").statusCode()).isEqualTo(200);
            assertThat(first.put("/platform/v1/organisations/proef-zwaluwstaart", body,
                    "X-API-Key", first.adminToken(), "If-Match", "\"1\"").statusCode())
                    .as("a version read on one node is stale on every node").isEqualTo(409);
            assertThat(eventually(() -> total(first, "gewijzigd"))).isEqualTo(1);
        } finally {
            second.destroy();
            first.destroy();
        }
    }

    /**
     * With polling of the change log turned down to once an hour, three nodes still find each other's writes within
     * moments: a commit on PostgreSQL notifies the other nodes, whose indexes follow at once.
     */
    @Test
    void threeNodesFollowEachOtherWithoutWaitingForAPoll() {
        java.util.function.UnaryOperator<nl.vindplaats.platform.Config> hourlyPoll =
                c -> c.with(c.index().withChangeLogPollInterval(Duration.ofHours(1)));
        TestService first = TestService.start(TestService.Store.POSTGRES, hourlyPoll);
        TestService second = first.anotherNode(hourlyPoll);
        TestService third = first.anotherNode(hourlyPoll);
        try {
            java.util.List<TestService> nodes = java.util.List.of(first, second, third);
            String[] names = {"merelbes", "lijsterbes", "vogelkers"};
            for (int writer = 0; writer < 3; writer++) {
                nodes.get(writer).createOrganisation("proef-" + names[writer], "Proefgemeente " + names[writer]);
                for (TestService reader : nodes) {
                    String name = names[writer];
                    nl.vindplaats.testing.Eventually.until(name + " written on node " + (writer + 1)
                            + " is found on node " + (nodes.indexOf(reader) + 1), Duration.ofSeconds(5),
                            () -> total(reader, name) == 1);
                }
            }
        } finally {
            third.destroy();
            second.destroy();
            first.destroy();
        }
    }

    /**
     * Each store's writers take a lock of their own: an installation whose writer is held up (here by a
     * table lock on its change log) never holds up another installation in the same database.
     */
    @Test
    void installationsSharingADatabaseNeverWaitForEachOther() throws Exception {
        TestService held = TestService.start(TestService.Store.POSTGRES);
        TestService other = TestService.start(TestService.Store.POSTGRES);
        try (Connection blocker = DriverManager.getConnection(TestService.postgresUrl())) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("LOCK TABLE " + held.config().store().schema() + ".changes IN EXCLUSIVE MODE");
            }
            CompletableFuture<JsonNode> heldWrite = CompletableFuture.supplyAsync(
                    () -> held.createOrganisation("proef-wachtend", "Proefgemeente Wachtend"));
            awaitWaitingOnChangeLog(held.config().store().schema());

            assertThat(other.createOrganisation("proef-doorgaand", "Proefgemeente Doorgaand").path("slug").asText())
                    .isEqualTo("proef-doorgaand");

            blocker.commit();
            assertThat(heldWrite.get(30, TimeUnit.SECONDS).path("slug").asText()).isEqualTo("proef-wachtend");
        } finally {
            other.destroy();
            held.destroy();
        }
    }

    /** A node keeps a token it has read for a moment; a revocation through another node ends that moment. */
    @Test
    void aTokenRevokedOnOneNodeStopsWorkingOnTheOthersWithinMoments() throws InterruptedException {
        TestService first = TestService.start(TestService.Store.POSTGRES);
        TestService second = first.anotherNode();
        try {
            HttpResponse<String> created = first.post("/platform/v1/tokens",
                    "{\"name\":\"overal\",\"scope\":{\"type\":\"platform\"},\"level\":\"admin\"}", first.asAdmin());
            JsonNode token = TestService.json(created);
            String[] withToken = TestService.withKey(token.path("secret").asText());
            assertThat(second.get("/platform/v1/tokens", withToken).statusCode()).isEqualTo(200);

            assertThat(first.delete("/platform/v1/tokens/" + token.path("id").asText(), first.asAdmin()).statusCode())
                    .isEqualTo(204);
            assertThat(first.get("/platform/v1/tokens", withToken).statusCode()).isEqualTo(401);
            Instant revoked = Instant.now();
            int status = second.get("/platform/v1/tokens", withToken).statusCode();
            while (status != 401 && Instant.now().isBefore(revoked.plus(TokenStore.KNOWN_FOR).plusSeconds(5))) {
                Thread.sleep(100);
                status = second.get("/platform/v1/tokens", withToken).statusCode();
            }
            assertThat(status).isEqualTo(401);
        } finally {
            second.destroy();
            first.destroy();
        }
    }

    /** Until a writer of that schema waits for the change log: it holds the store's write lock by then. */
    private static void awaitWaitingOnChangeLog(String schema) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        try (Connection c = DriverManager.getConnection(TestService.postgresUrl());
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_locks l "
                     + "JOIN pg_class t ON t.oid = l.relation JOIN pg_namespace n ON n.oid = t.relnamespace "
                     + "WHERE n.nspname = ? AND t.relname = 'changes' AND NOT l.granted")) {
            s.setString(1, schema);
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no writer of " + schema + " came to wait for its change log");
    }

    private static long total(TestService node, String words) {
        JsonNode found = TestService.json(node.get("/platform/v1/organisations?q=" + words));
        return found.path("total").asLong();
    }

    private static long eventually(Supplier<Long> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        long value = probe.get();
        while (value == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            value = probe.get();
        }
        return value;
    }
}
