package nl.vindplaats.search;

import com.fasterxml.jackson.core.type.TypeReference;
import nl.vindplaats.base.Json;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.store.RecurringWork;
import nl.vindplaats.store.SnapshotLog;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Snapshots of the search index in the blob store, so that a new (or wiped) node copies an index instead of
 * rebuilding it from every record. A snapshot is the files of one Lucene commit, each stored by its SHA-256 (files
 * that did not change since the previous snapshot are stored once), and a small JSON manifest naming them with the
 * index format and the change number the commit holds; the manifest's hash is recorded in the store's
 * {@link SnapshotLog}. A node that takes a snapshot checks every file's hash and size and opens the result with
 * Lucene before using it, and then catches up from the change log from the snapshot's change number.
 */
public final class IndexSnapshots implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexSnapshots.class);

    /** What a snapshot holds; {@code files} maps each file name of the commit to its blob. */
    public record Manifest(String format, long seq, Map<String, FileEntry> files, String created) {
    }

    /** One file of a snapshot: the blob holding it. */
    public record FileEntry(String sha256, long size) {
    }

    /** The snapshot cannot be used; the message says why (for the log line of the rebuild). */
    static final class Unusable extends IOException {
        Unusable(String reason) {
            super(reason);
        }
    }

    private final BlobStore blobs;
    private final SnapshotLog log;
    private final String node;
    private final Clock clock;
    /** Why the last snapshot looked at was not used (null when one was, or none was looked at). */
    private volatile String notUsedBecause;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "index-snapshots");
        t.setDaemon(true);
        return t;
    });

    /** The kind of job (store/Jobs) of publishing a snapshot: one node at a time does it. */
    public static final String ROUND = "index-snapshot";

    public IndexSnapshots(BlobStore blobs, SnapshotLog log, String node, Clock clock) {
        this.blobs = blobs;
        this.log = log;
        this.node = node;
        this.clock = clock;
    }

    /** The kind of job of publishing after many changes: a lock, so that one node at a time looks and publishes. */
    public static final String AFTER_CHANGES = "index-snapshot-after-changes";

    /**
     * Publishes a snapshot of {@code index} once per {@code every} across the nodes sharing the store: whichever node
     * holds the round's lease does it. Each node asks at that interval, and at least every minute; then it also
     * publishes one when {@code afterChanges} changes (if more than 0) have been indexed since the newest snapshot, so
     * that after a bulk load a new node does not replay them all from the change log.
     */
    public void startPublishing(SearchIndex index, RecurringWork rounds, Duration every, long afterChanges) {
        long tick = (every.compareTo(Duration.ofMinutes(1)) < 0 ? every : Duration.ofMinutes(1)).toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            if (scheduler.isShutdown()) {
                return;
            }
            // Only close() interrupts this thread on purpose, and then it is shut down: a flag left set by a call
            // that was interrupted elsewhere must not fail every later round's object-store calls.
            Thread.interrupted();
            try {
                rounds.runIfDue(ROUND, every, () -> {
                    try {
                        publish(index);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                publishAfterChanges(index, rounds, afterChanges);
            } catch (RuntimeException e) { // a task that throws is never run again; the next round tries again
                LOG.warn("Publishing an index snapshot failed: {}", e.toString());
            }
        }, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Publishes a snapshot when at least {@code afterChanges} changes have been indexed here since the newest snapshot
     * (of any node), unless another node is looking at the same moment; true when this node published one.
     */
    boolean publishAfterChanges(SearchIndex index, RecurringWork rounds, long afterChanges) {
        if (afterChanges <= 0 || changesSinceNewest(index) < afterChanges) {
            return false;
        }
        boolean[] published = {false};
        rounds.runIfFree(AFTER_CHANGES, () -> {
            long changes = changesSinceNewest(index); // again: another node may have published meanwhile
            if (changes >= afterChanges) {
                LOG.info("{} changes indexed since the newest index snapshot: publishing one", changes);
                try {
                    publish(index);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                published[0] = true;
            }
        });
        return published[0];
    }

    private long changesSinceNewest(SearchIndex index) {
        return index.appliedSeq() - log.newest().map(SnapshotLog.Entry::seq).orElse(0L);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Commits the index, stores the files of that commit and its manifest, and records it as the newest snapshot.
     * The commit's files are held from deletion (merges go on) until they are stored.
     */
    public SnapshotLog.Entry publish(SearchIndex index) throws IOException {
        long started = System.nanoTime();
        Manifest manifest = index.withLastCommit(this::store);
        byte[] json = Json.write(manifest).getBytes(StandardCharsets.UTF_8);
        BlobStore.Blob stored = blobs.put(new ByteArrayInputStream(json), json.length);
        SnapshotLog.Entry entry = new SnapshotLog.Entry(stored.sha256(), manifest.format(), manifest.seq(),
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), node); // as the store keeps it
        log.record(entry);
        LOG.info("Index snapshot {} published at change {}: {} files, {} bytes, in {} ms", stored.sha256(),
                manifest.seq(), manifest.files().size(),
                manifest.files().values().stream().mapToLong(FileEntry::size).sum(), (System.nanoTime() - started) / 1_000_000);
        return entry;
    }

    private Manifest store(IndexCommit commit) throws IOException {
        Map<String, String> userData = commit.getUserData();
        Map<String, FileEntry> files = new TreeMap<>();
        Directory directory = commit.getDirectory();
        for (String name : commit.getFileNames()) {
            try (IndexInput input = directory.openInput(name, IOContext.READONCE);
                 InputStream in = new IndexInputStream(input)) {
                BlobStore.Blob blob = blobs.put(in, Long.MAX_VALUE);
                files.put(name, new FileEntry(blob.sha256(), blob.size()));
            }
        }
        return new Manifest(userData.get(SearchIndex.FORMAT_KEY), Long.parseLong(userData.getOrDefault(SearchIndex.SEQ, "0")),
                files, clock.instant().toString());
    }

    /**
     * Fills the empty directory {@code target} with the newest snapshot, when there is one of {@code format} and every
     * file is as its manifest says; returns its change number. Empty otherwise, with a log line that says why; the
     * directory is then emptied again for a rebuild.
     */
    Optional<Long> restore(Path target, String format) {
        Optional<SnapshotLog.Entry> newest;
        try {
            newest = log.newest();
        } catch (RuntimeException e) {
            notUsedBecause = "snapshots could not be looked up: " + e;
            LOG.warn("Index snapshots could not be looked up ({}); building the index from the store", e.toString());
            return Optional.empty();
        }
        if (newest.isEmpty()) {
            notUsedBecause = "no snapshot has been published";
            LOG.info("No index snapshot has been published; building the index from the store");
            return Optional.empty();
        }
        SnapshotLog.Entry entry = newest.get();
        long started = System.nanoTime();
        try {
            if (!format.equals(entry.indexFormat())) {
                throw new Unusable("it has index format " + entry.indexFormat() + ", this node writes " + format);
            }
            Manifest manifest = readManifest(entry.manifestSha256());
            if (!format.equals(manifest.format()) || manifest.seq() != entry.seq()) {
                throw new Unusable("its manifest says format " + manifest.format() + " at change " + manifest.seq()
                        + ", the store recorded format " + entry.indexFormat() + " at change " + entry.seq());
            }
            Files.createDirectories(target);
            for (Map.Entry<String, FileEntry> file : manifest.files().entrySet()) {
                download(file.getKey(), file.getValue(), target);
            }
            checkWithLucene(target, manifest);
            LOG.info("Search index taken from snapshot {} at change {} ({} files) in {} ms", entry.manifestSha256(),
                    manifest.seq(), manifest.files().size(), (System.nanoTime() - started) / 1_000_000);
            notUsedBecause = null;
            return Optional.of(manifest.seq());
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof Unusable ? e.getMessage() : e.toString();
            notUsedBecause = reason;
            LOG.warn("Index snapshot {} at change {} is not used ({}); building the index from the store",
                    entry.manifestSha256(), entry.seq(), reason);
            return Optional.empty();
        }
    }

    /** Why the last snapshot this node looked at was not used; empty when it was used (or none was looked for). */
    public Optional<String> whyNotUsed() {
        return Optional.ofNullable(notUsedBecause);
    }

    private Manifest readManifest(String sha256) throws IOException {
        byte[] json;
        try (InputStream in = blobs.open(sha256)) {
            json = in.readAllBytes();
        } catch (FileNotFoundException e) {
            throw new Unusable("its manifest " + sha256 + " is missing from " + blobs.describe());
        }
        if (!sha256.equals(sha256(json))) {
            throw new Unusable("its manifest does not have the hash it is stored under");
        }
        try {
            return Json.MAPPER.readValue(json, new TypeReference<Manifest>() { });
        } catch (IOException e) {
            throw new Unusable("its manifest is not readable: " + e.getMessage());
        }
    }

    private void download(String name, FileEntry file, Path target) throws IOException {
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new Unusable("its manifest names a file outside the index: " + name);
        }
        MessageDigest digest = newDigest();
        long size;
        try (InputStream in = new DigestInputStream(blobs.open(file.sha256()), digest);
             OutputStream out = Files.newOutputStream(target.resolve(name))) {
            size = in.transferTo(out);
        } catch (FileNotFoundException e) {
            throw new Unusable("its file " + name + " (" + file.sha256() + ") is missing from " + blobs.describe());
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(file.sha256()) || size != file.size()) {
            throw new Unusable("its file " + name + " has SHA-256 " + actual + " and " + size + " bytes, not "
                    + file.sha256() + " and " + file.size());
        }
    }

    /** Lucene must open what was copied, at the change the manifest names; the files are then made durable. */
    private static void checkWithLucene(Path target, Manifest manifest) throws IOException {
        try (Directory directory = FSDirectory.open(target)) {
            directory.sync(manifest.files().keySet());
            directory.syncMetaData();
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                String seq = reader.getIndexCommit().getUserData().get(SearchIndex.SEQ);
                if (!Long.toString(manifest.seq()).equals(seq)) {
                    throw new Unusable("its index holds change " + seq + ", its manifest says " + manifest.seq());
                }
            }
        }
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Lucene file read as a stream, for the blob store. */
    private static final class IndexInputStream extends InputStream {
        private final IndexInput input;

        IndexInputStream(IndexInput input) {
            this.input = input;
        }

        @Override
        public int read() throws IOException {
            return input.getFilePointer() < input.length() ? input.readByte() & 0xff : -1;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            long left = input.length() - input.getFilePointer();
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            input.readBytes(bytes, offset, n);
            return n;
        }
    }
}
