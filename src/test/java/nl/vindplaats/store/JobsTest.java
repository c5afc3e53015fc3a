package nl.vindplaats.store;

import nl.vindplaats.base.Ids;
import nl.vindplaats.bench.SettableClock;
import nl.vindplaats.platform.Config;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Job leases: one holder at a time, taken over after the lease runs out, stale holders refused. */
class JobsTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(1);

    static Config config(TestService.Store kind) {
        Config config = Config.defaults(TestService.newDataDir());
        if (kind == TestService.Store.POSTGRES) {
            config = config.with(config.store().withDatabase(TestService.postgresUrl(), null, null,
                    "jobs_" + Ids.uuid().replace("-", "").substring(0, 16)));
        }
        return config;
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void aDueJobGoesToOneNodeUntilItsLeaseRunsOut(TestService.Store kind) {
        SettableClock clock = new SettableClock(T0);
        try (Database database = Database.open(config(kind).store())) {
            Jobs jobs = new Jobs(database, clock);
            assertThat(jobs.schedule("probe-round", "all", T0.plusSeconds(10))).isTrue();
            assertThat(jobs.schedule("probe-round", "all", T0)).isFalse(); // already there

            assertThat(jobs.claim("probe-round", "node-a", LEASE)).isEmpty(); // not due yet
            clock.set(T0.plusSeconds(10));
            Jobs.Lease a = jobs.claim("probe-round", "node-a", LEASE).orElseThrow();
            assertThat(a.key()).isEqualTo("all");
            assertThat(a.until()).isEqualTo(T0.plusSeconds(70));
            assertThat(jobs.claim("probe-round", "node-b", LEASE)).isEmpty(); // held
            assertThat(jobs.claim("other-kind", "node-b", LEASE)).isEmpty();

            clock.set(T0.plusSeconds(60));
            a = jobs.renew(a, LEASE).orElseThrow(); // held until 2 min
            clock.set(T0.plusSeconds(119));
            assertThat(jobs.claim("probe-round", "node-b", LEASE)).isEmpty();

            // node-a stops renewing (it died, or paused): after the lease node-b takes the job over
            clock.set(T0.plusSeconds(121));
            Jobs.Lease b = jobs.claim("probe-round", "node-b", LEASE).orElseThrow();
            assertThat(b.claim()).isGreaterThan(a.claim());
            // node-a, back, finds its lease gone: it can neither renew nor finish the job
            assertThat(jobs.renew(a, LEASE)).isEmpty();
            assertThat(jobs.reschedule(a, T0.plusSeconds(3600))).isFalse();
            assertThat(jobs.complete(a)).isFalse();

            // node-b finishes the round: due again in an hour, free until then
            assertThat(jobs.reschedule(b, T0.plusSeconds(3721))).isTrue();
            assertThat(jobs.claim("probe-round", "node-a", LEASE)).isEmpty();
            clock.set(T0.plusSeconds(3721));
            Jobs.Lease again = jobs.claim("probe-round", "node-a", LEASE).orElseThrow();
            assertThat(jobs.complete(again)).isTrue();
            clock.set(T0.plusSeconds(99_999));
            assertThat(jobs.claim("probe-round", "node-a", LEASE)).isEmpty(); // a completed job is gone
        }
    }

    /** Two nodes (two pools on one database) claim at once: every job is claimed exactly once. */
    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void nodesClaimingAtOnceNeverTakeTheSameJob(TestService.Store kind) throws Exception {
        SettableClock clock = new SettableClock(T0);
        Config config = config(kind);
        int count = 60;
        try (Database first = Database.open(config.store());
             Database second = kind == TestService.Store.POSTGRES ? Database.open(config.store()) : null) {
            Jobs jobsA = new Jobs(first, clock);
            Jobs jobsB = second == null ? jobsA : new Jobs(second, clock);
            for (int i = 0; i < count; i++) {
                jobsA.schedule("extract", "doc-" + i, T0);
            }
            ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
            ExecutorService workers = Executors.newFixedThreadPool(6);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < 6; w++) {
                    Jobs jobs = w % 2 == 0 ? jobsA : jobsB;
                    String node = "node-" + w;
                    running.add(workers.submit(() -> {
                        Optional<Jobs.Lease> lease;
                        while ((lease = jobs.claim("extract", node, LEASE)).isPresent()) {
                            claimed.add(lease.get().key());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            } finally {
                workers.shutdown();
            }
            assertThat(claimed).hasSize(count).doesNotHaveDuplicates();
        }
    }
}
