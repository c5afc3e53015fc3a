package nl.vindplaats.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: the Standard Webhooks specification's example schedule (5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 14 h, 20 h, 24 h after each failure), each wait spread by ±10 % so that the deliveries of many
 * subscriptions to one receiver that was down do not all return at once, and bounded: no attempt later than
 * {@code retryFor} after the first failure of the event, and one last attempt at that moment.
 */
final class RetrySchedule {
    static final List<Duration> WAITS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14), Duration.ofHours(20),
            Duration.ofHours(24));

    private final Duration retryFor;
    private final RandomGenerator random;

    RetrySchedule(Duration retryFor, RandomGenerator random) {
        this.retryFor = retryFor;
        this.random = random;
    }

    /**
     * The moment of the next attempt after {@code failures} failed attempts (1 or more) of an event that first failed
     * at {@code failingSince}, or null when none is left. A receiver's {@code Retry-After} replaces the schedule's wait.
     */
    Instant next(Instant failingSince, int failures, Instant now, Duration retryAfter) {
        Instant last = failingSince.plus(retryFor);
        if (!now.isBefore(last)) {
            return null;
        }
        Duration wait;
        if (retryAfter != null) {
            wait = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
        } else {
            Duration step = WAITS.get(Math.min(failures, WAITS.size()) - 1);
            wait = Duration.ofMillis(Math.round(step.toMillis() * (0.9 + 0.2 * random.nextDouble())));
        }
        Instant next = now.plus(wait);
        return next.isAfter(last) ? last : next;
    }
}
