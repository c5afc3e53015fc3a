package nl.vindplaats.search;

import nl.vindplaats.base.FileTree;
import nl.vindplaats.blobs.FileBlobStore;
import nl.vindplaats.platform.Config;
import nl.vindplaats.store.Database;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.SnapshotLog;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static nl.vindplaats.search.SearchIndexTest.KIND;
import static nl.vindplaats.search.SearchIndexTest.NOTES;
import static nl.vindplaats.search.SearchIndexTest.ORDER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second index over the same store starts from the snapshot the first published, on a real store, a real blob
 * store and real Lucene indexes; a snapshot that is corrupt, missing or of another format is not used.
 */
class IndexSnapshotsTest {
    Path dir;
    Database database;
    RecordStore store;
    FileBlobStore blobs;
    SnapshotLog log;
    IndexSnapshots snapshots;
    SearchIndex first;
    SearchIndex second;

    @BeforeEach
    void open() throws IOException {
        dir = TestService.newDataDir();
        database = Database.open(Config.defaults(dir).store());
        store = new RecordStore(database, Clock.systemUTC());
        blobs = new FileBlobStore(dir.resolve("blobs"));
        log = new SnapshotLog(database);
        snapshots = new IndexSnapshots(blobs, log, "test-node", Clock.systemUTC());
        first = open("first");
    }

    SearchIndex open(String name) {
        SearchIndex index = SearchIndex.open(dir.resolve(name), store, List.of(NOTES), ORDER, Duration.ofHours(1),
                Duration.ofHours(1), snapshots);
        store.listen(index);
        return index;
    }

    @AfterEach
    void close() throws IOException {
        for (SearchIndex index : new SearchIndex[] {second, first}) {
            if (index != null) {
                index.close();
            }
        }
        database.close();
        FileTree.delete(dir);
    }

    void note(String id, String title) {
        store.create(new nl.vindplaats.store.NewVersion(KIND, id, null, null, "active",
                nl.vindplaats.base.Json.object().put("title", title).put("body", "").put("date", id.length()), "test"));
    }

    long found(SearchIndex index, String words) {
        return index.search(SearchQuery.of(KIND).text(words, SearchIndexTest.TEXT).build()).total();
    }

    @Test
    void aNewIndexStartsFromTheSnapshotAndCatchesUpFromItsChangeNumber() throws IOException {
        note("1", "Zwaluwstaart");
        note("2", "Kievitsbloem");
        SnapshotLog.Entry published = snapshots.publish(first);
        note("3", "Merelbes"); // after the snapshot: only in the change log
        assertThat(published.seq()).isEqualTo(store.lastSeq() - 1);
        assertThat(log.newest()).contains(published);

        second = open("second");

        assertThat(first.origin()).isEqualTo("rebuilt");
        assertThat(second.origin()).isEqualTo("snapshot seq " + published.seq());
        assertThat(snapshots.whyNotUsed()).isEmpty();
        assertThat(found(second, "zwaluwstaart")).isEqualTo(1);
        assertThat(found(second, "merelbes")).as("written after the snapshot").isEqualTo(1);
        assertThat(second.appliedSeq()).isEqualTo(store.lastSeq());
    }

    @Test
    void aSnapshotWithACorruptFileIsNotUsedAndTheIndexIsRebuilt() throws IOException {
        note("1", "Zwaluwstaart");
        snapshots.publish(first);
        IndexSnapshots.Manifest manifest = manifestOf(log.newest().orElseThrow().manifestSha256());
        String segments = manifest.files().keySet().stream().filter(n -> n.startsWith("segments_")).findFirst().orElseThrow();
        Path stored = blobFile(manifest.files().get(segments).sha256());
        byte[] bytes = Files.readAllBytes(stored);
        bytes[bytes.length / 2] ^= 1;
        stored.toFile().setWritable(true);
        Files.write(stored, bytes);

        second = open("second");

        assertThat(second.origin()).isEqualTo("rebuilt");
        assertThat(snapshots.whyNotUsed()).hasValueSatisfying(why -> assertThat(why).contains(segments, "SHA-256"));
        assertThat(found(second, "zwaluwstaart")).isEqualTo(1);
    }

    @Test
    void aSnapshotOfAnotherFormatOrWithoutItsManifestIsNotUsed() throws IOException {
        note("1", "Zwaluwstaart");
        String absent = "0".repeat(64);
        log.record(new SnapshotLog.Entry(absent, "another", 1, Instant.now(), "older-node"));
        second = open("second");
        assertThat(second.origin()).isEqualTo("rebuilt");
        assertThat(snapshots.whyNotUsed()).hasValue("it has index format another, this node writes " + SearchIndex.FORMAT);
        second.close();
        FileTree.deleteContents(dir.resolve("second"));

        log.record(new SnapshotLog.Entry("1".repeat(64), SearchIndex.FORMAT, 1, Instant.now(), "older-node"));
        second = open("second");
        assertThat(second.origin()).isEqualTo("rebuilt");
        assertThat(snapshots.whyNotUsed()).hasValueSatisfying(why -> assertThat(why).contains("manifest", "missing"));
        assertThat(found(second, "zwaluwstaart")).isEqualTo(1);
    }

    IndexSnapshots.Manifest manifestOf(String sha256) throws IOException {
        try (var in = blobs.open(sha256)) {
            return nl.vindplaats.base.Json.MAPPER.readValue(in, IndexSnapshots.Manifest.class);
        }
    }

    /** Where the file store keeps a blob (see FileBlobStore): two levels of directories by the hash's beginning. */
    Path blobFile(String sha256) {
        return dir.resolve("blobs").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    /** Besides the interval: a snapshot once N changes have been indexed since the newest one, by one node at a time. */
    @Test
    void aSnapshotIsPublishedOnceEnoughChangesWereIndexedSinceTheNewest() throws IOException {
        nl.vindplaats.store.RecurringWork rounds = new nl.vindplaats.store.RecurringWork(
                new nl.vindplaats.store.Jobs(database, Clock.systemUTC()), "test-node", Clock.systemUTC());
        note("1", "Zwaluwstaart");
        SnapshotLog.Entry before = snapshots.publish(first);
        for (int i = 2; i <= 4; i++) {
            note(Integer.toString(i), "Notitie " + i);
        }
        awaitIndexed();
        assertThat(snapshots.publishAfterChanges(first, rounds, 4)).as("three changes since the newest").isFalse();
        assertThat(log.newest()).contains(before);

        note("5", "Kievitsbloem");
        awaitIndexed();
        assertThat(snapshots.publishAfterChanges(first, rounds, 0)).as("0: not after changes").isFalse();
        assertThat(snapshots.publishAfterChanges(first, rounds, 4)).as("four changes since the newest").isTrue();
        assertThat(log.newest().orElseThrow().seq()).isEqualTo(store.lastSeq());
        assertThat(snapshots.publishAfterChanges(first, rounds, 4)).as("none since this one").isFalse();

        // While another node holds the lock (it is looking, or publishing), this node leaves it to that one.
        for (int i = 6; i <= 9; i++) {
            note(Integer.toString(i), "Notitie " + i);
        }
        awaitIndexed();
        nl.vindplaats.store.Jobs jobs = new nl.vindplaats.store.Jobs(database, Clock.systemUTC());
        assertThat(jobs.claim(IndexSnapshots.AFTER_CHANGES, "other-node", Duration.ofMinutes(1))).isPresent();
        assertThat(snapshots.publishAfterChanges(first, rounds, 4)).isFalse();
    }

    private void awaitIndexed() {
        nl.vindplaats.testing.Eventually.until("the index has every change", Duration.ofSeconds(20),
                () -> first.appliedSeq() == store.lastSeq());
    }
}
