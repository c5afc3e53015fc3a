package nl.vindplaats.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.base.FileTree;
import nl.vindplaats.base.Ids;
import nl.vindplaats.base.Json;
import nl.vindplaats.platform.Config;
import nl.vindplaats.platform.Vindplaats;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data directory written by an earlier build (SQLite: store, index, files; or a PostgreSQL schema and the node's own
 * directory; see {@link UpgradeFixtureWriter} and src/test/resources/upgrade/README.md) opens with this build, and
 * every record reads back through every API exactly as that build answered: CKAN, DCAT RDF, PLOOI, the open data API
 * and the DiWoo sitemaps, the API register, the platform API and the portal, as anyone and as the platform admin.
 */
class UpgradeFixtureTest {
    private static final Path RESOURCES = Path.of(UpgradeFixture.RESOURCES);

    @Test
    void aDataDirectoryOfTheEarlierBuildReadsBackAsThatBuildAnswered() throws Exception {
        Path dir = Files.createTempDirectory("vindplaats-upgrade");
        try {
            UpgradeFixture.unzip(RESOURCES.resolve(UpgradeFixture.DATA_ZIP), dir);
            assertReadsBackAsRecorded(UpgradeFixture.config(dir, false), UpgradeFixture.ANSWERS);
        } finally {
            FileTree.delete(dir);
        }
    }

    @Test
    @Tag("slow") // PostgreSQL
    void aPostgresSchemaOfTheEarlierBuildReadsBackAsThatBuildAnswered() throws Exception {
        String url = TestService.postgresUrl(); // skips without PostgreSQL
        String schema = "t_" + Ids.uuid().replace("-", "").substring(0, 16);
        Path dir = Files.createTempDirectory("vindplaats-upgrade");
        try {
            UpgradeFixture.loadPostgresDump(url, schema);
            UpgradeFixture.unzip(RESOURCES.resolve(UpgradeFixture.PG_DATA_ZIP), dir);
            Config config = UpgradeFixture.config(dir, false);
            assertReadsBackAsRecorded(config.with(config.store().withDatabase(url, null, null, schema)),
                    UpgradeFixture.PG_ANSWERS);
        } finally {
            try (Connection c = DriverManager.getConnection(url); var s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            FileTree.delete(dir);
        }
    }


    /** Starts this build on the earlier build's data and asks every recorded read again, as anyone and as the admin. */
    private static void assertReadsBackAsRecorded(Config config, String answersFile) throws IOException {
        JsonNode recorded = Json.read(UpgradeFixture.readText(RESOURCES.resolve(answersFile)));
        Map<String, UpgradeFixture.Answer> anyone = new LinkedHashMap<>();
        Map<String, UpgradeFixture.Answer> admin = new LinkedHashMap<>();
        for (JsonNode a : recorded.path("answers")) {
            UpgradeFixture.Answer answer = UpgradeFixture.Answer.of(a);
            (answer.reader() == UpgradeFixture.Reader.ANYONE ? anyone : admin).put(answer.path(), answer);
        }
        assertFixtureCoversEveryApi(anyone, admin);

        // The clock stands where it stood when the answers were recorded: embargoes and expiries judge alike.
        Clock clock = Clock.fixed(Instant.parse(recorded.path("clock").asText()), ZoneOffset.UTC);
        List<String> differences = new ArrayList<>();
        try (Vindplaats app = Vindplaats.start(config, clock, new PrintStream(new ByteArrayOutputStream()))) {
            for (UpgradeFixture.Answer expected : anyone.values()) {
                compare(UpgradeFixture.read(app.port(), expected.path(), UpgradeFixture.Reader.ANYONE), expected,
                        differences);
                compare(UpgradeFixture.read(app.port(), expected.path(), UpgradeFixture.Reader.ADMIN),
                        admin.getOrDefault(expected.path(), expected), differences);
            }
        }
        assertThat(differences).as("answers that differ from the earlier build's (" + answersFile + ")").isEmpty();
    }

    private static void compare(UpgradeFixture.Answer actual, UpgradeFixture.Answer expected, List<String> differences) {
        String difference = actual.differenceFrom(expected);
        if (difference != null) {
            differences.add(actual.reader() + " GET " + actual.path() + ": " + difference);
        }
    }

    /** A fixture written again must still hold every kind of record and read each API, or this test guards less. */
    private static void assertFixtureCoversEveryApi(Map<String, UpgradeFixture.Answer> anyone,
                                                    Map<String, UpgradeFixture.Answer> admin) {
        assertThat(anyone.keySet()).anyMatch(p -> p.startsWith("/api/3/action/package_show"))
                .anyMatch(p -> p.startsWith("/api/3/action/package_search"))
                .anyMatch(p -> p.startsWith("/api/3/action/group_show"))
                .anyMatch(p -> p.startsWith("/api/3/action/organization_show"))
                .anyMatch(p -> p.startsWith("/catalog.ttl")).anyMatch(p -> p.matches("/dataset/.+\\.ttl"))
                .anyMatch(p -> p.matches("/overheid/openbaarmaken/api/v0/metadata/.+/versies"))
                .anyMatch(p -> p.matches("/overheid/openbaarmaken/api/v0/documenten/.+"))
                .anyMatch(p -> p.matches("/v1/sources/.+/documents/.+"))
                .anyMatch(p -> p.startsWith("/binaries/"))
                .anyMatch(p -> p.startsWith("/sitemaps/"))
                .anyMatch(p -> p.matches("/api-register/v1/apis/[^/?_]+"))
                .anyMatch(p -> p.startsWith("/platform/v1/organisations/"))
                .anyMatch(p -> p.startsWith("/platform/v1/tokens"));
        // what only the admin sees: a private dataset, a withdrawn and an embargoed document's metadata and versions
        assertThat(admin.values()).filteredOn(a -> a.path().startsWith("/api/3/action/package_show") && a.status() == 200)
                .isNotEmpty();
        assertThat(admin.values()).filteredOn(a -> a.path().matches("/overheid/openbaarmaken/api/v0/metadata/.+/versies")
                && a.status() == 200).hasSizeGreaterThanOrEqualTo(2);
        // a document with several versions, and one withdrawn
        assertThat(anyone.values()).anyMatch(a -> a.path().endsWith("/versies") && a.status() == 200
                && Json.read(a.body()).path("versies").size() >= 4);
        assertThat(admin.values()).anyMatch(a -> a.path().endsWith("/versies") && a.body() != null
                && a.body().contains("\"intrekking\""));
    }
}
