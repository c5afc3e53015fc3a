package nl.vindplaats.access;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Requests per minute per token and per client address, as token buckets (Bucket4j): kept in this node's memory, or
 * shared by every node of a PostgreSQL installation (table {@code rate_limit_buckets}, one row per bucket, taken with
 * {@code SELECT … FOR UPDATE}), so that a client spreading its requests over the nodes meets the same limit.
 */
public final class RateLimits implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimits.class);

    /** How long to wait before retrying, or zero when the request may go ahead. */
    public record Verdict(boolean allowed, long retryAfterSeconds) {
    }

    private static final int MAX_TRACKED = 100_000;

    private final int perTokenPerMinute;
    private final int perAddressPerMinute;
    /** The bucket for a key and a per-minute limit. */
    private final BiFunction<String, Integer, Bucket> buckets;
    private final Runnable cleanUp;
    /** Removes full shared buckets once a minute; none for buckets in memory. */
    private final java.util.concurrent.ScheduledExecutorService cleaner;

    private RateLimits(int perTokenPerMinute, int perAddressPerMinute, BiFunction<String, Integer, Bucket> buckets,
                       Runnable cleanUp, boolean shared) {
        this.perTokenPerMinute = perTokenPerMinute;
        this.perAddressPerMinute = perAddressPerMinute;
        this.buckets = buckets;
        this.cleanUp = cleanUp;
        this.cleaner = shared ? java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("rate-limit-cleaner").daemon().factory()) : null;
        if (cleaner != null) {
            cleaner.scheduleWithFixedDelay(this::removeExpired, 1, 1, java.util.concurrent.TimeUnit.MINUTES);
        }
    }

    /** Buckets in this node's memory. */
    public RateLimits(int perTokenPerMinute, int perAddressPerMinute) {
        this(perTokenPerMinute, perAddressPerMinute, inMemory(), () -> { }, false);
    }

    /** Buckets in PostgreSQL, shared by every node using that database and schema. */
    public static RateLimits shared(int perTokenPerMinute, int perAddressPerMinute, DataSource postgres) {
        PostgreSQLSelectForUpdateBasedProxyManager<String> proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(postgres)
                .primaryKeyMapper(PrimaryKeyMapper.STRING).table("rate_limit_buckets").idColumn("id")
                .stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofMinutes(1)))
                .build();
        return new RateLimits(perTokenPerMinute, perAddressPerMinute,
                (key, perMinute) -> proxies.builder().build(key, () -> configuration(perMinute)),
                () -> proxies.removeExpired(1_000), true);
    }

    private static BiFunction<String, Integer, Bucket> inMemory() {
        Map<String, Bucket> buckets = new ConcurrentHashMap<>();
        return (key, perMinute) -> {
            if (buckets.size() > MAX_TRACKED) {
                // A flood of distinct addresses must not exhaust memory; starting buckets afresh is the lesser harm.
                buckets.clear();
            }
            return buckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(bandwidth(perMinute)).build());
        };
    }

    private static BucketConfiguration configuration(int perMinute) {
        return BucketConfiguration.builder().addLimit(bandwidth(perMinute)).build();
    }

    private static Bandwidth bandwidth(int perMinute) {
        return Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build();
    }

    public Verdict forAddress(String address) {
        return take("a:" + address, perAddressPerMinute);
    }

    public Verdict forToken(String tokenId) {
        return take("t:" + tokenId, perTokenPerMinute);
    }

    /** Drops buckets that are full again (shared buckets only; memory buckets are bounded by count). */
    public void removeExpired() {
        try {
            cleanUp.run();
        } catch (RuntimeException e) {
            LOG.warn("Could not remove expired rate-limit buckets: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (cleaner != null) {
            cleaner.shutdownNow();
        }
    }

    private Verdict take(String key, int perMinute) {
        if (perMinute <= 0) {
            return new Verdict(true, 0);
        }
        ConsumptionProbe probe;
        try {
            probe = buckets.apply(key, perMinute).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            // The shared buckets are unreachable: a limit is a protection, not a reason to refuse every request.
            LOG.warn("Rate limit not checked, the shared buckets are unreachable: {}", e.toString());
            return new Verdict(true, 0);
        }
        if (probe.isConsumed()) {
            return new Verdict(true, 0);
        }
        return new Verdict(false, Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1));
    }
}
