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
 * waiting in a single transaction and pays for one durable commit; one refused write undoes only itself
 * (see {@link #commit}). Writes are therefore serialised (change numbers commit in order) without each
 * paying for its own fsync.
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

    /**
     * Queues the work for the next batch and returns at once, for a write nobody waits on (an audit entry):
     * it costs its caller no commit of its own. A failure is logged, since nobody is there to tell.
     */
    public void submitLater(Work<?> work) {
        if (closed) {
            throw new StoreException("the store is closed", null);
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        result.whenComplete((value, failure) -> {
            if (failure != null) {
                LOG.error("A write queued without a waiter failed", failure);
            }
        });
        queue.add(new Job<Object>(c -> work.run(c), value -> {
        }, result));
    }

    /** Returns once every write queued before this call is committed (batches commit in queue order). */
    public void awaitQueued() {
        submit(c -> null);
    }

    /** Writes queued for the next batch. */
    public int waiting() {
        return queue.size();
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

    /**
     * First the whole batch without savepoints: refusals are rare, and on PostgreSQL every savepoint costs
     * two more round trips on this one thread. When a write is refused, that attempt is rolled back and
     * the batch runs again with each write in its own savepoint.
     */
    private void commit(List<Job<?>> batch) {
        Object[] results = new Object[batch.size()];
        RuntimeException[] refusals = new RuntimeException[batch.size()];
        try {
            if (!runTogether(batch, results)) {
                runEachInSavepoint(batch, results, refusals);
            }
        } catch (SQLException | StorageFullException e) {
            RuntimeException failure;
            if (StorageFullException.isCause(e)) {
                // A connection that hit a full disk may be left half inside a transaction; none is reused.
                database.resetConnections();
                failure = new StorageFullException("the store's disk is full", e);
            } else {
                failure = new StoreException("committing to the store", e);
            }
            batch.forEach(job -> job.result().completeExceptionally(failure));
            return;
        }
        // A refused write learns of its refusal only after the batch is committed, so that whatever
        // refused it (say, a name taken by an earlier write in the same batch) is readable by then.
        for (int i = 0; i < batch.size(); i++) {
            if (refusals[i] != null) {
                batch.get(i).result().completeExceptionally(refusals[i]);
            } else {
                try {
                    batch.get(i).runAfter(results[i]);
                } catch (RuntimeException e) {
                    LOG.error("An after-commit step failed; the write itself is committed", e);
                }
                batch.get(i).complete(results[i]);
            }
        }
    }

    /** True when every write succeeded and the batch is committed; false (rolled back) when one was refused. */
    private boolean runTogether(List<Job<?>> batch, Object[] results) throws SQLException {
        try (Connection c = begin()) {
            try {
                for (int i = 0; i < batch.size(); i++) {
                    results[i] = batch.get(i).work().run(c);
                }
            } catch (SQLException | RuntimeException refused) {
                rollback(c, refused);
                if (StorageFullException.isCause(refused)) {
                    throw new StorageFullException("the store's disk is full", refused);
                }
                return false;
            }
            commitOrRollback(c);
            return true;
        }
    }

    /** Commits the batch, each refused write's savepoint rolled back. */
    private void runEachInSavepoint(List<Job<?>> batch, Object[] results, RuntimeException[] refusals)
            throws SQLException {
        try (Connection c = begin()) {
            try {
                for (int i = 0; i < batch.size(); i++) {
                    Savepoint savepoint = c.setSavepoint();
                    try {
                        results[i] = batch.get(i).work().run(c);
                        c.releaseSavepoint(savepoint);
                    } catch (SQLException | RuntimeException e) {
                        if (StorageFullException.isCause(e)) {
                            throw e;
                        }
                        c.rollback(savepoint);
                        refusals[i] = e instanceof RuntimeException runtime ? runtime
                                : new StoreException("writing to the store", e);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
            commitOrRollback(c);
        }
    }

    private Connection begin() throws SQLException {
        Connection c = database.connection();
        try {
            c.setAutoCommit(false);
            if (database.dialect() == Database.Dialect.POSTGRESQL) {
                try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))")) {
                    s.setInt(1, POSTGRES_WRITE_LOCK);
                    s.execute();
                }
                // Sent when (and only if) this transaction commits: other nodes' indexes follow at once.
                try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, current_schema() || ' ' || ?)")) {
                    s.setString(1, ChangeNotifications.CHANNEL);
                    s.setString(2, database.nodeId());
                    s.execute();
                }
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static void commitOrRollback(Connection c) throws SQLException {
        try {
            c.commit();
        } catch (SQLException e) {
            rollback(c, e);
            throw e;
        }
    }

    /**
     * Rolls back after {@code cause}, which stays the failure reported: SQLite ends a transaction by itself on
     * some errors (a full disk among them), and its "cannot rollback - no transaction is active" would hide why.
     */
    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
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
