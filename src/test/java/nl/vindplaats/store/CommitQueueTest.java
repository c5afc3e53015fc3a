package nl.vindplaats.store;

import nl.vindplaats.platform.Config;
import nl.vindplaats.base.Ids;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Group commit: writes queued together share a transaction, and a refused one undoes only itself. */
class CommitQueueTest {

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void aRefusedWriteUndoesOnlyItselfInItsBatch(TestService.Store kind) throws Exception {
        try (Database database = withScratchTable(kind)) {
            CommitQueue commits = database.commits();

            // The committer waits inside the first write, so the next four queue up and run as one batch.
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Integer> first = insertHeldUntil(commits, release);
            List<CompletableFuture<Integer>> batch = new ArrayList<>();
            for (String key : List.of("a", "eerste", "b", "a")) {
                batch.add(CompletableFuture.supplyAsync(() -> commits.submit(c -> insert(c, key))));
            }
            untilWaiting(commits, 4);
            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(batch.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(batch.get(2).get(10, TimeUnit.SECONDS)).isEqualTo(1);
            for (int refused : new int[] {1, 3}) {
                assertThatThrownBy(() -> batch.get(refused).get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(StoreException.class);
            }
            assertThat(stored(commits)).containsExactly("a", "b", "eerste");
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void aWriteQueuedWithoutAWaiterIsCommittedBeforeAnyQueuedAfterIt(TestService.Store kind) throws Exception {
        try (Database database = withScratchTable(kind)) {
            CommitQueue commits = database.commits();
            CountDownLatch release = new CountDownLatch(1);
            insertHeldUntil(commits, release);

            commits.submitLater(c -> insert(c, "eerste")); // refused: it must not take the next write with it
            commits.submitLater(c -> insert(c, "later"));
            CompletableFuture<Void> flushed = CompletableFuture.runAsync(commits::awaitQueued);
            untilWaiting(commits, 3);
            assertThat(flushed).isNotDone();
            release.countDown();

            flushed.get(10, TimeUnit.SECONDS);
            assertThat(stored(commits)).containsExactly("eerste", "later");
        }
    }

    /** Inserts "eerste" in a write that holds the committer until {@code release}; returns once it holds it. */
    private static CompletableFuture<Integer> insertHeldUntil(CommitQueue commits, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<Integer> write = CompletableFuture.supplyAsync(() -> commits.submit(c -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return insert(c, "eerste");
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        return write;
    }

    private static List<String> stored(CommitQueue commits) {
        return commits.submit(c -> {
            List<String> keys = new ArrayList<>();
            try (ResultSet r = c.createStatement().executeQuery("SELECT k FROM scratch ORDER BY k")) {
                while (r.next()) {
                    keys.add(r.getString(1));
                }
            }
            return keys;
        });
    }

    /** A new store of this kind with a table {@code scratch (k)} whose key refuses a second insert. */
    private static Database withScratchTable(TestService.Store kind) {
        Config config = Config.defaults(TestService.newDataDir());
        if (kind == TestService.Store.POSTGRES) {
            config = config.with(config.store().withDatabase(TestService.postgresUrl(), null, null,
                    "t_" + Ids.uuid().replace("-", "").substring(0, 16)));
        }
        Database database = Database.open(config.store());
        database.commits().submit(c -> c.createStatement().executeUpdate("CREATE TABLE scratch (k VARCHAR(20) PRIMARY KEY)"));
        return database;
    }

    private static int insert(java.sql.Connection c, String key) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO scratch (k) VALUES (?)")) {
            s.setString(1, key);
            return s.executeUpdate();
        }
    }

    private static void untilWaiting(CommitQueue commits, int jobs) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (commits.waiting() < jobs && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(commits.waiting()).isEqualTo(jobs);
    }
}
