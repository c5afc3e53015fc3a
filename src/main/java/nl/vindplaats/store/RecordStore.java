package nl.vindplaats.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Records and their ordered change log. Every write stores the record's new version and one change
 * row in a single transaction; writes go through the {@link CommitQueue}, so change sequence numbers
 * are committed in order, which lets any reader of the log (the local index, another node) apply it
 * without gaps.
 *
 * <p>Over 400 lines because every SQL statement on records, keys and the change log is kept in this one class, so the
 * store's contract is read in one place.
 */
public final class RecordStore {
    /** Learns of each committed change, in commit order, before the next batch is committed. */
    public interface ChangeListener {
        void committed(Change change);

        /** Blocks until the change with this sequence number is visible to readers of this node. */
        void awaitVisible(long seq);
    }

    private static final String RECORD_COLUMNS = "kind, id, name, version, organisation, state, created_at, modified_at, body";

    private final Database database;
    private final Clock clock;
    private final CommitQueue commits;
    private volatile ChangeListener listener = new ChangeListener() {
        public void committed(Change change) {
        }

        public void awaitVisible(long seq) {
        }
    };

    public RecordStore(Database database, Clock clock) {
        this.database = database;
        this.commits = database.commits();
        this.clock = clock;
    }

    /**
     * Runs the callback soon after another node commits changes to this store (PostgreSQL); close what is returned
     * to stop. On SQLite, one node, it never runs.
     */
    public ChangeNotifications onChangesElsewhere(Runnable callback) {
        return ChangeNotifications.start(database, callback);
    }

    public void listen(ChangeListener changeListener) {
        this.listener = changeListener;
    }

    public Optional<StoredRecord> get(String kind, String id) {
        return findOne(kind, "id", id);
    }

    public Optional<StoredRecord> getByName(String kind, String name) {
        return findOne(kind, "name", name);
    }

    /** The record of this kind that holds this key (see {@link NewVersion#keys()}). */
    public Optional<StoredRecord> getByKey(String kind, String key) {
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT r.kind, r.id, r.name, r.version, r.organisation, r.state, r.created_at, r.modified_at, r.body "
                        + "FROM record_keys k JOIN records r ON r.kind = k.kind AND r.id = k.id WHERE k.kind = ? AND k.key = ?")) {
            s.setString(1, kind);
            s.setString(2, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(readRecord(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading " + kind + " by key", e);
        }
    }

    private Optional<StoredRecord> findOne(String kind, String keyColumn, String key) {
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + RECORD_COLUMNS + " FROM records WHERE kind = ? AND " + keyColumn + " = ?")) {
            s.setString(1, kind);
            s.setString(2, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(readRecord(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading " + kind + " " + key, e);
        }
    }

    /** Every current record of this kind, by id: for kinds of which there are few (e.g. organisations). */
    public List<StoredRecord> allOf(String kind) {
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + RECORD_COLUMNS + " FROM records WHERE kind = ? ORDER BY id")) {
            s.setString(1, kind);
            List<StoredRecord> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(readRecord(r));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading every " + kind, e);
        }
    }

    /** The records with these ids, in the order of the ids; ids without a record are left out. */
    public List<StoredRecord> getAll(String kind, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, StoredRecord> found = new HashMap<>();
        try (Connection c = database.connection()) {
            for (int from = 0; from < ids.size(); from += 500) {
                List<String> part = ids.subList(from, Math.min(ids.size(), from + 500));
                String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT " + RECORD_COLUMNS + " FROM records WHERE kind = ? AND id IN (" + marks + ")")) {
                    s.setString(1, kind);
                    for (int i = 0; i < part.size(); i++) {
                        s.setString(i + 2, part.get(i));
                    }
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            StoredRecord record = readRecord(r);
                            found.put(record.id(), record);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading " + kind + " records", e);
        }
        List<StoredRecord> ordered = new ArrayList<>(ids.size());
        for (String id : ids) {
            StoredRecord record = found.get(id);
            if (record != null) {
                ordered.add(record);
            }
        }
        return ordered;
    }

    /** Stores version 1 of a new record; refuses an id or name that is already taken. */
    public StoredRecord create(NewVersion next) {
        return write(next, 0);
    }

    /**
     * Stores version 1 of many new records in one transaction (e.g. reference data at start), so that
     * hundreds of records cost one commit and one index refresh instead of hundreds.
     */
    public List<StoredRecord> createAll(List<NewVersion> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        List<Change> changes = commits.submit(c -> {
            Instant now = clock.instant();
            List<Change> written = new ArrayList<>(batch.size());
            for (NewVersion next : batch) {
                String json = Json.write(next.body());
                StoredRecord record = insert(c, next, now, json);
                claimKeys(c, next, false);
                written.add(new Change(appendChange(c, record, next.cause(), json), record, next.cause()));
            }
            return written;
        }, committed -> committed.forEach(listener::committed));
        // The last change being visible makes all of them visible.
        listener.awaitVisible(changes.getLast().seq());
        return changes.stream().map(Change::record).toList();
    }

    /** Stores the next version of a record, but only if {@code expectedVersion} is still its current version. */
    public StoredRecord update(NewVersion next, long expectedVersion) {
        if (expectedVersion < 1) {
            throw new IllegalArgumentException("an update names the version it read (1 or more)");
        }
        return write(next, expectedVersion);
    }

    private StoredRecord write(NewVersion next, long expectedVersion) {
        String json = Json.write(next.body());
        Change change = commits.submit(c -> {
            Instant now = clock.instant();
            StoredRecord written = expectedVersion == 0
                    ? insert(c, next, now, json)
                    : replace(c, next, expectedVersion, now, json);
            claimKeys(c, next, expectedVersion != 0);
            return new Change(appendChange(c, written, next.cause(), json), written, next.cause());
        }, committed -> listener.committed(committed));
        listener.awaitVisible(change.seq());
        return change.record();
    }

    private static void refuseTakenName(Connection c, NewVersion next) throws SQLException {
        if (next.name() == null) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM records WHERE kind = ? AND name = ? AND id <> ?")) {
            s.setString(1, next.kind());
            s.setString(2, next.name());
            s.setString(3, next.id());
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    throw new VersionConflictException("the name " + next.name() + " is already in use", 0);
                }
            }
        }
    }

    /** Gives the record exactly its version's keys; refused when another record holds one of them. */
    private static void claimKeys(Connection c, NewVersion next, boolean replacing) throws SQLException {
        if (replacing) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM record_keys WHERE kind = ? AND id = ?")) {
                s.setString(1, next.kind());
                s.setString(2, next.id());
                s.executeUpdate();
            }
        }
        if (next.keys().isEmpty()) {
            return;
        }
        try (PreparedStatement claim = c.prepareStatement(
                "INSERT INTO record_keys (kind, key, id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (String key : new java.util.LinkedHashSet<>(next.keys())) {
                claim.setString(1, next.kind());
                claim.setString(2, key);
                claim.setString(3, next.id());
                if (claim.executeUpdate() == 0) {
                    try (PreparedStatement holder = c.prepareStatement(
                            "SELECT id FROM record_keys WHERE kind = ? AND key = ?")) {
                        holder.setString(1, next.kind());
                        holder.setString(2, key);
                        try (ResultSet r = holder.executeQuery()) {
                            throw new VersionConflictException("the key " + key + " belongs to " + next.kind() + " "
                                    + (r.next() ? r.getString(1) : "another record"), 0);
                        }
                    }
                }
            }
        }
    }

    /**
     * Inserts version 1; refused when the id or the name is taken. The statement itself finds out (one round
     * trip, where checking first took two); only a refusal reads on, to say which.
     */
    private StoredRecord insert(Connection c, NewVersion next, Instant now, String json) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO records (" + RECORD_COLUMNS
                + ") VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, next.kind());
            s.setString(2, next.id());
            s.setString(3, next.name());
            s.setString(4, next.organisation());
            s.setString(5, next.state());
            s.setLong(6, now.toEpochMilli());
            s.setLong(7, now.toEpochMilli());
            s.setString(8, json);
            if (s.executeUpdate() == 0) {
                Optional<Long> existing = currentVersion(c, next.kind(), next.id());
                if (existing.isPresent()) {
                    throw new VersionConflictException(next.kind() + " " + next.id() + " already exists", existing.get());
                }
                refuseTakenName(c, next);
                throw new IllegalStateException("inserting " + next.kind() + " " + next.id() + " changed nothing");
            }
        }
        return new StoredRecord(next.kind(), next.id(), next.name(), 1, next.organisation(), next.state(), now, now,
                next.body());
    }

    private StoredRecord replace(Connection c, NewVersion next, long expectedVersion, Instant now, String json)
            throws SQLException {
        refuseTakenName(c, next);
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE records SET version = version + 1, name = ?, organisation = ?, state = ?, modified_at = ?, body = ? "
                        + "WHERE kind = ? AND id = ? AND version = ?")) {
            s.setString(1, next.name());
            s.setString(2, next.organisation());
            s.setString(3, next.state());
            s.setLong(4, now.toEpochMilli());
            s.setString(5, json);
            s.setString(6, next.kind());
            s.setString(7, next.id());
            s.setLong(8, expectedVersion);
            if (s.executeUpdate() == 0) {
                long current = currentVersion(c, next.kind(), next.id()).orElse(0L);
                throw new VersionConflictException(current == 0
                        ? next.kind() + " " + next.id() + " does not exist"
                        : next.kind() + " " + next.id() + " is at version " + current + ", not " + expectedVersion,
                        current);
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT created_at FROM records WHERE kind = ? AND id = ?")) {
            s.setString(1, next.kind());
            s.setString(2, next.id());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new StoredRecord(next.kind(), next.id(), next.name(), expectedVersion + 1, next.organisation(),
                        next.state(), Instant.ofEpochMilli(r.getLong(1)), now, next.body());
            }
        }
    }

    private static Optional<Long> currentVersion(Connection c, String kind, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version FROM records WHERE kind = ? AND id = ?")) {
            s.setString(1, kind);
            s.setString(2, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    private static long appendChange(Connection c, StoredRecord record, String cause, String json) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO changes (kind, id, name, version, organisation, state, at, cause, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq")) {
            s.setString(1, record.kind());
            s.setString(2, record.id());
            s.setString(3, record.name());
            s.setLong(4, record.version());
            s.setString(5, record.organisation());
            s.setString(6, record.state());
            s.setLong(7, record.modified().toEpochMilli());
            s.setString(8, cause);
            s.setString(9, json);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Changes with a sequence number above {@code afterSeq}, oldest first. */
    public List<Change> changesAfter(long afterSeq, int limit) {
        String sql = "SELECT c.seq, c.kind, c.id, c.name, c.version, c.organisation, c.state, c.at, c.cause, c.body, r.created_at "
                + "FROM changes c LEFT JOIN records r ON r.kind = c.kind AND r.id = c.id "
                + "WHERE c.seq > ? ORDER BY c.seq LIMIT ?";
        return changes(sql, s -> {
            s.setLong(1, afterSeq);
            s.setInt(2, limit);
        });
    }

    /**
     * Every version of one record a writer made, oldest first; a rewrite in a newer layout ({@link #relayout}) is
     * not one. Each keeps the body in the layout it was written in.
     */
    public List<Change> history(String kind, String id) {
        String sql = "SELECT c.seq, c.kind, c.id, c.name, c.version, c.organisation, c.state, c.at, c.cause, c.body, r.created_at "
                + "FROM changes c LEFT JOIN records r ON r.kind = c.kind AND r.id = c.id "
                + "WHERE c.kind = ? AND c.id = ? AND (c.cause IS NULL OR c.cause <> ?) ORDER BY c.seq";
        return changes(sql, s -> {
            s.setString(1, kind);
            s.setString(2, id);
            s.setString(3, Change.RELAYOUT);
        });
    }

    /**
     * Rewrites every current body of the layout's kind that is not in its current layout, in batches of one
     * transaction each, as changes with the cause {@link Change#RELAYOUT}: the version goes up by one, the record's
     * modification time and its change's time stay those of the version it rewrites. A record another writer
     * changes meanwhile is left to that writer (its new body is written by the current release). Run at start,
     * before the service serves; running it again rewrites nothing.
     *
     * @param progress told how many records were rewritten so far, after each batch
     * @return how many records were rewritten
     */
    public long relayout(BodyLayout layout, java.util.function.LongConsumer progress) {
        long rewritten = 0;
        String after = "";
        while (true) {
            List<StoredRecord> page = page(layout.kind(), after, RELAYOUT_BATCH);
            if (page.isEmpty()) {
                return rewritten;
            }
            after = page.getLast().id();
            List<StoredRecord> old = page.stream().filter(r -> !layout.isCurrent(r.body())).toList();
            if (old.isEmpty()) {
                continue;
            }
            List<String> bodies = old.stream().map(r -> Json.write(layout.upgrade(r))).toList();
            List<Change> changes = commits.submit(c -> relayout(c, old, bodies),
                    committed -> committed.forEach(listener::committed));
            if (!changes.isEmpty()) {
                listener.awaitVisible(changes.getLast().seq());
            }
            rewritten += changes.size();
            progress.accept(rewritten);
        }
    }

    /** {@link #relayout(BodyLayout, java.util.function.LongConsumer)} without progress. */
    public long relayout(BodyLayout layout) {
        return relayout(layout, rewritten -> { });
    }

    private static final int RELAYOUT_BATCH = 500;

    private static List<Change> relayout(Connection c, List<StoredRecord> old, List<String> bodies) throws SQLException {
        List<Change> written = new ArrayList<>(old.size());
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE records SET version = version + 1, body = ? WHERE kind = ? AND id = ? AND version = ?")) {
            for (int i = 0; i < old.size(); i++) {
                StoredRecord was = old.get(i);
                s.setString(1, bodies.get(i));
                s.setString(2, was.kind());
                s.setString(3, was.id());
                s.setLong(4, was.version());
                if (s.executeUpdate() == 1) {
                    StoredRecord now = new StoredRecord(was.kind(), was.id(), was.name(), was.version() + 1,
                            was.organisation(), was.state(), was.created(), was.modified(), parse(bodies.get(i)));
                    written.add(new Change(appendChange(c, now, Change.RELAYOUT, bodies.get(i)), now, Change.RELAYOUT));
                }
            }
        }
        return written;
    }

    /** Up to {@code limit} current records of a kind with an id after {@code afterId}, by id. */
    private List<StoredRecord> page(String kind, String afterId, int limit) {
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + RECORD_COLUMNS + " FROM records WHERE kind = ? AND id > ? ORDER BY id LIMIT ?")) {
            s.setString(1, kind);
            s.setString(2, afterId);
            s.setInt(3, limit);
            List<StoredRecord> out = new ArrayList<>(limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(readRecord(r));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading " + kind + " records", e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<Change> changes(String sql, Binder binder) {
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            List<Change> changes = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Instant at = Instant.ofEpochMilli(r.getLong(8));
                    long created = r.getLong(11);
                    Instant createdAt = r.wasNull() ? at : Instant.ofEpochMilli(created);
                    StoredRecord record = new StoredRecord(r.getString(2), r.getString(3), r.getString(4), r.getLong(5),
                            r.getString(6), r.getString(7), createdAt, at, parse(r.getString(10)));
                    changes.add(new Change(r.getLong(1), record, r.getString(9)));
                }
            }
            return changes;
        } catch (SQLException e) {
            throw new StoreException("reading the change log", e);
        }
    }

    /** How many records the store holds (of every kind), e.g. for a rebuild's progress. */
    public long countRecords() {
        try (Connection c = database.connection(); var s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM records")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("counting the records", e);
        }
    }

    public long lastSeq() {
        try (Connection c = database.connection(); var s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM changes")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("reading the change log", e);
        }
    }

    /**
     * Reads every current record together with the change-log position they reflect, in one read
     * transaction, so an index built from them can continue from exactly that position.
     */
    public long scanAll(Consumer<StoredRecord> consumer) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            if (database.dialect() == Database.Dialect.POSTGRESQL) {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            long seq;
            try (var s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM changes")) {
                r.next();
                seq = r.getLong(1);
            }
            try (PreparedStatement s = c.prepareStatement("SELECT " + RECORD_COLUMNS + " FROM records ORDER BY kind, id")) {
                s.setFetchSize(500);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        consumer.accept(readRecord(r));
                    }
                }
            }
            c.commit();
            return seq;
        } catch (SQLException e) {
            throw new StoreException("scanning the store", e);
        }
    }

    private static StoredRecord readRecord(ResultSet r) throws SQLException {
        return new StoredRecord(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getString(5),
                r.getString(6), Instant.ofEpochMilli(r.getLong(7)), Instant.ofEpochMilli(r.getLong(8)), parse(r.getString(9)));
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored record body is not JSON", e);
        }
    }
}
