package nl.vindplaats.store;

import java.nio.file.Path;

/**
 * Where the records live: a SQLite file in a data directory, or a PostgreSQL database (with the user, password
 * and schema to use there; null where the URL or the server's defaults say).
 */
public record StoreLocation(String jdbcUrl, Path sqliteDirectory, String user, String password, String schema) {
    public boolean postgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }
}
