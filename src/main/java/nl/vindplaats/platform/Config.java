package nl.vindplaats.platform;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything an operator can set. Built by {@link nl.vindplaats.Main} from flags and environment
 * variables; tests build it directly.
 */
public record Config(
        int port,
        Path dataDir,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        String databaseSchema,
        String adminToken,
        String publicBaseUrl,
        long maxRequestBytes,
        int rateLimitPerToken,
        int rateLimitPerAddress,
        Duration shutdownGrace,
        Duration indexCommitInterval,
        Duration changeLogPollInterval,
        boolean demo,
        long maxDocumentBytes,
        String openDataSource) {

    public static final int DEFAULT_PORT = 8080;
    /** PLOOI's limit for one delivered file: 2 GiB. */
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 2L * 1024 * 1024 * 1024;
    /** The name of the open data source that holds every public document of the instance. */
    public static final String DEFAULT_OPEN_DATA_SOURCE = "rijksoverheid";

    public static Config defaults(Path dataDir) {
        return new Config(DEFAULT_PORT, dataDir, null, null, null, null, null, null,
                10L * 1024 * 1024, 6000, 3000, Duration.ofSeconds(20), Duration.ofSeconds(5),
                Duration.ofSeconds(1), false, DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_OPEN_DATA_SOURCE);
    }

    public boolean usesPostgres() {
        return databaseUrl != null && databaseUrl.startsWith("jdbc:postgresql:");
    }

    public String jdbcUrl() {
        return databaseUrl != null ? databaseUrl : "jdbc:sqlite:" + dataDir.resolve("vindplaats.db");
    }

    public String baseUrl() {
        return publicBaseUrl != null ? publicBaseUrl.replaceAll("/+$", "") : "http://localhost:" + port;
    }

    public Config withPort(int newPort) {
        return new Config(newPort, dataDir, databaseUrl, databaseUser, databasePassword, databaseSchema, adminToken,
                publicBaseUrl, maxRequestBytes, rateLimitPerToken, rateLimitPerAddress, shutdownGrace,
                indexCommitInterval, changeLogPollInterval, demo, maxDocumentBytes, openDataSource);
    }

    public Config withDatabase(String url, String user, String password, String schema) {
        return new Config(port, dataDir, url, user, password, schema, adminToken, publicBaseUrl, maxRequestBytes,
                rateLimitPerToken, rateLimitPerAddress, shutdownGrace, indexCommitInterval, changeLogPollInterval,
                demo, maxDocumentBytes, openDataSource);
    }

    public Config withAdminToken(String token) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, databaseSchema, token,
                publicBaseUrl, maxRequestBytes, rateLimitPerToken, rateLimitPerAddress, shutdownGrace,
                indexCommitInterval, changeLogPollInterval, demo, maxDocumentBytes, openDataSource);
    }

    public Config withRateLimits(int perToken, int perAddress) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, databaseSchema, adminToken,
                publicBaseUrl, maxRequestBytes, perToken, perAddress, shutdownGrace, indexCommitInterval,
                changeLogPollInterval, demo, maxDocumentBytes, openDataSource);
    }

    public Config withMaxRequestBytes(long bytes) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, databaseSchema, adminToken,
                publicBaseUrl, bytes, rateLimitPerToken, rateLimitPerAddress, shutdownGrace, indexCommitInterval,
                changeLogPollInterval, demo, maxDocumentBytes, openDataSource);
    }

    public Config withOpenDataSource(String name) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, databaseSchema, adminToken,
                publicBaseUrl, maxRequestBytes, rateLimitPerToken, rateLimitPerAddress, shutdownGrace,
                indexCommitInterval, changeLogPollInterval, demo, maxDocumentBytes, name);
    }

    public Config withMaxDocumentBytes(long bytes) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, databaseSchema, adminToken,
                publicBaseUrl, maxRequestBytes, rateLimitPerToken, rateLimitPerAddress, shutdownGrace,
                indexCommitInterval, changeLogPollInterval, demo, bytes, openDataSource);
    }

    /** Another node's configuration: its own data directory (index, blobs), the same database. */
    public Config withDataDir(Path dir) {
        return new Config(port, dir, databaseUrl, databaseUser, databasePassword, databaseSchema, adminToken,
                publicBaseUrl, maxRequestBytes, rateLimitPerToken, rateLimitPerAddress, shutdownGrace,
                indexCommitInterval, changeLogPollInterval, demo, maxDocumentBytes);
    }

    public Config withChangeLogPollInterval(Duration interval) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, databaseSchema, adminToken,
                publicBaseUrl, maxRequestBytes, rateLimitPerToken, rateLimitPerAddress, shutdownGrace,
                indexCommitInterval, interval, demo, maxDocumentBytes);
    }

    public Config withDemo(boolean on) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, databaseSchema, adminToken,
                publicBaseUrl, maxRequestBytes, rateLimitPerToken, rateLimitPerAddress, shutdownGrace,
                indexCommitInterval, changeLogPollInterval, on, maxDocumentBytes, openDataSource);
    }
}
