package nl.vindplaats.http;

import nl.vindplaats.base.Setting;

import java.time.Duration;
import java.util.List;

/**
 * What an operator sets for the HTTP server: where it listens and is reached, and what it lets in.
 *
 * @param publicBaseUrl       the URL clients reach the service at, used in links; null: localhost with the port
 * @param maxRequestBytes     the largest JSON or form request body accepted
 * @param rateLimitPerToken   requests per minute per API token; 0: no limit
 * @param rateLimitPerAddress requests per minute per client address; 0: no limit
 * @param sharedRateLimits    count the rate limits in PostgreSQL, shared by every node, instead of per node
 * @param trustedProxies      CIDRs of the reverse proxies whose Forwarded / X-Forwarded-For is believed
 * @param shutdownGrace       how long in-flight requests may take to finish at shutdown
 */
public record ServerSettings(int port, String publicBaseUrl, long maxRequestBytes, int rateLimitPerToken,
                             int rateLimitPerAddress, boolean sharedRateLimits, List<String> trustedProxies,
                             Duration shutdownGrace) {
    public static final int DEFAULT_PORT = 8080;

    /** What an operator sets: flags and environment variables of {@code serve}, applied to {@link #defaults()}. */
    public static final List<Setting<ServerSettings, ?>> SETTINGS = List.of(
            new Setting<>("--port", "VINDPLAATS_PORT", Integer.toString(DEFAULT_PORT), Integer.class, "HTTP port",
                    ServerSettings::withPort),
            new Setting<>("--public-base-url", "VINDPLAATS_PUBLIC_BASE_URL", null, String.class,
                    "The URL clients reach this service at, used in links; default http://localhost:PORT",
                    ServerSettings::withPublicBaseUrl),
            new Setting<>("--max-request-bytes", "VINDPLAATS_MAX_REQUEST_BYTES", "10485760", Long.class,
                    "Largest JSON or form request body accepted", ServerSettings::withMaxRequestBytes),
            new Setting<>("--rate-limit-per-token", "VINDPLAATS_RATE_LIMIT_PER_TOKEN", "6000", Integer.class,
                    "Requests per minute per API token; 0 turns the limit off",
                    (s, perMinute) -> s.withRateLimits(perMinute, s.rateLimitPerAddress)),
            new Setting<>("--rate-limit-per-address", "VINDPLAATS_RATE_LIMIT_PER_ADDRESS", "3000", Integer.class,
                    "Requests per minute per client address; 0 turns the limit off",
                    (s, perMinute) -> s.withRateLimits(s.rateLimitPerToken, perMinute)),
            new Setting<>("--shared-rate-limits", "VINDPLAATS_SHARED_RATE_LIMITS", "false", Boolean.class,
                    "Count the rate limits in PostgreSQL, shared by every node on that database, instead of per node; "
                            + "needs --database-url", ServerSettings::withSharedRateLimits),
            // A list setting is comma-separated text: the command line splits it (Setting.type List).
            new Setting<>("--trusted-proxies", "VINDPLAATS_TRUSTED_PROXIES", null, List.class,
                    "Comma-separated CIDRs of reverse proxies: only from these is the client address taken from "
                            + "Forwarded / X-Forwarded-For; default none: the socket address",
                    (s, cidrs) -> s.withTrustedProxies(cidrs == null ? List.of()
                            : cidrs.stream().map(String::valueOf).toList())),
            new Setting<>("--shutdown-grace-seconds", "VINDPLAATS_SHUTDOWN_GRACE_SECONDS", "20", Integer.class,
                    "How long in-flight requests may take to finish at shutdown",
                    (s, seconds) -> s.withShutdownGrace(Duration.ofSeconds(seconds))));

    public static ServerSettings defaults() {
        return new ServerSettings(DEFAULT_PORT, null, 10L * 1024 * 1024, 6000, 3000, false, List.of(),
                Duration.ofSeconds(20));
    }

    public ServerSettings {
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** The public base URL without a trailing slash; by default localhost with the port. */
    public String baseUrl() {
        return publicBaseUrl != null ? publicBaseUrl.replaceAll("/+$", "") : "http://localhost:" + port;
    }

    /** Port 0: any free port, as tests and {@code check} use. */
    public ServerSettings withPort(int newPort) {
        return new ServerSettings(newPort, publicBaseUrl, maxRequestBytes, rateLimitPerToken, rateLimitPerAddress,
                sharedRateLimits, trustedProxies, shutdownGrace);
    }

    public ServerSettings withPublicBaseUrl(String url) {
        return new ServerSettings(port, url, maxRequestBytes, rateLimitPerToken, rateLimitPerAddress,
                sharedRateLimits, trustedProxies, shutdownGrace);
    }

    public ServerSettings withMaxRequestBytes(long bytes) {
        return new ServerSettings(port, publicBaseUrl, bytes, rateLimitPerToken, rateLimitPerAddress,
                sharedRateLimits, trustedProxies, shutdownGrace);
    }

    public ServerSettings withRateLimits(int perToken, int perAddress) {
        return new ServerSettings(port, publicBaseUrl, maxRequestBytes, perToken, perAddress, sharedRateLimits,
                trustedProxies, shutdownGrace);
    }

    public ServerSettings withSharedRateLimits(boolean shared) {
        return new ServerSettings(port, publicBaseUrl, maxRequestBytes, rateLimitPerToken, rateLimitPerAddress,
                shared, trustedProxies, shutdownGrace);
    }

    public ServerSettings withTrustedProxies(List<String> cidrs) {
        return new ServerSettings(port, publicBaseUrl, maxRequestBytes, rateLimitPerToken, rateLimitPerAddress,
                sharedRateLimits, cidrs, shutdownGrace);
    }

    public ServerSettings withShutdownGrace(Duration grace) {
        return new ServerSettings(port, publicBaseUrl, maxRequestBytes, rateLimitPerToken, rateLimitPerAddress,
                sharedRateLimits, trustedProxies, grace);
    }
}
