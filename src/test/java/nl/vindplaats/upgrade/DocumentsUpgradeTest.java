package nl.vindplaats.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.base.FileTree;
import nl.vindplaats.base.Json;
import nl.vindplaats.documents.Documents;
import nl.vindplaats.documents.StoredPublication;
import nl.vindplaats.platform.Config;
import nl.vindplaats.platform.Vindplaats;
import nl.vindplaats.store.Change;
import nl.vindplaats.store.Database;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.base.Ids;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upgrade fixture's documents (bodies of the earlier layout) are rewritten in the current layout when this build
 * starts on them, once, and read as before: each current document, and its version history version by version (the
 * rewrite is no version a reader sees). {@link UpgradeFixtureTest} checks every API's answers on the same data.
 */
class DocumentsUpgradeTest {

    /** One version of a document as a reader sees it: why it was made, when, and what the document was. */
    private record Seen(String cause, Instant modified, String state, StoredPublication document) {
        static Seen of(StoredRecord record, String cause) {
            return new Seen(cause, record.modified(), record.state(), StoredPublication.of(record));
        }
    }

    @Test
    void theFixturesDocumentsAreRewrittenInTheCurrentLayoutOnceAndReadAsBefore() throws Exception {
        Path dir = Files.createTempDirectory("vindplaats-upgrade");
        try {
            UpgradeFixture.unzip(Path.of(UpgradeFixture.RESOURCES).resolve(UpgradeFixture.DATA_ZIP), dir);
            assertRewrittenOnceAndReadAsBefore(UpgradeFixture.config(dir, false), UpgradeFixture.ANSWERS);
        } finally {
            FileTree.delete(dir);
        }
    }

    @Test
    @Tag("slow") // PostgreSQL
    void thePostgresFixturesDocumentsAreRewrittenInTheCurrentLayoutOnceAndReadAsBefore() throws Exception {
        String url = TestService.postgresUrl(); // skips without PostgreSQL
        String schema = "t_" + Ids.uuid().replace("-", "").substring(0, 16);
        Path dir = Files.createTempDirectory("vindplaats-upgrade");
        try {
            UpgradeFixture.loadPostgresDump(url, schema);
            UpgradeFixture.unzip(Path.of(UpgradeFixture.RESOURCES).resolve(UpgradeFixture.PG_DATA_ZIP), dir);
            Config config = UpgradeFixture.config(dir, false);
            assertRewrittenOnceAndReadAsBefore(config.with(config.store().withDatabase(url, null, null, schema)),
                    UpgradeFixture.PG_ANSWERS);
        } finally {
            try (Connection c = DriverManager.getConnection(url); var s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            FileTree.delete(dir);
        }
    }

    private static void assertRewrittenOnceAndReadAsBefore(Config config, String answersFile) throws Exception {
        Map<String, Seen> current = new TreeMap<>();
        Map<String, List<Seen>> histories = new TreeMap<>();
        try (Database database = Database.open(config.store())) {
            RecordStore store = new RecordStore(database, Clock.systemUTC());
            for (StoredRecord record : store.allOf(Documents.KIND)) {
                assertThat(StoredPublication.LAYOUT.isCurrent(record.body())).isFalse();
                current.put(record.id(), Seen.of(record, null));
                histories.put(record.id(), seen(store.history(Documents.KIND, record.id())));
            }
        }
        assertThat(current).hasSizeGreaterThanOrEqualTo(5);
        assertThat(histories.values()).anyMatch(h -> h.size() >= 4);

        JsonNode recorded = Json.read(UpgradeFixture.readText(Path.of(UpgradeFixture.RESOURCES)
                .resolve(answersFile)));
        Clock clock = Clock.fixed(Instant.parse(recorded.path("clock").asText()), ZoneOffset.UTC);
        long lastSeq;
        try (Vindplaats app = Vindplaats.start(config, clock, new PrintStream(new ByteArrayOutputStream()))) {
            RecordStore store = app.store();
            for (StoredRecord record : store.allOf(Documents.KIND)) {
                assertThat(StoredPublication.LAYOUT.isCurrent(record.body())).as(record.id()).isTrue();
                assertThat(Seen.of(record, null)).as(record.id()).isEqualTo(current.get(record.id()));
                assertThat(seen(store.history(Documents.KIND, record.id()))).as(record.id())
                        .isEqualTo(histories.get(record.id()));
            }
            assertThat(store.allOf(Documents.KIND)).hasSize(current.size());
            List<Change> rewrites = store.changesAfter(0, 100_000).stream()
                    .filter(c -> c.cause().equals(Change.RELAYOUT) && c.record().kind().equals(Documents.KIND))
                    .toList();
            assertThat(rewrites).extracting(c -> c.record().id()).containsExactlyInAnyOrderElementsOf(
                    current.keySet());
            lastSeq = store.lastSeq();
        }
        try (Vindplaats app = Vindplaats.start(config, clock, new PrintStream(new ByteArrayOutputStream()))) {
            assertThat(app.store().lastSeq()).as("a second start rewrites nothing").isEqualTo(lastSeq);
        }
    }

    private static List<Seen> seen(List<Change> history) {
        return history.stream().map(c -> Seen.of(c.record(), c.cause())).toList();
    }
}
