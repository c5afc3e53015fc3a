package nl.vindplaats.store;

import nl.vindplaats.bench.SettableClock;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A round (probes, refetches) runs once per interval across nodes, and is taken over when its node dies. */
class RecurringWorkTest {
    static final Duration HOUR = Duration.ofHours(1);

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void aRoundRunsOnOneNodePerIntervalAndIsTakenOverFromADeadNode(TestService.Store kind) {
        SettableClock clock = new SettableClock(JobsTest.T0);
        try (Database a = Database.open(JobsTest.config(kind).store())) {
            Database b = a; // SQLite: one node; PostgreSQL: the same schema through the same pool is enough here
            RecurringWork nodeA = new RecurringWork(new Jobs(a, clock), "node-a", clock);
            RecurringWork nodeB = new RecurringWork(new Jobs(b, clock), "node-b", clock);
            List<String> ran = new ArrayList<>();

            assertThat(nodeA.runIfDue("api-probes", HOUR, () -> ran.add("a"))).isFalse(); // first round an hour on
            clock.set(JobsTest.T0.plus(HOUR));
            assertThat(nodeA.runIfDue("api-probes", HOUR, () -> {
                ran.add("a");
                // while A runs the round, B asks: not for B
                assertThat(nodeB.runIfDue("api-probes", HOUR, () -> ran.add("b"))).isFalse();
            })).isTrue();
            assertThat(nodeB.runIfDue("api-probes", HOUR, () -> ran.add("b"))).isFalse(); // done for this hour
            assertThat(ran).containsExactly("a");

            // Next hour B asks first and runs it; A then finds nothing to do.
            clock.set(JobsTest.T0.plus(HOUR.multipliedBy(2)));
            assertThat(nodeB.runIfDue("api-probes", HOUR, () -> ran.add("b"))).isTrue();
            assertThat(nodeA.runIfDue("api-probes", HOUR, () -> ran.add("a"))).isFalse();
            assertThat(ran).containsExactly("a", "b");

            // A claims the third round and dies with it: B runs it once A's lease has run out.
            clock.set(JobsTest.T0.plus(HOUR.multipliedBy(3)));
            assertThat(new Jobs(a, clock).claim("api-probes", "node-a", RecurringWork.LEASE)).isPresent();
            assertThat(nodeB.runIfDue("api-probes", HOUR, () -> ran.add("b"))).isFalse();
            clock.set(JobsTest.T0.plus(HOUR.multipliedBy(3)).plus(RecurringWork.LEASE).plusSeconds(1));
            assertThat(nodeB.runIfDue("api-probes", HOUR, () -> ran.add("b"))).isTrue();
            assertThat(ran).containsExactly("a", "b", "b");

            // Kinds are independent: the refetch round has its own lease and interval.
            assertThat(nodeA.runIfDue("spec-refetch", HOUR, () -> ran.add("refetch"))).isFalse();
        }
    }
}
