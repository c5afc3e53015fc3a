package nl.vindplaats.http;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottledLogTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private record Line(String text, Throwable stackTrace) {
    }

    private static IllegalStateException failure() {
        return new IllegalStateException("store gone"); // one place of throwing: one cause
    }

    @Test
    void aRepeatingErrorIsLoggedOncePerMinuteAndCounted() {
        ManualClock clock = new ManualClock();
        List<Line> lines = new ArrayList<>();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        ThrottledLog log = new ThrottledLog((text, e) -> lines.add(new Line(text, e)), clock, metrics, "vindplaats.errors");

        for (int i = 0; i < 1000; i++) {
            log.error("Unhandled error on GET /x", failure());
        }
        log.error("Unhandled error on GET /y", new IllegalArgumentException("other"));
        assertThat(lines).hasSize(2);
        assertThat(lines.getFirst().stackTrace()).isInstanceOf(IllegalStateException.class);

        clock.now = clock.now.plus(Duration.ofSeconds(61));
        log.error("Unhandled error on GET /x", failure());
        assertThat(lines).hasSize(3);
        assertThat(lines.getLast().text()).contains("999 more of this cause");
        double counted = metrics.find("vindplaats.errors").counters().stream().mapToDouble(c -> c.count()).sum();
        assertThat(counted).isEqualTo(1002);
    }
}
