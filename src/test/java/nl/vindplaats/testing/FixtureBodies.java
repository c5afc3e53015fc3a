package nl.vindplaats.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Stored bodies written by an earlier build: every version of the records of one kind in the upgrade fixture's change
 * log (src/test/resources/upgrade/), oldest first. Real stored data for the mappers' round trips.
 */
public final class FixtureBodies {
    private static final Path DATA_ZIP = Path.of("src/test/resources/upgrade/sqlite-data.zip");

    private FixtureBodies() {
    }

    public static List<ObjectNode> of(String kind) {
        try {
            Path db = Files.createTempDirectory("fixture-bodies").resolve("vindplaats.db");
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(DATA_ZIP))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    if (e.getName().equals("vindplaats.db")) {
                        Files.copy(in, db);
                    }
                }
            }
            List<ObjectNode> bodies = new ArrayList<>();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                 PreparedStatement s = c.prepareStatement("SELECT body FROM changes WHERE kind = ? ORDER BY seq")) {
                s.setString(1, kind);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        bodies.add((ObjectNode) Json.read(rows.getString(1)));
                    }
                }
            }
            return bodies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
