package nl.vindplaats.search;

import nl.vindplaats.base.Setting;

import java.time.Duration;
import java.util.List;

/**
 * How the search index keeps up with the store, and how often it is published for other nodes.
 *
 * @param commitInterval        how often indexed changes are committed (made durable)
 * @param changeLogPollInterval how often the change log is read for what other nodes wrote
 * @param snapshotInterval      with a PostgreSQL store: how often one node publishes an index snapshot to the blob
 *                              store; zero: never
 * @param snapshotAfterChanges  with a PostgreSQL store: also publish a snapshot once this many changes were indexed
 *                              since the last; 0: not
 */
public record IndexSettings(Duration commitInterval, Duration changeLogPollInterval, Duration snapshotInterval,
                            long snapshotAfterChanges) {
    /** How often one of the nodes sharing a PostgreSQL store publishes a snapshot of its index. */
    public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofMinutes(15);
    /**
     * A snapshot is also published, before its interval is over, once this many changes have been indexed since the
     * last one: about a twentieth of an hour of writes at the 500 writes/s the scaling issue asks for, so that a new
     * node's catch-up from the change log stays short after a bulk load or a harvest.
     */
    public static final long DEFAULT_SNAPSHOT_AFTER_CHANGES = 100_000;

    /** What an operator sets: flags and environment variables of {@code serve}, applied to {@link #defaults()}. */
    public static final List<Setting<IndexSettings, ?>> SETTINGS = List.of(
            new Setting<>("--index-snapshot-minutes", "VINDPLAATS_INDEX_SNAPSHOT_MINUTES", "15", Integer.class,
                    "With a PostgreSQL store: one node publishes a snapshot of its search index to the blob store this "
                            + "often, for new nodes to start from; 0 turns it off",
                    (s, minutes) -> s.withSnapshotInterval(Duration.ofMinutes(Math.max(0, minutes)))),
            new Setting<>("--index-snapshot-after-changes", "VINDPLAATS_INDEX_SNAPSHOT_AFTER_CHANGES", "100000", Long.class,
                    "With a PostgreSQL store: also publish an index snapshot, before its interval is over, once this "
                            + "many changes have been indexed since the newest one; 0 turns it off",
                    (s, changes) -> new IndexSettings(s.commitInterval, s.changeLogPollInterval, s.snapshotInterval,
                            Math.max(0, changes))));

    public static IndexSettings defaults() {
        return new IndexSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), DEFAULT_SNAPSHOT_INTERVAL,
                DEFAULT_SNAPSHOT_AFTER_CHANGES);
    }

    public IndexSettings withCommitInterval(Duration interval) {
        return new IndexSettings(interval, changeLogPollInterval, snapshotInterval, snapshotAfterChanges);
    }

    public IndexSettings withSnapshotInterval(Duration interval) {
        return new IndexSettings(commitInterval, changeLogPollInterval, interval, snapshotAfterChanges);
    }

    public IndexSettings withChangeLogPollInterval(Duration interval) {
        return new IndexSettings(commitInterval, interval, snapshotInterval, snapshotAfterChanges);
    }
}
