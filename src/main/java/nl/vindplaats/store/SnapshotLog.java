package nl.vindplaats.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the nodes sharing a store find the newest snapshot of a search index: the hash of its manifest in the blob
 * store, with the index format and the change number it holds. Older rows are kept as a short history; only the
 * newest is read.
 */
public final class SnapshotLog {
    /** One published snapshot. */
    public record Entry(String manifestSha256, String indexFormat, long seq, Instant created, String node) {
    }

    private final Database database;

    public SnapshotLog(Database database) {
        this.database = database;
    }

    /** Records a published snapshot; publishing the same manifest twice records it once. */
    public void record(Entry entry) {
        CommitQueue.Work<Boolean> insert = c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO index_snapshots (manifest_sha256, index_format, "
                    + "seq, created_at, node) VALUES (?, ?, ?, ?, ?) ON CONFLICT (manifest_sha256) DO NOTHING")) {
                s.setString(1, entry.manifestSha256());
                s.setString(2, entry.indexFormat());
                s.setLong(3, entry.seq());
                s.setLong(4, entry.created().toEpochMilli());
                s.setString(5, entry.node());
                return s.executeUpdate() == 1;
            }
        };
        if (database.dialect() != Database.Dialect.POSTGRESQL) {
            database.commits().submit(insert); // the one writer of the SQLite file
            return;
        }
        try (Connection c = database.connection()) {
            c.setAutoCommit(true);
            insert.run(c);
        } catch (SQLException e) {
            throw new StoreException("recording an index snapshot", e);
        }
    }

    /** The snapshot published last (by its change number, then its time), if any. */
    public Optional<Entry> newest() {
        try (Connection c = database.connection();
             PreparedStatement s = c.prepareStatement("SELECT manifest_sha256, index_format, seq, created_at, node "
                     + "FROM index_snapshots ORDER BY seq DESC, created_at DESC LIMIT 1");
             ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return Optional.empty();
            }
            return Optional.of(new Entry(r.getString(1), r.getString(2), r.getLong(3),
                    Instant.ofEpochMilli(r.getLong(4)), r.getString(5)));
        } catch (SQLException e) {
            throw new StoreException("reading the newest index snapshot", e);
        }
    }
}
