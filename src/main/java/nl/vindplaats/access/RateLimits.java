package nl.vindplaats.access;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Requests per minute per token and per client address, as token buckets (Bucket4j). */
public final class RateLimits {
    /** How long to wait before retrying, or zero when the request may go ahead. */
    public record Verdict(boolean allowed, long retryAfterSeconds) {
    }

    private static final int MAX_TRACKED = 100_000;

    private final int perTokenPerMinute;
    private final int perAddressPerMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimits(int perTokenPerMinute, int perAddressPerMinute) {
        this.perTokenPerMinute = perTokenPerMinute;
        this.perAddressPerMinute = perAddressPerMinute;
    }

    public Verdict forAddress(String address) {
        return take("a:" + address, perAddressPerMinute);
    }

    public Verdict forToken(String tokenId) {
        return take("t:" + tokenId, perTokenPerMinute);
    }

    private Verdict take(String key, int perMinute) {
        if (perMinute <= 0) {
            return new Verdict(true, 0);
        }
        if (buckets.size() > MAX_TRACKED) {
            // A flood of distinct addresses must not exhaust memory; starting buckets afresh is the lesser harm.
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Verdict(true, 0);
        }
        return new Verdict(false, Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1));
    }
}
