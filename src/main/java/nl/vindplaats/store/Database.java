package nl.vindplaats.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The JDBC connection pool and schema for SQLite (embedded default) or PostgreSQL. The SQL we run
 * is kept to what both understand; where they differ this class says which one it is.
 */
public final class Database implements AutoCloseable {
    public enum Dialect { SQLITE, POSTGRESQL }

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final CommitQueue commits;
    /** This process's id among the nodes sharing the store: other nodes' change notifications are told by it. */
    private final String nodeId = java.util.UUID.randomUUID().toString();

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.commits = new CommitQueue(this);
    }

    public static Database open(StoreLocation location) {
        Dialect dialect = location.postgres() ? Dialect.POSTGRESQL : Dialect.SQLITE;
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(location.jdbcUrl());
        hikari.setPoolName("vindplaats-store");
        if (dialect == Dialect.SQLITE) {
            try {
                Files.createDirectories(location.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // WAL lets readers run beside the single writer; FULL makes every commit durable before it returns.
            hikari.addDataSourceProperty("journal_mode", "WAL");
            hikari.addDataSourceProperty("synchronous", "FULL");
            hikari.addDataSourceProperty("busy_timeout", "30000");
            // A transaction takes the write lock when it begins, so it waits (busy_timeout) for another
            // writer (audit entries, token use) instead of failing when its read snapshot turns stale.
            hikari.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            hikari.addDataSourceProperty("foreign_keys", "true");
            // 32 MB of pages per connection instead of SQLite's 2 MB: a large store's index pages stay in
            // memory, so each insert and each read by id does not fetch them from the file again.
            hikari.addDataSourceProperty("cache_size", "-32768");
            hikari.setMaximumPoolSize(8);
            // Opened as they are needed, not all at start: each new SQLite connection applies its settings.
            hikari.setMinimumIdle(1);
        } else {
            hikari.setUsername(location.user());
            hikari.setPassword(location.password());
            if (location.schema() != null) {
                hikari.setSchema(location.schema());
            }
            hikari.setMaximumPoolSize(16);
            // Connections are opened as they are needed, so that many nodes (or test services) can share one server.
            hikari.setMinimumIdle(2);
        }
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/" + (dialect == Dialect.SQLITE ? "sqlite" : "postgresql"))
                    .schemas(location.schema() != null ? new String[] {location.schema()} : new String[0])
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, dialect);
    }

    public String nodeId() {
        return nodeId;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The one way to write: batched, serialised, durable on return. */
    public CommitQueue commits() {
        return commits;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * Closes every pooled connection (those in use when they are returned), so that the next are opened afresh:
     * after a failure such as a full disk, a connection's state is not to be trusted.
     */
    public void resetConnections() {
        dataSource.getHikariPoolMXBean().softEvictConnections();
    }

    /** True when the store answers a trivial query; used by the readiness check. */
    public boolean isReachable() {
        try (Connection c = connection(); var s = c.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        commits.close();
        dataSource.close();
    }
}
