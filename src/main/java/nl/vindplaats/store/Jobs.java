package nl.vindplaats.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Background work claimed from the store with leases, so that it runs on one node at a time across the nodes
 * sharing a database. A job (a kind and a key) is due from a moment on; {@link #claim} gives it to one node for a
 * lease; the node {@link #renew}s the lease while it works and {@link #complete}s or {@link #reschedule}s it at the
 * end. A node that dies leaves its lease to run out, after which another node claims the job again: a job is
 * never held by two nodes at once, but one whose node died mid-way is done again, so work must be safe to repeat.
 * <p>
 * Every claim counts up the job's {@code claims}: a lease carries the count it was given with, and renewing or
 * completing with an older count (a node that was paused past its lease) does nothing and says so.
 * <p>
 * On PostgreSQL a claim picks its row with {@code FOR UPDATE SKIP LOCKED}, so nodes claiming at once take different
 * jobs without waiting for each other; on SQLite (one node) the claim runs through the commit queue, its only
 * writer. Times are this node's clock: the nodes' clocks must agree to well within a lease.
 */
public final class Jobs {
    /** A job held by {@code node} until {@code until}; {@code claim} is the job's claim count when it was taken. */
    public record Lease(String kind, String key, String node, long claim, Instant until) {
    }

    private final Database database;
    private final Clock clock;

    public Jobs(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Adds a job due at {@code dueAt}, unless a job of that kind and key is there already; true when added. */
    public boolean schedule(String kind, String key, Instant dueAt) {
        return write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO job_leases (kind, job_key, due_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT (kind, job_key) DO NOTHING")) {
                s.setString(1, kind);
                s.setString(2, key);
                s.setLong(3, dueAt.toEpochMilli());
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Claims the job of this kind that has been due longest and that no live lease holds; empty when none is. */
    public Optional<Lease> claim(String kind, String node, Duration lease) {
        boolean postgres = database.dialect() == Database.Dialect.POSTGRESQL;
        return write(c -> {
            long now = clock.millis();
            String key;
            long claims;
            try (PreparedStatement s = c.prepareStatement("SELECT job_key, claims FROM job_leases WHERE kind = ? "
                    + "AND due_at <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY due_at, job_key LIMIT 1"
                    + (postgres ? " FOR UPDATE SKIP LOCKED" : ""))) {
                s.setString(1, kind);
                s.setLong(2, now);
                s.setLong(3, now);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    key = r.getString(1);
                    claims = r.getLong(2);
                }
            }
            Instant until = Instant.ofEpochMilli(now).plus(lease);
            // Compare-and-set on the claim count as well, so the claim is safe even where the row was not locked.
            try (PreparedStatement s = c.prepareStatement("UPDATE job_leases SET holder = ?, lease_until = ?, "
                    + "claims = claims + 1 WHERE kind = ? AND job_key = ? AND claims = ?")) {
                s.setString(1, node);
                s.setLong(2, until.toEpochMilli());
                s.setString(3, kind);
                s.setString(4, key);
                s.setLong(5, claims);
                if (s.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Lease(kind, key, node, claims + 1, until));
        });
    }

    /** Extends a lease still held; empty when it was lost (it ran out, and maybe another node took the job). */
    public Optional<Lease> renew(Lease lease, Duration extension) {
        return write(c -> {
            long now = clock.millis();
            Instant until = Instant.ofEpochMilli(now).plus(extension);
            try (PreparedStatement s = c.prepareStatement("UPDATE job_leases SET lease_until = ? WHERE kind = ? "
                    + "AND job_key = ? AND holder = ? AND claims = ? AND lease_until >= ?")) {
                s.setLong(1, until.toEpochMilli());
                s.setString(2, lease.kind());
                s.setString(3, lease.key());
                s.setString(4, lease.node());
                s.setLong(5, lease.claim());
                s.setLong(6, now);
                return s.executeUpdate() == 1
                        ? Optional.of(new Lease(lease.kind(), lease.key(), lease.node(), lease.claim(), until))
                        : Optional.<Lease>empty();
            }
        });
    }

    /** Removes a finished one-off job; false when the lease was lost meanwhile (the job stays for its new holder). */
    public boolean complete(Lease lease) {
        return write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM job_leases WHERE kind = ? AND job_key = ? "
                    + "AND holder = ? AND claims = ?")) {
                bind(s, lease, 1);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Releases a recurring job, due again at {@code nextDueAt}; false when the lease was lost meanwhile. */
    public boolean reschedule(Lease lease, Instant nextDueAt) {
        return write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE job_leases SET holder = NULL, lease_until = NULL, "
                    + "due_at = ? WHERE kind = ? AND job_key = ? AND holder = ? AND claims = ?")) {
                s.setLong(1, nextDueAt.toEpochMilli());
                bind(s, lease, 2);
                return s.executeUpdate() == 1;
            }
        });
    }

    /**
     * Frees every job of this kind whatever holds it: for a lone node at its start, when the holders can only be this
     * node's own earlier life (a crash leaves its leases to run out, which a node alone need not wait for).
     */
    public void releaseAll(String kind) {
        write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE job_leases SET holder = NULL, lease_until = NULL "
                    + "WHERE kind = ? AND holder IS NOT NULL")) {
                s.setString(1, kind);
                return s.executeUpdate();
            }
        });
    }

    private static void bind(PreparedStatement s, Lease lease, int from) throws SQLException {
        s.setString(from, lease.kind());
        s.setString(from + 1, lease.key());
        s.setString(from + 2, lease.node());
        s.setLong(from + 3, lease.claim());
    }

    /**
     * On PostgreSQL a transaction of its own, beside the commit queue (job rows are not records and need no place
     * in the change log's order); on SQLite through the commit queue, the one writer of the file.
     */
    private <T> T write(CommitQueue.Work<T> work) {
        if (database.dialect() != Database.Dialect.POSTGRESQL) {
            return database.commits().submit(work);
        }
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("a job lease", e);
        }
    }
}
