package nl.vindplaats.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.FileTree;
import nl.vindplaats.base.Ids;
import nl.vindplaats.base.Json;
import nl.vindplaats.datasets.DatasetCatalogue;
import nl.vindplaats.datasets.Datasets;
import nl.vindplaats.datasets.StoredDataset;
import nl.vindplaats.platform.Config;
import nl.vindplaats.platform.Vindplaats;
import nl.vindplaats.store.Change;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The earlier build's data directory ({@link UpgradeFixtureTest}) holds its datasets as CKAN dicts: after start each
 * is stored in the model's layout ({@link StoredDataset}), once, while the change log's older versions keep the dicts
 * they were written as and still read back, as history and as the dataset they were.
 */
class DatasetLayoutUpgradeTest {
    private static final Path RESOURCES = Path.of(UpgradeFixture.RESOURCES);

    @Test
    void theDatasetsOfAnSqliteDataDirectoryAreRewrittenInTheModelsLayoutOnce() throws Exception {
        Path dir = Files.createTempDirectory("vindplaats-upgrade");
        try {
            UpgradeFixture.unzip(RESOURCES.resolve(UpgradeFixture.DATA_ZIP), dir);
            Map<Long, ObjectNode> written;
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("vindplaats.db"))) {
                written = datasetChanges(c, "");
            }
            assertUpgraded(UpgradeFixture.config(dir, false), written, UpgradeFixture.ANSWERS);
        } finally {
            FileTree.delete(dir);
        }
    }

    @Test
    @Tag("slow") // PostgreSQL
    void theDatasetsOfAPostgresSchemaAreRewrittenInTheModelsLayoutOnce() throws Exception {
        String url = TestService.postgresUrl(); // skips without PostgreSQL
        String schema = "t_" + Ids.uuid().replace("-", "").substring(0, 16);
        Path dir = Files.createTempDirectory("vindplaats-upgrade");
        try {
            UpgradeFixture.loadPostgresDump(url, schema);
            Map<Long, ObjectNode> written;
            try (Connection c = DriverManager.getConnection(url)) {
                written = datasetChanges(c, schema + ".");
            }
            UpgradeFixture.unzip(RESOURCES.resolve(UpgradeFixture.PG_DATA_ZIP), dir);
            Config config = UpgradeFixture.config(dir, false);
            assertUpgraded(config.with(config.store().withDatabase(url, null, null, schema)), written,
                    UpgradeFixture.PG_ANSWERS);
        } finally {
            try (Connection c = DriverManager.getConnection(url); var s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            FileTree.delete(dir);
        }
    }

    /** Every dataset change the earlier build wrote, by its sequence number: the CKAN dicts. */
    private static Map<Long, ObjectNode> datasetChanges(Connection c, String schema) throws Exception {
        Map<Long, ObjectNode> bodies = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(
                "SELECT seq, body FROM " + schema + "changes WHERE kind = 'dataset' ORDER BY seq")) {
            while (rows.next()) {
                bodies.put(rows.getLong(1), (ObjectNode) Json.read(rows.getString(2)));
            }
        }
        return bodies;
    }

    private static void assertUpgraded(Config config, Map<Long, ObjectNode> written, String answersFile)
            throws IOException {
        assertThat(written).as("the fixture's dataset versions").hasSizeGreaterThanOrEqualTo(5);
        assertThat(written.values()).noneMatch(StoredDataset::isCurrent);
        // the clock of the fixture's recorded answers, as UpgradeFixtureTest starts it
        JsonNode recorded = Json.read(UpgradeFixture.readText(RESOURCES.resolve(answersFile)));
        Clock clock = Clock.fixed(Instant.parse(recorded.path("clock").asText()), ZoneOffset.UTC);
        try (Vindplaats app = Vindplaats.start(config, clock, new PrintStream(new ByteArrayOutputStream()))) {
            RecordStore store = app.store();
            List<StoredRecord> current = store.allOf(Datasets.KIND);
            assertThat(current).isNotEmpty();
            DatasetCatalogue catalogue = new DatasetCatalogue(store, app.index());
            int publicOnes = 0;
            for (StoredRecord record : current) {
                assertThat(StoredDataset.isCurrent(record.body())).as(record.id()).isTrue();
                List<Change> history = store.history(Datasets.KIND, record.id());
                assertThat(history).as(record.id()).isNotEmpty();
                for (Change version : history) {
                    // each version as it was written, and read as the dict it was
                    ObjectNode before = written.get(version.seq());
                    assertThat(before).as("version " + version.seq()).isNotNull();
                    assertThat(version.record().body()).isEqualTo(before);
                    assertThat(Json.write(Datasets.ckanDict(version.record()))).isEqualTo(Json.write(before));
                }
                // the rewritten body gives the last version's dict back, key for key
                ObjectNode last = written.get(history.getLast().seq());
                assertThat(Json.write(Datasets.ckanDict(record))).as(record.id()).isEqualTo(Json.write(last));
                assertThat(record.version()).isEqualTo(history.getLast().record().version() + 1);
                assertThat(record.modified()).isEqualTo(history.getLast().record().modified());
                List<DatasetCatalogue.Version> versions = catalogue.versions(record.id());
                if (!versions.isEmpty()) {
                    publicOnes++;
                    assertThat(versions).hasSameSizeAs(history);
                    assertThat(versions.getLast().dataset().name()).isEqualTo(last.path("name").asText());
                }
            }
            assertThat(publicOnes).as("public datasets whose history the portal reads").isPositive();
            // once: a second pass finds nothing to rewrite
            assertThat(store.relayout(StoredDataset.layout())).isZero();
        }
    }
}
