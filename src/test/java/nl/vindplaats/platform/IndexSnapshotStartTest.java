package nl.vindplaats.platform;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.blobs.S3BlobStore;
import nl.vindplaats.testing.Eventually;
import nl.vindplaats.testing.S3Server;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL and one object store (s3rver): the first publishes a snapshot of its index; a second
 * node with an empty data directory starts from it instead of rebuilding, and catches up with what was written after.
 * Skipped without PostgreSQL (a SQLite store has one node) or without s3rver.
 */
@org.junit.jupiter.api.parallel.Isolated("two nodes, PostgreSQL and s3rver: timing-sensitive under the other classes' load")
@Tag("slow") // several nodes on one PostgreSQL and an object store
class IndexSnapshotStartTest {

    @Test
    void aNewNodeStartsFromTheSnapshotAndFindsWhatWasWrittenAfterIt() throws Exception {
        TestService.postgresUrl(); // skips without PostgreSQL
        try (S3Server s3 = S3Server.start()) {
            UnaryOperator<Config> shared = c -> c.with(c.instance().withObjectStore(s3.location("snapshots")))
                    .with(c.index().withSnapshotInterval(Duration.ofSeconds(5)));
            TestService first = TestService.start(TestService.Store.POSTGRES, shared);
            TestService second = null;
            try {
                first.createOrganisation("proef-zwaluwstaart", "Proefgemeente Zwaluwstaart");
                long written = first.app().index().appliedSeq();
                Eventually.until("a snapshot at change " + written + " or later", Duration.ofSeconds(60),
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

    /** A snapshot whose file in the bucket no longer has its hash: the new node rebuilds, and says why in the log. */
    @Test
    void aNewNodeRebuildsWhenAFileOfTheSnapshotIsCorrupt() throws Exception {
        TestService.postgresUrl(); // skips without PostgreSQL
        try (S3Server s3 = S3Server.start()) {
            UnaryOperator<Config> shared = c -> c.with(c.instance().withObjectStore(s3.location("snapshots")))
                    .with(c.index().withSnapshotInterval(Duration.ofSeconds(5)));
            TestService first = TestService.start(TestService.Store.POSTGRES, shared);
            TestService second = null;
            Path spool = Files.createTempDirectory("s3-spool");
            S3BlobStore bucket = new S3BlobStore(s3.location("snapshots"), spool);
            try {
                first.createOrganisation("proef-zwaluwstaart", "Proefgemeente Zwaluwstaart");
                long written = first.app().index().appliedSeq();
                Eventually.until("a snapshot at change " + written + " or later", Duration.ofSeconds(60),
                        () -> newestSnapshotSeq(first) >= written);
                first.close();
                // Overwrite the snapshot's segments file in the bucket with one changed byte, same size.
                JsonNode manifest;
                try (var in = bucket.open(newestManifest(first))) {
                    manifest = nl.vindplaats.base.Json.MAPPER.readTree(in);
                }
                String segments = manifest.path("files").properties().stream().map(java.util.Map.Entry::getKey)
                        .filter(name -> name.startsWith("segments_")).findFirst().orElseThrow();
                String sha256 = manifest.path("files").path(segments).path("sha256").asText();
                byte[] bytes;
                try (var in = bucket.open(sha256)) {
                    bytes = in.readAllBytes();
                }
                bytes[bytes.length / 2] ^= 1;
                Path corrupt = Files.write(spool.resolve("corrupt"), bytes);
                bucket.upload(corrupt, new BlobStore.Blob(sha256, bytes.length));

                second = first.anotherNode(shared);

                JsonNode index = TestService.json(second.get("/health")).path("checks").path("index");
                assertThat(index.path("startedFrom").asText()).isEqualTo("rebuilt");
                assertThat(second.app().indexSnapshots().whyNotUsed()).hasValueSatisfying(
                        why -> assertThat(why).contains(segments, "SHA-256"));
                assertThat(total(second, "zwaluwstaart")).isEqualTo(1);
            } finally {
                if (second != null) {
                    second.destroy();
                }
                first.destroy();
                bucket.close();
                nl.vindplaats.base.FileTree.delete(spool);
            }
        }
    }

    private static String newestManifest(TestService node) {
        try (Connection c = DriverManager.getConnection(TestService.postgresUrl()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT manifest_sha256 FROM " + node.config().store().schema()
                     + ".index_snapshots ORDER BY seq DESC, created_at DESC LIMIT 1")) {
            r.next();
            return r.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long newestSnapshotSeq(TestService node) {
        try (Connection c = DriverManager.getConnection(TestService.postgresUrl()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(max(seq), -1) FROM " + node.config().store().schema()
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
