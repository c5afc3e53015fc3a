package nl.vindplaats.platform;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.Eventually;
import nl.vindplaats.testing.S3Server;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL and one object store (s3rver): the first publishes a snapshot of its index; a second
 * node with an empty data directory starts from it instead of rebuilding, and catches up with what was written after.
 * Skipped without PostgreSQL (a SQLite store has one node) or without s3rver.
 */
class IndexSnapshotStartTest {

    @Test
    void aNewNodeStartsFromTheSnapshotAndFindsWhatWasWrittenAfterIt() throws Exception {
        TestService.postgresUrl(); // skips without PostgreSQL
        try (S3Server s3 = S3Server.start()) {
            UnaryOperator<Config> shared = c -> c.with(s -> {
                s.objectStore = s3.location("snapshots");
                s.indexSnapshotInterval = Duration.ofSeconds(5);
            });
            TestService first = TestService.start(TestService.Store.POSTGRES, shared);
            TestService second = null;
            try {
                first.createOrganisation("proef-zwaluwstaart", "Proefgemeente Zwaluwstaart");
                long written = first.app().index().appliedSeq();
                Eventually.until("a snapshot at change " + written + " or later", Duration.ofSeconds(30),
                        () -> newestSnapshotSeq(first) >= written);
                long snapshotSeq = newestSnapshotSeq(first);
                first.createOrganisation("proef-kievitsbloem", "Proefgemeente Kievitsbloem");
                long writtenAfter = first.app().index().appliedSeq();
                first.close(); // publishes no more: the second node must take this snapshot and catch up
                assertThat(newestSnapshotSeq(first)).as("no later snapshot was published").isEqualTo(snapshotSeq);

                second = first.anotherNode(shared);

                JsonNode index = TestService.json(second.get("/health")).path("checks").path("index");
                assertThat(index.path("startedFrom").asText()).isEqualTo("snapshot seq " + snapshotSeq);
                assertThat(snapshotSeq).isLessThan(writtenAfter);
                assertThat(index.path("appliedChange").asLong()).isGreaterThanOrEqualTo(writtenAfter);
                assertThat(total(second, "kievitsbloem")).as("written after the snapshot").isEqualTo(1);
                assertThat(total(second, "zwaluwstaart")).as("in the snapshot").isEqualTo(1);
            } finally {
                if (second != null) {
                    second.destroy();
                }
                first.destroy();
            }
        }
    }

    private static long newestSnapshotSeq(TestService node) {
        try (Connection c = DriverManager.getConnection(TestService.postgresUrl()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(max(seq), -1) FROM " + node.config().databaseSchema()
                     + ".index_snapshots")) {
            r.next();
            return r.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long total(TestService node, String words) {
        return TestService.json(node.get("/platform/v1/organisations?q=" + words)).path("total").asLong();
    }
}
