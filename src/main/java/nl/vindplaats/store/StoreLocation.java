package nl.vindplaats.store;

import nl.vindplaats.base.Setting;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the records live: a SQLite file in the data directory, or a PostgreSQL database (with the user, password
 * and schema to use there; null where the URL or the server's defaults say).
 *
 * @param dataDir     the node's own directory: the SQLite store (without a database URL), and beside it the search
 *                    index and the files kept on disk
 * @param databaseUrl JDBC URL of a PostgreSQL database; null: SQLite in {@code dataDir}
 */
public record StoreLocation(Path dataDir, String databaseUrl, String user, String password, String schema) {
    /** The SQLite store's file in the data directory, when no database URL is given. */
    public static final String SQLITE_FILE = "vindplaats.db";
    public static final String DEFAULT_DATA_DIR = "./data";

    /** The data directory, also of the commands that work on its files only. */
    public static final Setting<StoreLocation, Path> DATA_DIR = new Setting<>("--data-dir", "VINDPLAATS_DATA_DIR",
            DEFAULT_DATA_DIR, Path.class, "Directory for the SQLite store, the search index and blob files",
            StoreLocation::withDataDir);

    /** What an operator sets: flags and environment variables of every command that opens the store. */
    public static final List<Setting<StoreLocation, ?>> SETTINGS = List.of(
            DATA_DIR,
            new Setting<>("--database-url", "VINDPLAATS_DATABASE_URL", null, String.class,
                    "JDBC URL of a PostgreSQL database to keep the records in instead of SQLite, e.g. "
                            + "jdbc:postgresql://db:5432/vindplaats",
                    (s, url) -> new StoreLocation(s.dataDir, url, s.user, s.password, s.schema)),
            new Setting<>("--database-user", "VINDPLAATS_DATABASE_USER", null, String.class, "PostgreSQL user",
                    (s, user) -> new StoreLocation(s.dataDir, s.databaseUrl, user, s.password, s.schema)),
            new Setting<>("--database-password", "VINDPLAATS_DATABASE_PASSWORD", null, String.class,
                    "PostgreSQL password",
                    (s, password) -> new StoreLocation(s.dataDir, s.databaseUrl, s.user, password, s.schema)),
            new Setting<StoreLocation, String>("--database-schema", "VINDPLAATS_DATABASE_SCHEMA", null, String.class,
                    "PostgreSQL schema to keep the tables in; created when missing",
                    (s, schema) -> new StoreLocation(s.dataDir, s.databaseUrl, s.user, s.password, schema))
                    .withDefaultHelp("the user's search path"));

    /** SQLite in {@code dataDir}. */
    public static StoreLocation defaults(Path dataDir) {
        return new StoreLocation(dataDir, null, null, null, null);
    }

    public String jdbcUrl() {
        return databaseUrl != null ? databaseUrl : "jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE);
    }

    public boolean postgres() {
        return jdbcUrl().startsWith("jdbc:postgresql:");
    }

    public StoreLocation withDatabase(String url, String databaseUser, String databasePassword, String databaseSchema) {
        return new StoreLocation(dataDir, url, databaseUser, databasePassword, databaseSchema);
    }

    /** Another node's location: its own data directory (index, files), the same database. */
    public StoreLocation withDataDir(Path dir) {
        return new StoreLocation(dir, databaseUrl, user, password, schema);
    }
}
