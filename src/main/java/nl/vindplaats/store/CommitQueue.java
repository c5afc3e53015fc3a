package nl.vindplaats.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit: every write to the store is queued here, and one committer thread runs whatever is
 * waiting in a single transaction — each write in its own savepoint, so one refusal does not undo
 * the others — and pays for one durable commit. Writes are therefore serialised (change numbers
 * commit in order) without each paying for its own fsync.
 */
public final class CommitQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommitQueue.class);
    private static final int MAX_BATCH = 512;
    /**
     * "vind": with the schema's hash, the advisory lock that lets one node at a time write to a store. Per
     * schema, so that installations sharing a database (as the tests do) never wait for each other.
     */
    private static final int POSTGRES_WRITE_LOCK = 0x76696e64;

    /** Work done inside the shared transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Called on the committer thread, in commit order, after the batch is durable and before its writers return. */
    @FunctionalInterface
    public interface AfterCommit<T> {
        void committed(T result);
    }

    private record Job<T>(Work<T> work, AfterCommit<T> after, CompletableFuture<T> result) {
        void complete(Object value) {
            @SuppressWarnings("unchecked") T typed = (T) value;
            result.complete(typed);
        }

        void runAfter(Object value) {
            @SuppressWarnings("unchecked") T typed = (T) value;
            after.committed(typed);
        }
    }

    private final Database database;
    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private volatile boolean closed;

    public CommitQueue(Database database) {
        this.database = database;
        this.committer = Thread.ofPlatform().name("store-committer").daemon(true).start(this::commitLoop);
    }

    /** Runs the work in the next batch and returns its result once the batch is durably committed. */
    public <T> T submit(Work<T> work, AfterCommit<T> after) {
        if (closed) {
            throw new StoreException("the store is closed", null);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        queue.add(new Job<>(work, after, result));
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreException("writing to the store", e.getCause());
        }
    }

    public <T> T submit(Work<T> work) {
        return submit(work, value -> {
        });
    }

    private void commitLoop() {
        List<Job<?>> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Job<?> first = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            } catch (RuntimeException | Error e) {
                LOG.error("The committer failed a batch", e);
                batch.forEach(job -> job.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Job<?>> batch) {
        Object[] results = new Object[batch.size()];
        boolean[] succeeded = new boolean[batch.size()];
        // A refused write learns of its refusal only after the batch is committed, so that whatever
        // refused it (say, a name taken by an earlier write in the same batch) is readable by then.
        RuntimeException[] refusals = new RuntimeException[batch.size()];
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                if (database.dialect() == Database.Dialect.POSTGRESQL) {
                    try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))")) {
                        s.setInt(1, POSTGRES_WRITE_LOCK);
                        s.execute();
                    }
                }
                for (int i = 0; i < batch.size(); i++) {
                    Savepoint savepoint = c.setSavepoint();
                    try {
                        results[i] = batch.get(i).work().run(c);
                        succeeded[i] = true;
                        c.releaseSavepoint(savepoint);
                    } catch (SQLException | RuntimeException e) {
                        c.rollback(savepoint);
                        refusals[i] = e instanceof RuntimeException runtime ? runtime
                                : new StoreException("writing to the store", e);
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            StoreException failure = new StoreException("committing to the store", e);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().completeExceptionally(failure);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (refusals[i] != null) {
                batch.get(i).result().completeExceptionally(refusals[i]);
            } else if (succeeded[i]) {
                try {
                    batch.get(i).runAfter(results[i]);
                } catch (RuntimeException e) {
                    LOG.error("An after-commit step failed; the write itself is committed", e);
                }
                batch.get(i).complete(results[i]);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            committer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
