package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Stored dataset bodies to test the mappers with: every dataset version in the upgrade fixture's change log (written
 * through the CKAN API by an earlier build: the demo datasets, one with CKAN extras, groups, tags and two resources,
 * patched once, and a private one), and one body with every DCAT-AP-DONL field of a dataset and a distribution
 * ({@code ckan/stored-dataset-complete.json}: the fixture's full dataset with the fields of the profile added, as
 * the package schema stores them).
 */
public final class DatasetSamples {
    private DatasetSamples() {
    }

    static List<ObjectNode> fixtureBodies() {
        try {
            Path dir = Files.createTempDirectory("dataset-samples");
            Path db = dir.resolve("vindplaats.db");
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(Path.of("src/test/resources/upgrade/sqlite-data.zip")))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    if (e.getName().equals("vindplaats.db")) {
                        Files.copy(in, db);
                    }
                }
            }
            List<ObjectNode> bodies = new ArrayList<>();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                 Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT body FROM changes WHERE kind = 'dataset' ORDER BY seq")) {
                while (rows.next()) {
                    bodies.add((ObjectNode) Json.MAPPER.readTree(rows.getString(1)));
                }
            }
            return bodies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode complete() {
        try (InputStream in = DatasetSamples.class.getClassLoader().getResourceAsStream("ckan/stored-dataset-complete.json")) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<ObjectNode> all() {
        List<ObjectNode> all = new ArrayList<>(fixtureBodies());
        all.add(complete());
        return all;
    }
}
