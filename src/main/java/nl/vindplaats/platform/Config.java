package nl.vindplaats.platform;

import nl.vindplaats.register.RegisterSettings;

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
        RegisterSettings register) {

    public static final int DEFAULT_PORT = 8080;

    public static Config defaults(Path dataDir) {
        return new Config(DEFAULT_PORT, dataDir, null, null, null, null, null, null,
                10L * 1024 * 1024, 6000, 3000, Duration.ofSeconds(20), Duration.ofSeconds(5),
                Duration.ofSeconds(1), false, RegisterSettings.defaults());
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
                indexCommitInterval, changeLogPollInterval, demo, register);
    }

    public Config withDatabase(String url, String user, String password, String schema) {
        return new Config(port, dataDir, url, user, password, schema, adminToken, publicBaseUrl, maxRequestBytes,
                rateLimitPerToken, rateLimitPerAddress, shutdownGrace, indexCommitInterval, changeLogPollInterval,
                demo, register);
    }

    public Config withAdminToken(String token) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, databaseSchema, token,
                publicBaseUrl, maxRequestBytes, rateLimitPerToken, rateLimitPerAddress, shutdownGrace,
                indexCommitInterval, changeLogPollInterval, demo, register);
    }

    public Config withRateLimits(int perToken, int perAddress) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, databaseSchema, adminToken,
                publicBaseUrl, maxRequestBytes, perToken, perAddress, shutdownGrace, indexCommitInterval,
                changeLogPollInterval, demo, register);
    }

    public Config withMaxRequestBytes(long bytes) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, databaseSchema, adminToken,
                publicBaseUrl, bytes, rateLimitPerToken, rateLimitPerAddress, shutdownGrace, indexCommitInterval,
                changeLogPollInterval, demo, register);
    }

    public Config withRegister(RegisterSettings settings) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, databaseSchema, adminToken,
                publicBaseUrl, maxRequestBytes, rateLimitPerToken, rateLimitPerAddress, shutdownGrace,
                indexCommitInterval, changeLogPollInterval, demo, settings);
    }
}
