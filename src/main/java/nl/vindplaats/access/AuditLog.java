package nl.vindplaats.access;

import nl.vindplaats.store.CommitQueue;
import nl.vindplaats.store.Database;
import nl.vindplaats.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/** Who wrote what, when and from where: one entry per accepted write. */
public final class AuditLog {
    public record Entry(long seq, Instant at, String tokenId, String tokenName, String action, String resource,
                        String clientAddress) {
    }

    public record Page(long total, List<Entry> entries) {
    }

    private final Database database;
    private final Clock clock;
    private final Queue<Entry> unwritten = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writeQueued = new AtomicBoolean();

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Queues the entry for the next commit without waiting for it: the write it records is already durable,
     * and waiting for a second commit doubled the time every write took. A crash in the moment between the
     * two commits loses the entry, never the write. {@link #page} first waits for queued entries.
     */
    public void append(ApiToken token, String action, Resource resource, String clientAddress) {
        append(token, action, resource, null, clientAddress);
    }

    /**
     * An entry that names the record written within the resource, e.g.
     * {@code organisation:https://…/gm0363 document:4c1d…}; {@code record} may be null.
     */
    public void append(ApiToken token, String action, Resource resource, String record, String clientAddress) {
        String label = record == null ? resource.label() : resource.label() + " " + record;
        unwritten.add(new Entry(0, clock.instant(), token == null ? null : token.id(),
                token == null ? null : token.name(), action, label, clientAddress));
        if (writeQueued.compareAndSet(false, true)) {
            database.commits().submitLater(new Writing());
        }
    }

    /**
     * Writes the entries appended until it runs as one statement batch: one round trip to the database for
     * every entry of a commit, where each entry took one. Run again when its batch is retried, it writes the
     * same entries.
     */
    private final class Writing implements CommitQueue.Work<Integer> {
        private List<Entry> taken;

        @Override
        public Integer run(Connection c) throws SQLException {
            if (taken == null) {
                writeQueued.set(false); // an entry appended from now on queues the next writing
                taken = new ArrayList<>();
                for (Entry entry = unwritten.poll(); entry != null; entry = unwritten.poll()) {
                    taken.add(entry);
                }
            }
            if (taken.isEmpty()) {
                return 0;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_log "
                    + "(at, token_id, token_name, action, resource, client_address) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Entry entry : taken) {
                    s.setLong(1, entry.at().toEpochMilli());
                    s.setString(2, entry.tokenId());
                    s.setString(3, entry.tokenName());
                    s.setString(4, entry.action());
                    s.setString(5, entry.resource());
                    s.setString(6, entry.clientAddress());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return taken.size();
        }
    }

    /** Newest first. */
    public Page page(int offset, int limit) {
        database.commits().awaitQueued();
        try (Connection c = database.connection()) {
            long total;
            try (var s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM audit_log")) {
                r.next();
                total = r.getLong(1);
            }
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT seq, at, token_id, token_name, action, resource, client_address FROM audit_log "
                            + "ORDER BY seq DESC LIMIT ? OFFSET ?")) {
                s.setInt(1, limit);
                s.setInt(2, offset);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        entries.add(new Entry(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
                                r.getString(4), r.getString(5), r.getString(6), r.getString(7)));
                    }
                }
            }
            return new Page(total, entries);
        } catch (SQLException e) {
            throw new StoreException("reading the audit log", e);
        }
    }
}
