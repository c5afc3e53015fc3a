package nl.vindplaats.harvest;

import java.time.Duration;

/**
 * How often harvesting looks for work, and how it reaches out (in a service, with the register's address rule and
 * timeouts: {@code Vindplaats}).
 *
 * @param tick                  how often each node looks for harvest runs to claim, and one of them for scheduled
 *                              sources that are due
 * @param allowPrivateAddresses harvest from loopback and private addresses too (tests, and a federation inside one
 *                              network); off by default, as for the register's fetcher
 * @param requestsPerSecondPerHost the politeness limit per source host (developer.overheid.nl's PDOK harvest: 2/s)
 */
public record HarvestSettings(Duration tick, Duration connectTimeout, Duration readTimeout, int maxRedirects,
                              boolean allowPrivateAddresses, long maxResponseBytes, int requestsPerSecondPerHost) {
    /** ckanext-dcat's default size cap per response: 50 MB. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 50L * 1024 * 1024;
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(30);

    public static HarvestSettings defaults() {
        return new HarvestSettings(DEFAULT_TICK, Duration.ofSeconds(10), Duration.ofSeconds(60), 5, false,
                DEFAULT_MAX_RESPONSE_BYTES, 10);
    }

    public HarvestSettings withAllowPrivateAddresses(boolean allow) {
        return new HarvestSettings(tick, connectTimeout, readTimeout, maxRedirects, allow, maxResponseBytes,
                requestsPerSecondPerHost);
    }

    public HarvestSettings withTimeouts(Duration connect, Duration read) {
        return new HarvestSettings(tick, connect, read, maxRedirects, allowPrivateAddresses, maxResponseBytes,
                requestsPerSecondPerHost);
    }

    public HarvestSettings withTick(Duration every) {
        return new HarvestSettings(every, connectTimeout, readTimeout, maxRedirects, allowPrivateAddresses,
                maxResponseBytes, requestsPerSecondPerHost);
    }
}
