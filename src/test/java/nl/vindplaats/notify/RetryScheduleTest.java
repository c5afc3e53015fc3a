package nl.vindplaats.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {
    private static final Instant FIRST_FAILURE = Instant.parse("2026-03-02T09:00:00Z");
    private final RetrySchedule schedule = new RetrySchedule(Duration.ofHours(24), new Random(7));

    @Test
    void waitsAsTheSpecificationsExampleWithJitterAndEndsAfterADay() {
        Instant now = FIRST_FAILURE;
        int failures = 1;
        Duration[] expected = {Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
                Duration.ofHours(5), Duration.ofHours(10)};
        for (Duration wait : expected) {
            Instant next = schedule.next(FIRST_FAILURE, failures++, now, null);
            assertThat(Duration.between(now, next)).isBetween(wait.multipliedBy(9).dividedBy(10),
                    wait.multipliedBy(11).dividedBy(10));
            now = next;
        }
        // The next wait (14 h) would end after the day: one last attempt at its end, then none.
        Instant last = schedule.next(FIRST_FAILURE, failures++, now, null);
        assertThat(last).isEqualTo(FIRST_FAILURE.plus(Duration.ofHours(24)));
        assertThat(schedule.next(FIRST_FAILURE, failures, last, null)).isNull();
    }

    @Test
    void retryAfterReplacesTheWaitButNotTheDaysEnd() {
        assertThat(schedule.next(FIRST_FAILURE, 1, FIRST_FAILURE, Duration.ofSeconds(120)))
                .isEqualTo(FIRST_FAILURE.plusSeconds(120));
        Instant late = FIRST_FAILURE.plus(Duration.ofHours(23));
        assertThat(schedule.next(FIRST_FAILURE, 5, late, Duration.ofHours(3)))
                .isEqualTo(FIRST_FAILURE.plus(Duration.ofHours(24)));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2015-10-21T07:28:00Z");
        assertThat(Notifier.retryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(Notifier.retryAfter("Wed, 21 Oct 2015 07:30:00 GMT", now)).isEqualTo(Duration.ofMinutes(2));
        assertThat(Notifier.retryAfter("morgen", now)).isNull();
        assertThat(Notifier.retryAfter(null, now)).isNull();
    }
}
